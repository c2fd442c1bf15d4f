import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '@lrt/contracts';
import { stubXhr } from '@/features/evidence/fake-xhr';
import { makeReview, problem } from '@/features/reviews/test-fixtures';
import { makeAgency, makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { loadImportContract } from '../import-contract';
import { makeAgencyMatch, makePreview, makeRow } from '../test-factories';
import { ImportPage } from './import-page';

// The contract's chunk, loaded once before the tests (the first load transforms zod, which is slow on a busy machine).
beforeAll(() => loadImportContract(), 30_000);

const agencies = [
  makeAgency({ id: 1, name: 'Northmoor Council Adult Social Care', shortName: 'NASC', kind: 'local_authority' }),
  makeAgency({ id: 2, name: 'Northmoor Police', shortName: 'NP', kind: 'police' }),
];

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** The API of one import: `respond` decides what a PATCH or commit answers (by default the preview unchanged). */
function fakeImportApi(preview: ImportPreview, respond: { patch?: (body: unknown) => Response; commit?: () => Response } = {}) {
  const sent: Sent[] = [];
  let current = preview;
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (method !== 'GET') sent.push({ method, path: url.pathname, body });
      if (url.pathname === '/api/reviews/3') return jsonResponse(makeReview());
      if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
      if (url.pathname === `/api/imports/${preview.id}` && method === 'GET') return jsonResponse(current);
      if (url.pathname === `/api/imports/${preview.id}` && method === 'PATCH') {
        const answer = respond.patch?.(body) ?? jsonResponse(current);
        if (answer.ok) current = (await answer.clone().json()) as ImportPreview;
        return answer;
      }
      if (url.pathname === `/api/imports/${preview.id}/commit`) {
        const answer = respond.commit?.() ?? jsonResponse({ created: 1, updated: 0, agenciesCreated: 0 });
        if (answer.ok) current = { ...current, state: 'committed', committedAt: '2026-03-03T10:05:00.000Z', canCommit: false };
        return answer;
      }
      return problem(404, 'not_found');
    }),
  );
  return sent;
}

const openImport = (url = '/reviews/3/import/5') => renderAt(<ImportPage />, { url, path: '/reviews/:reviewId/import/:importId?' });

describe('ImportPage: uploading', () => {
  it('sends the file with the review, shows its progress and then that it is being read, and opens the preview at its own address', async () => {
    const requests = stubXhr();
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async (input) => (String(input).endsWith('/api/reviews/3') ? jsonResponse(makeReview()) : jsonResponse({ items: agencies, nextCursor: null }))));
    const user = userEvent.setup();
    openImport('/reviews/3/import');

    expect(await screen.findByRole('heading', { level: 1, name: 'Import an action plan' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Import an action plan into SD-2022/));
    expect(screen.getByText(/A CSV or Excel \(\.xlsx\) file of up to 20 MB/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download a blank template' })).toHaveAttribute('href', '/api/exports/plan-template.xlsx');

    await user.upload(screen.getByLabelText('Choose the spreadsheet'), new File(['Agency,Action to be taken\nWMP,Dip sample 10 cases\n'], 'plan.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));

    const [xhr] = requests;
    expect(xhr?.url).toBe('/api/imports');
    expect(xhr?.body?.get('reviewId')).toBe('3');
    expect(xhr?.file?.name).toBe('plan.csv');
    await xhr!.progress(40, 100);
    expect(screen.getByRole('progressbar', { name: 'Uploading plan.csv' })).toHaveAttribute('value', '40');
    expect(screen.getByText('40% uploaded')).toBeInTheDocument();
    await xhr!.progress(100, 100);
    expect(screen.getByText('Reading the file “plan.csv”…')).toBeInTheDocument();

    await xhr!.respond(201, makePreview());
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/reviews/3/import/5'));
    expect(await screen.findByRole('heading', { name: '2. Check the columns' })).toBeInTheDocument();
  });

  it('shows the API’s reason when it refuses the file, beside the input and in the summary', async () => {
    // As the API words it: the problem's field error about the file reads after the file's name.
    const requests = stubXhr();
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse(makeReview())));
    const user = userEvent.setup();
    openImport('/reviews/3/import');

    await user.upload(await screen.findByLabelText('Choose the spreadsheet'), new File(['PK'], 'minutes.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));
    await requests[0]!.respond(415, {
      type: 'about:blank',
      title: 'Not a spreadsheet the import reads',
      status: 415,
      code: 'import.unsupported_type',
      detail: 'file: is a Word document, not CSV or Excel (.xlsx)',
      errors: [{ path: 'file', message: 'is a Word document, not CSV or Excel (.xlsx)' }],
    });

    const summary = await screen.findByRole('alert');
    const reason = 'The file “minutes.xlsx” is a Word document, not CSV or Excel (.xlsx)';
    expect(within(summary).getByRole('link', { name: reason })).toHaveAttribute('href', '#import-file');
    expect(screen.getByLabelText('Choose the spreadsheet')).toHaveAccessibleDescription(expect.stringContaining(`Error: ${reason}`));
    await waitFor(() => expect(document.title).toMatch(/^Error: Import an action plan/));
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews/3/import');
  });

  it('refuses an empty file or none before sending anything', async () => {
    const requests = stubXhr();
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse(makeReview())));
    const user = userEvent.setup();
    openImport('/reviews/3/import');

    await user.click(await screen.findByRole('button', { name: 'Upload and read the file' }));
    expect(await screen.findByRole('link', { name: 'Choose a CSV or Excel (.xlsx) file to upload' })).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Choose the spreadsheet'), new File([], 'empty.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));
    expect(await screen.findByRole('link', { name: 'The file “empty.csv” is empty' })).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });

  it('tells someone who does not manage plans who does', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse(makeReview())));
    renderAt(<ImportPage />, { url: '/reviews/3/import', path: '/reviews/:reviewId/import/:importId?', me: makeAgencyLeadMe() });
    expect(await screen.findByText(/imported from a spreadsheet by the partnership business unit/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose the spreadsheet')).not.toBeInTheDocument();
  });
});

describe('ImportPage: columns and agencies', () => {
  it('shows each column with its first values and sends the whole mapping when a select is changed and applied', async () => {
    const sent = fakeImportApi(makePreview(), {
      patch: (body) => jsonResponse(makePreview({ mapping: (body as { mapping: ImportPreview['mapping'] }).mapping })),
    });
    const user = userEvent.setup();
    openImport();

    const progress = await screen.findByLabelText('Read the column “Progress Update” as');
    expect(progress).toHaveDisplayValue('Leave this column out');
    const row = progress.closest('tr')!;
    expect(row).toHaveTextContent('Contact made with Principal Social Worker');

    await user.selectOptions(progress, 'Progress update (becomes a progress note)');
    expect(screen.getByText('You have changed 1 column. Apply the changes to see the preview read again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import the plan' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Apply the columns' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/api/imports/5',
      body: {
        mapping: [
          { column: 0, field: 'ownerAgency' },
          { column: 1, field: 'learningNeed' },
          { column: 2, field: 'action' },
          { column: 3, field: 'progressUpdate' },
          { column: 4, field: 'targetDate' },
        ],
      },
    });
    expect(await screen.findByText('The preview has been read again. 1 row: 1 to create, 0 to update.')).toBeInTheDocument();
    expect(screen.queryByText(/You have changed 1 column/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import the plan' })).toBeEnabled();
  });

  it('reads a field from one column only: giving it to another leaves the first out, and says so', async () => {
    const sent = fakeImportApi(makePreview());
    const user = userEvent.setup();
    openImport();

    await user.selectOptions(await screen.findByLabelText('Read the column “Progress Update” as'), 'Action to be taken');
    expect(screen.getByLabelText('Read the column “Action to be taken” as')).toHaveDisplayValue('Leave this column out');
    expect(screen.getByText('“Action to be taken” is now left out: Action to be taken is read from one column only, “Progress Update”.')).toBeInTheDocument();
    expect(screen.getByText('You have changed 2 columns. Apply the changes to see the preview read again.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('creates an agency the tracker does not know, with the name, short name and kind chosen', async () => {
    const unknown = makeAgencyMatch({ name: 'Horizons Team', rows: 2, agencyId: null, matchedBy: 'none', suggestions: [{ id: 2, name: 'Northmoor Police', shortName: 'NP' }] });
    const sent = fakeImportApi(makePreview({ agencies: [makeAgencyMatch(), unknown] }), {
      patch: () =>
        jsonResponse(makePreview({ agencies: [makeAgencyMatch(), { ...unknown, matchedBy: 'created', create: { name: 'Horizons Team', shortName: 'HZN', kind: 'local_authority' } }] })),
    });
    const user = userEvent.setup();
    openImport();

    expect(await screen.findByText('Matched to Northmoor Council Adult Social Care by its name.')).toBeInTheDocument();
    expect(screen.getByText('Not matched to an agency: the rows naming it cannot be imported until you choose.')).toBeInTheDocument();
    const which = screen.getByLabelText('Which agency is “Horizons Team”?');
    expect(within(which).getByRole('group', { name: 'Closest matches' })).toHaveTextContent('Northmoor Police (NP)');
    await user.selectOptions(which, 'Create it as a new agency');
    expect(screen.getByLabelText('Name of the new agency')).toHaveValue('Horizons Team');
    await user.clear(screen.getByLabelText('Short name'));
    await user.type(screen.getByLabelText('Short name'), 'HZN');
    await user.selectOptions(screen.getByLabelText('Kind of agency'), 'Local authority');
    await user.click(screen.getByRole('button', { name: 'Apply the agencies' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({ agencyMatches: [{ name: 'Horizons Team', create: { name: 'Horizons Team', shortName: 'HZN', kind: 'local_authority' } }] });
    expect(await screen.findByText('Will be created as a new agency, Horizons Team (HZN), when the plan is imported.')).toBeInTheDocument();
  });

  it('names a missing short name of a new agency before sending anything', async () => {
    const sent = fakeImportApi(makePreview({ agencies: [makeAgencyMatch({ name: 'Horizons Team', agencyId: null, matchedBy: 'none' })] }));
    const user = userEvent.setup();
    openImport();

    await user.selectOptions(await screen.findByLabelText('Which agency is “Horizons Team”?'), 'Create it as a new agency');
    await user.clear(screen.getByLabelText('Short name'));
    await user.click(screen.getByRole('button', { name: 'Apply the agencies' }));
    expect(await screen.findByRole('link', { name: 'Enter a short name for the agency to create for “Horizons Team”' })).toHaveAttribute('href', '#import-agency-0-short-name');
    expect(sent).toHaveLength(0);
  });
});

const manyRows = () =>
  Array.from({ length: 120 }, (_, index) =>
    makeRow({
      rowNumber: index + 2,
      ref: `SD-2022/A${index + 1}`,
      values: { ownerAgency: 'NASC', action: `Action number ${index + 1}`, targetDate: '2026-03-31', status: 'Not started' },
      ...(index % 40 === 5 ? { outcome: 'error' as const, errors: [{ field: 'targetDate', message: 'no such date: 31/02/2026' }] } : {}),
      ...(index % 30 === 7 ? { warnings: [{ field: 'targetDate', message: '31.3.26 read as 31 March 2026' }] } : {}),
    }),
  );

describe('ImportPage: the preview', () => {
  it('shows fifty rows at a time, pages through them and filters them, keeping both in the address', async () => {
    fakeImportApi(makePreview({ rows: manyRows() }));
    const user = userEvent.setup();
    openImport();

    const table = await screen.findByRole('table', { name: 'All rows: rows 1 to 50 of 120' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(within(table).getByRole('rowheader', { name: 'Row 2' })).toBeInTheDocument();
    expect(screen.getByText('Rows with errors').nextElementSibling).toHaveTextContent('3');

    await user.click(screen.getByRole('link', { name: /Next page of rows/ }));
    expect(await screen.findByRole('table', { name: 'All rows: rows 51 to 100 of 120' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews/3/import/5?page=2');
    expect(screen.getByRole('rowheader', { name: 'Row 52' })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'Row 2' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'With errors (3)' }));
    const errors = await screen.findByRole('table', { name: 'With errors: 3 rows' });
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews/3/import/5?show=errors');
    const first = within(errors).getByRole('rowheader', { name: 'Row 7' }).closest('tr')!;
    expect(first).toHaveTextContent('Error');
    expect(first).toHaveTextContent('Error: Target date: no such date: 31/02/2026');
    expect(within(screen.getByRole('navigation', { name: 'Which rows to show' })).getByText('With errors (3)')).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('link', { name: 'With warnings (4)' }));
    const warnings = await screen.findByRole('table', { name: 'With warnings: 4 rows' });
    expect(within(warnings).getByRole('rowheader', { name: 'Row 9' }).closest('tr')).toHaveTextContent('Warning: Target date: 31.3.26 read as 31 March 2026');
  });

  it('shows what an update changes', async () => {
    fakeImportApi(makePreview({ rows: [makeRow({ outcome: 'update', actionId: 7, changes: ['action', 'targetDate'] })] }));
    openImport();
    const row = (await screen.findByRole('rowheader', { name: 'Row 2' })).closest('tr')!;
    expect(row).toHaveTextContent('Update');
    expect(row).toHaveTextContent('Changes: Action to be taken, Target date');
  });

  it('leaves out a row with errors, sending every row left out', async () => {
    const rows = [makeRow(), makeRow({ rowNumber: 3, outcome: 'error', errors: [{ field: 'ownerAgency', message: 'no agency matches “Horizons Team”' }] }), makeRow({ rowNumber: 4, outcome: 'left_out' })];
    const sent = fakeImportApi(makePreview({ rows }));
    const user = userEvent.setup();
    openImport();

    expect(await screen.findByRole('rowheader', { name: 'Row 2' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Leave out row 2')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Leave out row 4')).toBeChecked();
    await user.click(screen.getByLabelText('Leave out row 3'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({ leaveOut: [3, 4] });
  });
});

describe('ImportPage: importing', () => {
  it('offers no import while rows have errors, and says why', async () => {
    fakeImportApi(makePreview({ rows: [makeRow(), makeRow({ rowNumber: 3, outcome: 'error', errors: [{ field: 'action', message: 'is empty' }] })] }));
    openImport();
    const commit = await screen.findByRole('button', { name: 'Import the plan' });
    expect(commit).toBeDisabled();
    expect(commit).toHaveAccessibleDescription(/^Warning:\s*1 row has errors\. Correct the columns or the agencies, or leave those rows out, then import the plan\.$/);
  });

  it('imports the plan and says what it did, with the way back to the review', async () => {
    const sent = fakeImportApi(makePreview(), { commit: () => jsonResponse({ created: 12, updated: 3, agenciesCreated: 1 }) });
    const user = userEvent.setup();
    openImport();
    await user.click(await screen.findByRole('button', { name: 'Import the plan' }));

    expect(await screen.findByText('12 actions created, 3 updated, 1 agency created')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'POST', path: '/api/imports/5/commit', body: undefined }]);
    expect(screen.getByRole('link', { name: 'Go back to the review' })).toHaveAttribute('href', '/reviews/3');
    expect(screen.queryByRole('button', { name: 'Import the plan' })).not.toBeInTheDocument();
  });

  it('shows the API’s refusal when errors remain, in words', async () => {
    fakeImportApi(makePreview(), {
      commit: () => problem(422, 'import.not_ready', { detail: '2 rows have errors: nothing was saved' }),
    });
    const user = userEvent.setup();
    openImport();
    await user.click(await screen.findByRole('button', { name: 'Import the plan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('2 rows have errors: nothing was saved');
  });
});
