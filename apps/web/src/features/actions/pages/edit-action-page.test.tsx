import type { Action } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { EditActionPage } from './edit-action-page';

// These journeys type a lot and load the form's chunk (with zod) on first use: on a busy machine that takes more
// than the default second, so queries wait longer and each test may take up to 20 seconds.

type PatchReply = (body: Record<string, unknown>) => Response;

/** The API at the network boundary: the action, reference data, and PATCH answered by `replies` in turn. */
function stubApi(action: Action, replies: PatchReply[] = []) {
  const patches: Record<string, unknown>[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === `/api/actions/${action.id}` && init?.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      patches.push(body);
      const reply = replies.shift();
      return reply ? reply(body) : jsonResponse({ ...action, ...body, version: action.version + 1 });
    }
    if (url.pathname === `/api/actions/${action.id}`) return jsonResponse(action);
    if (url.pathname === '/api/agencies') {
      return jsonResponse({
        items: [makeAgency(), makeAgency({ id: 2, name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' })],
        nextCursor: null,
      });
    }
    if (url.pathname === '/api/themes') return jsonResponse({ items: [{ id: 6, name: 'Child’s voice', description: '', version: 1 }], nextCursor: null });
    if (url.pathname === '/api/subgroups') {
      return jsonResponse({ items: [{ id: 5, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }], nextCursor: null });
    }
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, patches };
}

const renderPage = (action: Action) =>
  renderAt(<EditActionPage />, { url: `/actions/${action.id}/edit`, path: '/actions/:actionId/*' });

const errorSummary = async () => (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;

describe('EditActionPage', () => {
  it('shows the action’s fields and says status changes only through a progress update', async () => {
    const action = makeAction({ partnerAgencyIds: [2], themeIds: [6], subgroupId: 5 });
    stubApi(action);
    renderPage(action);

    expect(await screen.findByRole('heading', { level: 1, name: 'Edit action' })).toBeInTheDocument();
    expect(screen.getByLabelText('Reference')).toHaveValue('SD-2022/A3');
    expect(screen.getByLabelText('Action to be taken')).toHaveValue(action.action);
    expect(screen.getByRole('checkbox', { name: /West Midlands Ambulance Service/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Child’s voice' })).toBeChecked();
    // Long lists of choices are not put in boxes that scroll inside the page.
    expect(screen.getByRole('checkbox', { name: 'Child’s voice' }).closest('.app-filter__long')).toBeNull();
    expect(screen.getByRole('checkbox', { name: /West Midlands Ambulance Service/ }).closest('.app-filter__long')).toBeNull();
    expect(screen.getByLabelText('Subgroup overseeing the action')).toHaveValue('5');
    expect(screen.getByRole('group', { name: 'Target date (optional)' })).toBeInTheDocument();
    expect(screen.getByLabelText('Day')).toHaveValue('31');
    expect(screen.getByLabelText('Month')).toHaveValue('3');
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
    expect(screen.getByText(/Its status cannot be changed here: it changes only through a/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/status/i)).not.toBeInTheDocument();
  });

  it('checks the form with the shared schema: errors in the summary and next to each field, nothing sent', async () => {
    const user = userEvent.setup();
    const action = makeAction();
    const { patches } = stubApi(action);
    renderPage(action);

    await user.clear(await screen.findByLabelText('Action to be taken'));
    await user.clear(screen.getByLabelText('Year'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Enter the action to be taken' })).toHaveAttribute('href', '#edit-action');
    expect(within(summary).getByRole('link', { name: 'Target date must include a year' })).toHaveAttribute('href', '#edit-target-date');
    expect(screen.getByLabelText('Action to be taken')).toHaveAccessibleDescription(expect.stringContaining('Error: Enter the action to be taken'));
    expect(screen.getByRole('group', { name: 'Target date (optional)' })).toHaveAccessibleDescription(
      expect.stringContaining('Error: Target date must include a year'),
    );
    await waitFor(() => expect(document.title).toMatch(/^Error: Edit action SD-2022\/A3/));
    expect(patches).toEqual([]);
  });

  it('puts the API’s field errors (problem+json errors[].path) next to the named field', async () => {
    const user = userEvent.setup();
    const action = makeAction();
    const { patches } = stubApi(action, [
      () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Already exists',
            status: 409,
            detail: 'ref: is already used by another action',
            code: 'action.ref_taken',
            errors: [{ path: 'ref', message: 'is already used by another action' }],
          },
          { status: 409 },
        ),
    ]);
    renderPage(action);

    const ref = await screen.findByLabelText('Reference');
    await user.clear(ref);
    await user.type(ref, 'SD-2022/A1');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Reference is already used by another action' })).toHaveAttribute('href', '#edit-ref');
    expect(screen.getByLabelText('Reference')).toHaveAccessibleDescription(expect.stringContaining('Reference is already used by another action'));
    expect(patches).toEqual([{ ref: 'SD-2022/A1', version: 4 }]);
  });

  it('on a version conflict, shows the new version beside the unsaved changes and re-applies them onto it', async () => {
    const user = userEvent.setup();
    const action = makeAction({ version: 4 });
    const theirs = makeAction({
      version: 5,
      action: 'Deliver briefings and a practice guide on the voice of the child.',
      updatedAt: '2026-02-01T12:00:00.000Z',
    });
    const { patches } = stubApi(action, [
      () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Changed by someone else',
            status: 409,
            detail: 'Someone else changed the action after you opened it.',
            code: 'action.version_conflict',
            errors: [{ path: 'version', message: 'is not the current version' }],
            current: theirs,
          },
          { status: 409 },
        ),
      (body) => jsonResponse({ ...theirs, ...body, version: 6 }),
    ]);
    renderPage(action);

    const year = await screen.findByLabelText('Year');
    await user.clear(year);
    await user.type(year, '2027');
    await user.type(screen.getByLabelText('Reason for the new target date'), 'Training moved to the new year.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Someone else changed this action while you were editing it')).toBeInTheDocument();
    expect(screen.getByText(/Your changes have not been saved/)).toBeInTheDocument();
    const comparison = screen.getByRole('table', { name: 'The new version and your unsaved changes' });
    const actionRow = within(comparison).getByRole('row', { name: /Action to be taken/ });
    expect(actionRow).toHaveTextContent(theirs.action);
    expect(actionRow).toHaveTextContent('You did not change this');
    const dateRow = within(comparison).getByRole('row', { name: /Target date/ });
    expect(dateRow).toHaveTextContent('31 March 2026');
    expect(dateRow).toHaveTextContent('31 March 2027');

    await user.click(screen.getByRole('button', { name: 'Apply my changes to the new version' }));
    expect(screen.getByText(/Your changes have been put onto the latest version/)).toBeInTheDocument();
    expect(screen.getByLabelText('Action to be taken')).toHaveValue(theirs.action);
    expect(screen.getByLabelText('Year')).toHaveValue('2027');
    expect(screen.getByLabelText('Reason for the new target date')).toHaveValue('Training moved to the new year.');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/actions/7'));
    expect(patches).toEqual([
      { targetDate: '2027-03-31', targetDateReason: 'Training moved to the new year.', version: 4 },
      { targetDate: '2027-03-31', targetDateReason: 'Training moved to the new year.', version: 5 },
    ]);
  });

  it('asks for the reason as soon as a set target date changes, requires it, and sends it as targetDateReason', async () => {
    const user = userEvent.setup();
    const action = makeAction({ targetDate: '2026-11-26' });
    const { patches } = stubApi(action, [
      () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Invalid',
            status: 422,
            detail: 'targetDateReason: must say why the date moves',
            code: 'validation.failed',
            errors: [{ path: 'targetDateReason', message: 'must say why the date moves' }],
          },
          { status: 422 },
        ),
    ]);
    renderPage(action);

    const day = await screen.findByLabelText('Day');
    expect(screen.queryByLabelText('Reason for the new target date')).not.toBeInTheDocument();
    await user.clear(day);
    await user.type(day, '31');
    await user.clear(screen.getByLabelText('Month'));
    await user.type(screen.getByLabelText('Month'), '1');
    await user.clear(screen.getByLabelText('Year'));
    await user.type(screen.getByLabelText('Year'), '2027');
    const reason = screen.getByLabelText('Reason for the new target date');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('The target date was 26 November 2026'));

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Enter the reason for the new target date' })).toHaveAttribute('href', '#edit-target-date-reason');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Error: Enter the reason for the new target date'));
    expect(patches).toEqual([]);

    await user.type(reason, 'Moved.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({ targetDate: '2027-01-31', targetDateReason: 'Moved.', version: 4 });
    // The API's own refusal goes beside the same field.
    expect(
      await screen.findByText('Reason for the new target date must say why the date moves', { selector: '.govuk-error-message' }),
    ).toBeInTheDocument();

    // Back to the saved date: no reason is asked for.
    await user.clear(screen.getByLabelText('Year'));
    await user.type(screen.getByLabelText('Year'), '2026');
    await user.clear(screen.getByLabelText('Month'));
    await user.type(screen.getByLabelText('Month'), '11');
    await user.clear(screen.getByLabelText('Day'));
    await user.type(screen.getByLabelText('Day'), '26');
    expect(screen.queryByLabelText('Reason for the new target date')).not.toBeInTheDocument();
  });

  it('asks no reason when the action had no target date', async () => {
    const user = userEvent.setup();
    const action = makeAction({ targetDate: null, targetDateHistory: [] });
    const { patches } = stubApi(action);
    renderPage(action);
    await user.type(await screen.findByLabelText('Day'), '30');
    await user.type(screen.getByLabelText('Month'), '6');
    await user.type(screen.getByLabelText('Year'), '2027');
    expect(screen.queryByLabelText('Reason for the new target date')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches).toEqual([{ targetDate: '2027-06-30', version: 4 }]));
  });

  it('tells people who may not edit the action so', async () => {
    const action = makeAction({ permissions: { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: [], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false } });
    stubApi(action);
    renderPage(action);
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot edit this action' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });
});
