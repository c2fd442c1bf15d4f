import type { Action, Me } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { actionKeys } from '@/features/actions/api/keys';
import { makeProgressUpdate } from '@/features/dashboard/test-factories';
import { storedFile, stubXhr } from '@/features/evidence/fake-xhr';
import { setCsrfToken } from '@/lib/api-client';
import { makeAction, makeAgency, makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { progressUpdateKeys } from '../api/keys';
import { ProgressUpdateForm } from './progress-update-form';

const agencies = new Map([[1, makeAgency()]]);
const settings = { partnershipName: 'Sandwell', updateCadenceDays: 56, dueSoonDays: 28, replyPeriodDays: 28, evidenceMaxMegabytes: 20, version: 1 };
const MB = 1_048_576;

/** The API: settings, and whatever `answer` says to a posted update (a 500 unless the test says otherwise). */
function renderForm(
  action: Action = makeAction(),
  { me, answer = () => jsonResponse({ message: 'unused' }, { status: 500 }) }: { me?: Me; answer?: (body: Record<string, unknown>) => Response } = {},
) {
  const posts: Record<string, unknown>[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/settings') return jsonResponse(settings);
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      posts.push(body);
      return answer(body);
    }
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  const rendered = renderAt(<ProgressUpdateForm action={action} agencies={agencies} />, {
    url: `/actions/${action.id}`,
    ...(me ? { me } : {}),
  });
  return { fetchMock, posts, user, ...rendered };
}

const posted = (overrides: Parameters<typeof makeProgressUpdate>[0] = {}) =>
  jsonResponse(makeProgressUpdate({ id: 41, createdAt: '2026-03-03T10:00:00.000Z', ...overrides }), { status: 201 });

const errorSummary = () => screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;
const noteField = () => screen.getByLabelText('What has been done since the last update?');
const statusField = () => screen.getByLabelText('Change the status of the action (optional)');
const documentInput = () => screen.getByLabelText('Add a document');

describe('ProgressUpdateForm', () => {
  it('shows what is missing, in the summary and next to each field, without sending anything', async () => {
    const { posts, user } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const summary = errorSummary();
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select how confident you are that the action is on track' })).toHaveAttribute(
      'href',
      '#update-confidence',
    );
    expect(within(summary).getByRole('link', { name: 'Enter what has been done since the last update' })).toHaveAttribute(
      'href',
      '#update-note',
    );
    expect(summary).toHaveFocus();

    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(noteField()).toHaveAccessibleDescription(expect.stringContaining('Error: Enter what has been done since the last update'));
    expect(screen.getByRole('group', { name: 'How confident are you that the action is on track?' })).toHaveAccessibleDescription(
      'Error: Select how confident you are that the action is on track',
    );
    expect(posts).toEqual([]);

    // Mending a field keeps the focus there.
    await user.click(noteField());
    await user.type(noteField(), 'Briefings');
    expect(noteField()).toHaveFocus();
    expect(noteField()).toHaveValue('Briefings');
  });

  it('checks evidence links against the shared schema', async () => {
    const { posts, user } = renderForm();

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'Briefings delivered.');
    await user.click(screen.getByRole('button', { name: 'Add an evidence link' }));
    expect(screen.getByLabelText('Evidence link 1: what it is')).toHaveFocus();
    await user.type(screen.getByLabelText('Evidence link 1: what it is'), 'Briefing slides');
    await user.type(screen.getByLabelText('Evidence link 1: web address'), 'sharepoint/slides.pptx');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const message = 'Evidence link 1 must be a web address starting http:// or https://';
    expect(within(errorSummary()).getByRole('link', { name: message })).toBeInTheDocument();
    expect(screen.getByLabelText('Evidence link 1: web address')).toHaveAccessibleDescription(`Error: ${message}`);
    expect(posts).toEqual([]);
  });

  it('shows the field errors of a problem+json response next to their fields', async () => {
    const { user } = renderForm(makeAction({ status: 'not_started' }), {
      answer: () =>
        jsonResponse(
          {
            type: 'https://tracker.example/problems/action.transition_not_allowed',
            title: 'The status cannot change',
            status: 422,
            detail: 'statusChange.to: an action that is not started can move only to in progress, withdrawn',
            code: 'action.transition_not_allowed',
            errors: [{ path: 'statusChange.to', message: 'an action that is not started can move only to in progress, withdrawn' }],
          },
          { status: 422 },
        ),
    });

    await user.click(screen.getByRole('radio', { name: 'At risk' }));
    await user.type(noteField(), 'Work has started.');
    await user.selectOptions(statusField(), 'In progress');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const message = 'An action that is not started can move only to in progress, withdrawn';
    expect(await within(errorSummary()).findByRole('link', { name: message })).toHaveAttribute('href', '#update-status');
    expect(statusField()).toHaveAccessibleDescription(expect.stringContaining(`Error: ${message}`));
    expect(screen.queryByText('Your progress update has been posted')).not.toBeInTheDocument();
  });

  it('offers exactly the status changes the API allows this person', () => {
    renderForm(makeAction({ status: 'completed' }));
    const options = within(statusField())
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['No change: keep it Completed', 'Assured', 'In progress', 'Withdrawn']);
  });

  it('offers an agency lead only their own moves, and no status field when they have none', () => {
    const permissions = { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: ['in_progress' as const], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false };
    renderForm(makeAction({ status: 'completed', permissions }));
    const options = within(statusField())
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['No change: keep it Completed', 'In progress']);
  });

  it('says the status cannot change when the API allows no change', () => {
    renderForm(makeAction({ status: 'completed', permissions: { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: [], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByLabelText('Change the status of the action (optional)')).not.toBeInTheDocument();
    expect(screen.getByText('The action is Completed. You cannot change its status.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Post update' })).toBeInTheDocument();
  });

  it('is not shown to someone who may not post on the action', () => {
    renderForm(makeAction({ permissions: { canEdit: false, canPostUpdate: false, canComment: false, statusChanges: [], agencyIds: [], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByRole('heading', { name: 'Post a progress update' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Post update' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('asks which agency the update is for only when the author speaks for more than one, starting with the domain’s default', async () => {
    const twoAgencies = new Map([
      [1, makeAgency()],
      [2, makeAgency({ id: 2, name: 'Birmingham Children’s Trust', shortName: 'BCT', kind: 'local_authority' })],
    ]);
    const posts: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        if (init?.method === 'POST') posts.push(JSON.parse(String(init.body)) as Record<string, unknown>);
        return String(input).endsWith('/settings') ? jsonResponse(settings) : jsonResponse({ message: 'unused' }, { status: 500 });
      }),
    );
    const user = userEvent.setup();
    const action = makeAction({
      kind: 'multi_agency',
      partnerAgencyIds: [2],
      permissions: { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: ['completed'], agencyIds: [2, 1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false },
    });
    renderAt(<ProgressUpdateForm action={action} agencies={twoAgencies} />, { url: '/actions/7', me: makeAgencyLeadMe({ agencyIds: [1, 2] }) });

    const agency = screen.getByLabelText('Agency you are writing for');
    expect(within(agency).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Birmingham Children’s Trust',
      'West Midlands Police (leads this action)',
    ]);
    // An agency lead speaks for the owner when it is theirs.
    expect(agency).toHaveValue('1');

    await user.selectOptions(agency, 'Birmingham Children’s Trust');
    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'Joint audit done.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toMatchObject({ agencyId: 2 });
  });

  it('has the business unit choose the agency it posts on behalf of, and will not send its update without one', async () => {
    const twoAgencies = new Map([
      [1, makeAgency()],
      [2, makeAgency({ id: 2, name: 'Birmingham Children’s Trust', shortName: 'BCT', kind: 'local_authority' })],
    ]);
    const posts: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        if (init?.method === 'POST') {
          posts.push(JSON.parse(String(init.body)) as Record<string, unknown>);
          return posted({ agencyId: 2, postedAs: 'business_unit', note: 'Reply by email: 40 staff briefed.' });
        }
        return String(input).endsWith('/settings') ? jsonResponse(settings) : jsonResponse({ items: [], nextCursor: null });
      }),
    );
    const user = userEvent.setup();
    const action = makeAction({ kind: 'multi_agency', partnerAgencyIds: [2], permissions: { ...makeAction().permissions, agencyIds: [1, 2] } });
    renderAt(<ProgressUpdateForm action={action} agencies={twoAgencies} />, { url: '/actions/7' });

    const agency = screen.getByLabelText('On behalf of');
    expect(agency).toHaveValue('');
    expect(agency).toHaveAccessibleDescription(expect.stringContaining('The history will say you posted it on the agency’s behalf'));
    expect(within(agency).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Choose the agency',
      'West Midlands Police (leads this action)',
      'Birmingham Children’s Trust',
    ]);

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'Reply by email: 40 staff briefed.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    expect(within(errorSummary()).getByRole('link', { name: 'Select the agency this update is on behalf of' })).toHaveAttribute('href', '#update-agency');
    expect(posts).toEqual([]);

    await user.selectOptions(agency, 'Birmingham Children’s Trust');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toMatchObject({ kind: 'progress', agencyId: 2, confidence: 'on_track' });
    const confirmation = await screen.findByRole('region', { name: 'Your progress update has been posted' });
    expect(confirmation).toHaveTextContent('On behalf ofBirmingham Children’s Trust');
  });

  it("gives a subgroup chair a comment: a note only, with no confidence, status, agency or evidence", async () => {
    const chairMe = makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, manageUsers: false, manageReferenceData: false });
    const chairs = { ...makeAction().permissions, canEdit: false, canPostUpdate: false, canComment: true, statusChanges: [], agencyIds: [] };
    const { posts, user } = renderForm(makeAction({ subgroupId: 4, permissions: chairs }), {
      me: chairMe,
      answer: (body) => posted({ kind: 'comment', postedAs: 'subgroup_chair', agencyId: null, confidence: null, evidence: [], note: String(body.note) }),
    });

    expect(screen.getByRole('heading', { name: 'Add a comment' })).toBeInTheDocument();
    expect(screen.getByText(/It is not the agency’s progress/)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'How confident are you that the action is on track?' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Change the status of the action (optional)')).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Evidence (optional)' })).not.toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Post comment' }));
    expect(within(errorSummary()).getByRole('link', { name: 'Enter your comment' })).toHaveAttribute('href', '#update-note');
    expect(posts).toEqual([]);

    await user.type(screen.getByLabelText('Your comment'), 'The subgroup asks for the re-audit figures.');
    await user.click(screen.getByRole('button', { name: 'Post comment' }));
    const confirmation = await screen.findByRole('region', { name: 'Your comment has been posted' });
    expect(confirmation).toHaveTextContent('The subgroup asks for the re-audit figures.');
    expect(confirmation).not.toHaveTextContent('Confidence');
    expect(posts).toEqual([{ kind: 'comment', note: 'The subgroup asks for the re-audit figures.', evidence: [], statusChange: null }]);
    expect(screen.getByRole('button', { name: 'Add another comment' })).toBeInTheDocument();
  });

  it('lets the business unit choose between a progress update on an agency’s behalf and a comment of its own', async () => {
    const { posts, user } = renderForm(makeAction(), {
      answer: (body) => posted({ kind: 'comment', postedAs: 'business_unit', agencyId: null, confidence: null, evidence: [], note: String(body.note) }),
    });
    expect(screen.getByRole('heading', { name: 'Post an update or a comment' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'A progress update on behalf of an agency' })).toBeChecked();
    expect(screen.getByLabelText('On behalf of')).toHaveValue('1');

    await user.click(screen.getByRole('radio', { name: 'A comment from the business unit' }));
    expect(screen.queryByRole('group', { name: 'How confident are you that the action is on track?' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('On behalf of')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Your comment'), 'Chased by phone.');
    await user.click(screen.getByRole('button', { name: 'Post comment' }));
    await screen.findByRole('region', { name: 'Your comment has been posted' });
    expect(posts).toEqual([{ kind: 'comment', note: 'Chased by phone.', evidence: [], statusChange: null }]);
  });

  it('does not ask for an agency when the author speaks for one or none', () => {
    renderForm(makeAction({ kind: 'multi_agency', partnerAgencyIds: [2], permissions: { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: [], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByLabelText('Agency you are writing for')).not.toBeInTheDocument();
  });

  it('asks for evidence of impact when assuring, and a reason when withdrawing', async () => {
    const { user } = renderForm(makeAction({ status: 'completed' }));
    expect(screen.queryByLabelText('Evidence of impact')).not.toBeInTheDocument();

    await user.selectOptions(statusField(), 'Assured');
    expect(screen.getByLabelText('Evidence of impact')).toBeInTheDocument();
    expect(screen.queryByLabelText('Reason for withdrawing the action')).not.toBeInTheDocument();

    await user.selectOptions(statusField(), 'Withdrawn');
    expect(screen.getByLabelText('Reason for withdrawing the action')).toBeInTheDocument();
    expect(screen.queryByLabelText('Evidence of impact')).not.toBeInTheDocument();
  });

  it('marks evidence required as soon as completion is chosen, before anything is sent', async () => {
    const { posts, user } = renderForm();
    expect(screen.getByRole('group', { name: 'Evidence (optional)' })).toBeInTheDocument();

    await user.selectOptions(statusField(), 'Completed');
    const evidence = screen.getByRole('group', { name: 'Evidence (required to propose completion)' });
    expect(evidence).toHaveAccessibleDescription(expect.stringContaining('Add at least one document or link'));
    expect(statusField()).toHaveAccessibleDescription(expect.stringContaining('needs evidence'));

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'Audit done.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    const message = 'Add a document or an evidence link to propose the action as completed';
    expect(within(errorSummary()).getByRole('link', { name: message })).toHaveAttribute('href', '#update-document');
    expect(evidence).toHaveAccessibleDescription(expect.stringContaining(`Error: ${message}`));
    expect(posts).toEqual([]);

    await user.selectOptions(statusField(), 'No change: keep it In progress');
    expect(screen.getByRole('group', { name: 'Evidence (optional)' })).toBeInTheDocument();
  });

  it('uploads a document at once, showing its progress, and sends it as a label and file id', async () => {
    const requests = stubXhr();
    setCsrfToken('csrf-123');
    try {
      const { posts, user } = renderForm(makeAction(), {
        answer: (body) =>
          posted({
            note: String(body.note),
            statusChange: { from: 'in_progress', to: 'completed' },
            evidence: [{ label: 'Re-audit of 20 cases', fileId: 91, name: 'Re-audit.pdf', size: 1_258_291, contentType: 'application/pdf' }],
          }),
      });
      await waitFor(() => expect(documentInput()).toHaveAccessibleDescription(expect.stringContaining('of up to 20 MB')));
      expect(documentInput()).toHaveAttribute('accept', expect.stringContaining('.pdf'));

      await user.upload(documentInput(), new File(['%PDF-1.7 audit'], 'Re-audit.pdf', { type: 'application/pdf' }));
      const progress = screen.getByLabelText('Uploading Re-audit.pdf');
      expect(progress.tagName).toBe('PROGRESS');
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.get('x-csrf-token')).toBe('csrf-123');
      expect(requests[0]!.file?.name).toBe('Re-audit.pdf');

      await requests[0]!.progress(55, 100);
      expect(progress).toHaveAttribute('value', '55');
      expect(screen.getByText('50% uploaded')).toHaveAttribute('aria-live', 'polite');

      await requests[0]!.respond(201, storedFile({ name: 'Re-audit.pdf' }));
      expect(screen.queryByLabelText('Uploading Re-audit.pdf')).not.toBeInTheDocument();
      expect(screen.getByText('Re-audit.pdf has been uploaded')).toBeInTheDocument();
      expect(screen.getByText('(1.2 MB, PDF)')).toBeInTheDocument();
      const label = screen.getByLabelText('Document 1: what it is');
      expect(label).toHaveValue('Re-audit');
      await user.clear(label);
      await user.type(label, 'Re-audit of 20 cases');

      // A second document, removed again: it is only dropped from this update.
      await user.upload(documentInput(), new File(['x'], 'draft.docx'));
      await requests[1]!.respond(201, storedFile({ id: 92, name: 'draft.docx' }));
      await user.click(screen.getByRole('button', { name: 'Remove document 2, draft.docx' }));
      expect(screen.queryByLabelText('Document 2: what it is')).not.toBeInTheDocument();
      expect(documentInput()).toHaveFocus();

      await user.click(screen.getByRole('radio', { name: 'On track' }));
      await user.type(noteField(), 'Re-audit done.');
      await user.selectOptions(statusField(), 'Completed');
      await user.click(screen.getByRole('button', { name: 'Post update' }));

      await screen.findByText('Your progress update has been posted');
      // The business unit posts on behalf of the action's one agency.
      expect(posts).toEqual([
        {
          kind: 'progress',
          agencyId: 1,
          note: 'Re-audit done.',
          confidence: 'on_track',
          evidence: [{ label: 'Re-audit of 20 cases', fileId: 91 }],
          statusChange: { from: 'in_progress', to: 'completed' },
        },
      ]);
    } finally {
      setCsrfToken(null);
    }
  });

  it('asks to wait for a document still uploading', async () => {
    const requests = stubXhr();
    const { posts, user } = renderForm();
    await user.upload(documentInput(), new File(['x'], 'minutes.pdf'));
    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'Minutes attached.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    const message = 'Wait for “minutes.pdf” to finish uploading, or cancel it';
    expect(within(errorSummary()).getByRole('link', { name: message })).toHaveAttribute('href', '#update-document');
    expect(posts).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Cancel uploading minutes.pdf' }));
    expect(requests[0]!.aborted).toBe(true);
    expect(screen.queryByLabelText('Uploading minutes.pdf')).not.toBeInTheDocument();
  });

  it('refuses a file that is too large before uploading it, beside the file field', async () => {
    const requests = stubXhr();
    const { user } = renderForm();
    await screen.findByText(/of up to 20 MB/);

    await user.upload(documentInput(), new File([new Uint8Array(21 * MB)], 'whole-case-file.pdf', { type: 'application/pdf' }));

    expect(documentInput()).toHaveAccessibleDescription(expect.stringContaining('Error: The file “whole-case-file.pdf” is larger than 20 MB'));
    expect(requests).toEqual([]);
    expect(screen.queryByLabelText(/Uploading/)).not.toBeInTheDocument();
  });

  it('shows the API’s refusal of an upload beside the file field', async () => {
    const requests = stubXhr();
    const { user } = renderForm();
    await user.upload(documentInput(), new File(['x'], 'scan.pdf', { type: 'application/pdf' }));
    await requests[0]!.respond(413, {
      type: 'about:blank',
      title: 'Too large',
      status: 413,
      detail: 'file: is larger than 20 MB',
      code: 'evidence.too_large',
      errors: [{ path: 'file', message: 'is larger than 20 MB' }],
    });

    expect(documentInput()).toHaveAccessibleDescription(expect.stringContaining('Error: The file “scan.pdf” is larger than 20 MB'));
    expect(screen.queryByLabelText('Document 1: what it is')).not.toBeInTheDocument();
  });

  it('sends the update with the status it saw, then shows what was posted and the update before it', async () => {
    const latestUpdate = { id: 39, createdAt: '2026-02-01T09:00:00.000Z', authorName: 'Jo Bloggs', note: 'Briefing plan agreed.' };
    const { posts, user } = renderForm(makeAction({ latestUpdate }), {
      answer: (body) =>
        posted({
          note: String(body.note),
          statusChange: { from: 'in_progress', to: 'completed' },
          evidence: [{ label: 'Briefing register', url: 'https://intranet.example/briefings' }],
        }),
    });

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(noteField(), 'All response officers briefed.');
    await user.click(screen.getByRole('button', { name: 'Add an evidence link' }));
    await user.type(screen.getByLabelText('Evidence link 1: what it is'), 'Briefing register');
    await user.type(screen.getByLabelText('Evidence link 1: web address'), 'https://intranet.example/briefings');
    await user.click(screen.getByRole('button', { name: 'Add another evidence link' }));
    await user.click(screen.getByRole('button', { name: 'Remove evidence link 2' }));
    expect(screen.getByRole('button', { name: 'Add another evidence link' })).toHaveFocus();
    await user.selectOptions(statusField(), 'Completed');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const confirmation = await screen.findByRole('region', { name: 'Your progress update has been posted' });
    expect(confirmation).toHaveFocus();
    expect(within(confirmation).getByText('All response officers briefed.')).toBeInTheDocument();
    expect(within(confirmation).getByText('Changed from In progress to Completed')).toBeInTheDocument();
    expect(within(confirmation).getByRole('link', { name: 'Briefing register' })).toHaveAttribute('href', 'https://intranet.example/briefings');
    const previous = screen.getByRole('region', { name: 'The update before it' });
    expect(within(previous).getByText('Briefing plan agreed.')).toBeInTheDocument();
    expect(within(previous).getByText(/by Jo Bloggs/)).toBeInTheDocument();
    // The form is closed until asked for again.
    expect(screen.queryByRole('button', { name: 'Post update' })).not.toBeInTheDocument();

    expect(posts).toEqual([
      {
        kind: 'progress',
        agencyId: 1,
        note: 'All response officers briefed.',
        confidence: 'on_track',
        evidence: [{ label: 'Briefing register', url: 'https://intranet.example/briefings' }],
        statusChange: { from: 'in_progress', to: 'completed' },
      },
    ]);

    await user.click(screen.getByRole('button', { name: 'Post another update' }));
    expect(noteField()).toHaveValue('');
    // The business unit's first choice is what it is posting.
    await waitFor(() => expect(screen.getByRole('radio', { name: 'A progress update on behalf of an agency' })).toHaveFocus());
  });

  it('when the action has moved on, says so with its new status and keeps what was typed', async () => {
    const current = makeAction({ status: 'completed', version: 5 });
    const { posts, user, queryClient } = renderForm(makeAction({ status: 'in_progress', version: 4 }), {
      answer: () =>
        jsonResponse(
          { type: 'about:blank', title: 'Changed', status: 409, detail: 'The action has changed', code: 'action.version_conflict', current },
          { status: 409 },
        ),
    });

    await user.click(screen.getByRole('radio', { name: 'At risk' }));
    await user.type(noteField(), 'Training dates moved to May.');
    await user.selectOptions(statusField(), 'Withdrawn');
    await user.type(screen.getByLabelText('Reason for withdrawing the action'), 'Superseded by A7.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const summary = await screen.findByText(/This action has changed since you opened it: it is now Completed/);
    expect(summary).toHaveTextContent('Your update has not been posted yet');
    expect(posts[0]).toMatchObject({ statusChange: { from: 'in_progress', to: 'withdrawn' } });
    expect(noteField()).toHaveValue('Training dates moved to May.');
    expect(screen.getByRole('radio', { name: 'At risk' })).toBeChecked();
    // The form now describes the action as it is.
    expect(within(statusField()).getAllByRole('option')[0]).toHaveTextContent('No change: keep it Completed');
    expect(statusField()).toHaveValue('withdrawn');
    expect(queryClient.getQueryData<Action>(actionKeys.detail(7))?.status).toBe('completed');

    // Sent again, it says what it now sees.
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toMatchObject({ statusChange: { from: 'completed', to: 'withdrawn' } });
  });

  it('asks for the answer to the question when the action was returned, and offers completion again', async () => {
    const returned = { on: '2026-03-02T15:00:00.000Z', question: 'What did the re-audit find about the voice of the child?', replyBy: '2026-03-30' };
    const permissions = { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: ['completed' as const], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false };
    const { user, queryClient } = renderForm(makeAction({ status: 'in_progress', brag: 'amber', returned, permissions }), {
      me: makeAgencyLeadMe(),
      answer: (body) => posted({ note: String(body.note) }),
    });
    queryClient.setQueryData(progressUpdateKeys.list(7), {
      pages: [
        {
          items: [
            makeProgressUpdate({
              id: 40,
              kind: 'return',
              authorName: 'Priya Shah',
              agencyId: null,
              confidence: null,
              note: returned.question,
              question: returned.question,
              replyBy: returned.replyBy,
              statusChange: { from: 'completed', to: 'in_progress' },
              evidence: [],
            }),
          ],
          nextCursor: null,
        },
      ],
      pageParams: [undefined],
    });

    const form = screen.getByRole('form', { name: 'Answer the question' });
    expect(within(form).getByText(returned.question)).toBeInTheDocument();
    expect(within(form).getByText(/Answer due by 30 March 2026/)).toBeInTheDocument();
    expect(within(statusField()).getAllByRole('option').map((option) => option.textContent)).toContain('Completed');
    expect(statusField()).toHaveAccessibleDescription(expect.stringContaining('propose it as completed again'));

    await user.click(screen.getByRole('button', { name: 'Post your answer' }));
    expect(within(errorSummary()).getByRole('link', { name: 'Enter your answer' })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(screen.getByLabelText('Your answer'), '18 of 20 children were seen alone.');
    await user.click(screen.getByRole('button', { name: 'Post your answer' }));

    const confirmation = await screen.findByRole('region', { name: 'Your answer has been posted' });
    expect(within(confirmation).getByText('18 of 20 children were seen alone.')).toBeInTheDocument();
    const previous = screen.getByRole('region', { name: 'The update before it' });
    expect(within(previous).getByText(/Returned for more information by Priya Shah/)).toBeInTheDocument();
    expect(within(previous).getByText(returned.question)).toBeInTheDocument();
  });
});
