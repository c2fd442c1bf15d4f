import type { Action, TargetDateRequest } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgencyLeadMe, makeAgency, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ActionPage } from './action-page';

// The forms load in their own chunks on first use: on a busy machine that takes more than the default second.

const page = <T,>(items: T[]) => ({ items, nextCursor: null });
const settings = { partnershipName: 'Demo partnership', updateCadenceDays: 56, dueSoonDays: 28, replyPeriodDays: 14, evidenceMaxMegabytes: 20, version: 1 };
const permissions = (overrides: Partial<Action['permissions']> = {}): Action['permissions'] => ({
  canEdit: false,
  canPostUpdate: false,
  canComment: false,
  statusChanges: [],
  agencyIds: [],
  canDecideAssurance: false,
  proposedCompletion: false,
  canRequestTargetDate: false,
  canDecideTargetDate: false,
  ...overrides,
});

const revisedHistory: Action['targetDateHistory'] = [
  { targetDate: '2026-11-26', from: null, reason: null, decidedBy: null, on: '2025-06-01T09:00:00.000Z' },
  {
    targetDate: '2027-01-31',
    from: '2026-11-26',
    reason: 'The audit team was needed for the inspection.',
    decidedBy: 'Jo Chair',
    on: '2026-02-10T11:00:00.000Z',
  },
];

function makeRequest(overrides: Partial<TargetDateRequest> = {}): TargetDateRequest {
  return {
    id: 5,
    actionId: 7,
    currentTargetDate: '2026-03-31',
    requestedTargetDate: '2026-06-30',
    reason: 'Training moved to the spring.',
    requestedBy: 'Sam Patel',
    agencyId: 1,
    requestedAt: '2026-03-02T09:00:00.000Z',
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    ...overrides,
  };
}

type Reply = (body: Record<string, unknown>) => Response;

/** The API at the network boundary: the action, what its page reads beside it, and POSTs answered in turn. */
function stubApi(action: Action, replies: Record<string, Reply[]> = {}) {
  const posts: { path: string; body: Record<string, unknown> }[] = [];
  let current = action;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname;
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      posts.push({ path, body });
      const reply = replies[path]?.shift();
      return reply ? reply(body) : jsonResponse({ type: 'about:blank', title: 'Not stubbed', status: 500, detail: '', code: 'x' }, { status: 500 });
    }
    if (path === `/api/actions/${action.id}`) return jsonResponse(current);
    if (path === '/api/agencies') return jsonResponse(page([makeAgency()]));
    if (path === '/api/settings') return jsonResponse(settings);
    if (path === `/api/reviews/${action.reviewId}`) return jsonResponse({ id: action.reviewId, code: 'SD-2022', title: 'Learning from the review of SD' });
    return jsonResponse(page([]));
  });
  vi.stubGlobal('fetch', fetchMock);
  /** What the API answers for the action from now on (after a decision changed it). */
  const setAction = (next: Action) => {
    current = next;
  };
  return { fetchMock, posts, setAction };
}

const renderPage = (action: Action, me = makeMe()) => renderAt(<ActionPage />, { url: `/actions/${action.id}`, path: '/actions/:actionId', me });

const problem = (status: number, code: string, detail: string, errors: { path: string; message: string }[] = []) =>
  jsonResponse({ type: 'about:blank', title: 'Refused', status, detail, code, errors }, { status });

describe('ActionPage plan keeping', () => {
  // Only the clock is fixed (3 March 2026), so "late" and default dates are known.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-03T10:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a returned action’s question and answer-due day at the top, and says when the answer is late', async () => {
    const action = makeAction({
      brag: 'red',
      bragReason: 'Returned for more information on 3 February 2026; answer was due by 17 February 2026',
      returned: { on: '2026-02-03T14:00:00.000Z', question: 'Attach the re-audit of 20 cases.', replyBy: '2026-02-17' },
      permissions: permissions({ canPostUpdate: true, agencyIds: [1] }),
    });
    stubApi(action);
    renderPage(action, makeAgencyLeadMe());

    const panel = await screen.findByRole('region', { name: 'Returned for more information' });
    expect(within(panel).getByText('Returned to West Midlands Police for more information on 3 February 2026')).toBeInTheDocument();
    expect(within(panel).getByText('Attach the re-audit of 20 cases.')).toBeInTheDocument();
    expect(within(panel).getByText('Answer due by 17 February 2026')).toBeInTheDocument();
    expect(within(panel).getByText('The answer is late')).toBeInTheDocument();
    // It comes before the progress update form it links to.
    const link = within(panel).getByRole('link', { name: 'Answer with a progress update' });
    expect(link).toHaveAttribute('href', '#post-progress-update');
    const form = document.getElementById('post-progress-update')!;
    expect(panel.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await userEvent.setup().click(link);
    expect(form).toHaveFocus();
  });

  it('says nothing is late while the answer is within its reply period', async () => {
    const action = makeAction({ brag: 'amber', returned: { on: '2026-03-01T14:00:00.000Z', question: 'Which teams?', replyBy: '2026-03-15' } });
    stubApi(action);
    renderPage(action);
    const panel = await screen.findByRole('region', { name: 'Returned for more information' });
    expect(within(panel).getByText('Answer due by 15 March 2026')).toBeInTheDocument();
    expect(within(panel).queryByText('The answer is late')).not.toBeInTheDocument();
  });

  it('shows a revised target date in words beside the original, with its history', async () => {
    const user = userEvent.setup();
    const action = makeAction({ targetDate: '2027-01-31', targetDateHistory: revisedHistory });
    stubApi(action);
    renderPage(action);

    const row = (await screen.findByText('Target date', { selector: 'dt' })).closest('.govuk-summary-list__row') as HTMLElement;
    expect(within(row).getByText(/^31 January 2027, revised from 26 November 2026$/)).toBeInTheDocument();
    await user.click(within(row).getByText('Target date history'));
    const table = within(row).getByRole('table', { name: /the original and one revision/ });
    const [, original, revision] = within(table).getAllByRole('row');
    expect(original).toHaveTextContent('26 November 2026');
    expect(original).toHaveTextContent('Original date');
    expect(revision).toHaveTextContent('31 January 2027');
    expect(revision).toHaveTextContent('26 November 2026');
    expect(revision).toHaveTextContent('The audit team was needed for the inspection.');
    expect(revision).toHaveTextContent('Jo Chair');
    expect(revision).toHaveTextContent('10 February 2026 at 11:00am');
    // The table scrolls inside a named, focusable region if it must.
    expect(screen.getByRole('region', { name: /Target dates of action SD-2022\/A3/ })).toHaveAttribute('tabindex', '0');
  });

  it('shows an unrevised target date alone, with no history', async () => {
    const action = makeAction();
    stubApi(action);
    renderPage(action);
    const row = (await screen.findByText('Target date', { selector: 'dt' })).closest('.govuk-summary-list__row') as HTMLElement;
    expect(row).toHaveTextContent(/^Target date31 March 2026$/);
  });

  it('lets an agency lead ask for a new target date, with the API’s refusals beside the fields', async () => {
    const user = userEvent.setup();
    const action = makeAction({ permissions: permissions({ canRequestTargetDate: true, agencyIds: [1] }) });
    const { posts } = stubApi(action, {
      '/api/actions/7/target-date-requests': [
        () => problem(422, 'validation.failed', 'The request is not valid', [{ path: 'targetDate', message: 'must be after the current target date' }]),
        (body) => jsonResponse(makeRequest({ requestedTargetDate: String(body.targetDate), reason: String(body.reason) }), { status: 201 }),
      ],
    });
    renderPage(action, makeAgencyLeadMe());

    const opener = await screen.findByRole('button', { name: 'Ask for a new target date' });
    await user.click(opener);
    expect(opener).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: 'Ask for a new target date' });
    const dateGroup = within(form).getByRole('group', { name: 'New target date' });
    await waitFor(() => expect(within(dateGroup).getByLabelText('Day')).toHaveFocus());

    await user.click(within(form).getByRole('button', { name: 'Ask for this date' }));
    let summary = within(form).getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the new target date' })).toHaveAttribute('href', '#ask-target-date-7-date');
    expect(within(summary).getByRole('link', { name: 'Enter the reason for the new target date' })).toHaveAttribute('href', '#ask-target-date-7-reason');
    expect(within(form).getByLabelText('Reason for the new target date')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter the reason for the new target date'),
    );
    expect(posts).toEqual([]);

    await user.type(within(dateGroup).getByLabelText('Day'), '1');
    await user.type(within(dateGroup).getByLabelText('Month'), '3');
    await user.type(within(dateGroup).getByLabelText('Year'), '2026');
    await user.type(within(form).getByLabelText('Reason for the new target date'), 'Training moved.');
    await user.click(within(form).getByRole('button', { name: 'Ask for this date' }));
    summary = await within(form).findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'New target date must be after the current target date' })).toHaveAttribute(
      'href',
      '#ask-target-date-7-date',
    );
    expect(dateGroup).toHaveAccessibleDescription(expect.stringContaining('Error: New target date must be after the current target date'));
    await waitFor(() => expect(document.title).toMatch(/^Error: /));

    await user.clear(within(dateGroup).getByLabelText('Month'));
    await user.type(within(dateGroup).getByLabelText('Month'), '6');
    await user.clear(within(dateGroup).getByLabelText('Day'));
    await user.type(within(dateGroup).getByLabelText('Day'), '30');
    await user.click(within(form).getByRole('button', { name: 'Ask for this date' }));

    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('You have asked for a new target date of 30 June 2026')).toBeInTheDocument();
    await waitFor(() => expect(banner).toHaveFocus());
    expect(posts.map(({ path, body }) => [path, body])).toEqual([
      ['/api/actions/7/target-date-requests', { targetDate: '2026-03-01', reason: 'Training moved.' }],
      ['/api/actions/7/target-date-requests', { targetDate: '2026-06-30', reason: 'Training moved.' }],
    ]);
    expect(screen.queryByRole('form', { name: 'Ask for a new target date' })).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).not.toMatch(/^Error: /));
  });

  it('puts the focus back on the button when the lead cancels', async () => {
    const user = userEvent.setup();
    const action = makeAction({ permissions: permissions({ canRequestTargetDate: true, agencyIds: [1] }) });
    stubApi(action);
    renderPage(action, makeAgencyLeadMe());
    const opener = await screen.findByRole('button', { name: 'Ask for a new target date' });
    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(opener).toHaveFocus());
    expect(opener).toHaveAttribute('aria-expanded', 'false');
  });

  it('tells the lead why their last request was refused', async () => {
    const action = makeAction({ permissions: permissions({ canRequestTargetDate: true, agencyIds: [1] }) });
    const { fetchMock } = stubApi(action);
    fetchMock.mockImplementation(async (input) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === '/api/actions/7/target-date-requests') {
        const refused = makeRequest({ state: 'refused', decidedBy: 'Jo Chair', decidedAt: '2026-03-02T16:00:00.000Z', decisionNote: 'Keep March: the audit is booked.' });
        return jsonResponse(page([refused, makeRequest({ id: 4, state: 'agreed' })]));
      }
      if (path === '/api/actions/7') return jsonResponse(action);
      return jsonResponse(page([]));
    });
    renderPage(action, makeAgencyLeadMe());
    expect(await screen.findByText(/The last request, for 30 June 2026, was refused by Jo Chair on 2 March 2026 at 4:00pm:/)).toBeInTheDocument();
    expect(screen.getByText('Keep March: the audit is booked.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask for a new target date' })).toBeInTheDocument();
  });

  it('shows a pending request to its lead, who cannot ask again until it is decided', async () => {
    const pending = { id: 5, requestedTargetDate: '2026-06-30', reason: 'Training moved to the spring.', requestedBy: 'Sam Patel', requestedAt: '2026-03-02T09:00:00.000Z' };
    const action = makeAction({ pendingTargetDateRequest: pending, permissions: permissions({ canRequestTargetDate: true, agencyIds: [1] }) });
    stubApi(action);
    renderPage(action, makeAgencyLeadMe());
    expect(await screen.findByText(/has been asked for by Sam Patel/)).toHaveTextContent(
      'A new target date of 30 June 2026 has been asked for by Sam Patel: Training moved to the spring.',
    );
    expect(screen.queryByRole('button', { name: /^Agree/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ask for a new target date' })).not.toBeInTheDocument();
    expect(screen.getByText('You can ask for another date once this request is decided.')).toBeInTheDocument();
  });

  it('lets a chair agree to a pending request with a note, and confirms the new date', async () => {
    const user = userEvent.setup();
    const pending = { id: 5, requestedTargetDate: '2026-06-30', reason: 'Training moved to the spring.', requestedBy: 'Sam Patel', requestedAt: '2026-03-02T09:00:00.000Z' };
    const action = makeAction({ subgroupId: 4, pendingTargetDateRequest: pending, permissions: permissions({ canDecideTargetDate: true }) });
    const agreed = makeAction({
      targetDate: '2026-06-30',
      targetDateHistory: [
        { targetDate: '2026-03-31', from: null, reason: null, decidedBy: null, on: '2025-06-01T09:00:00.000Z' },
        { targetDate: '2026-06-30', from: '2026-03-31', reason: 'Training moved to the spring.', decidedBy: 'Jo Chair', on: '2026-03-03T10:00:00.000Z' },
      ],
      pendingTargetDateRequest: null,
      permissions: permissions({ canDecideTargetDate: true }),
    });
    const stub = stubApi(action, {
      '/api/target-date-requests/5/decision': [
        () => {
          stub.setAction(agreed);
          const decided = makeRequest({ state: 'agreed', decidedBy: 'Jo Chair', decidedAt: '2026-03-03T10:00:00.000Z', decisionNote: 'Agreed at the March meeting.' });
          return jsonResponse({ request: decided, action: agreed });
        },
      ],
    });
    const { posts } = stub;
    renderPage(action, makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, readAudit: false }));

    const request = await screen.findByRole('region', { name: 'A new target date has been asked for' });
    expect(within(request).getByText(/has been asked for by Sam Patel/)).toHaveTextContent(
      'A new target date of 30 June 2026 has been asked for by Sam Patel: Training moved to the spring.',
    );
    expect(within(request).getByRole('button', { name: 'Refuse the new target date of 30 June 2026' })).toBeInTheDocument();
    await user.type(within(request).getByLabelText('Note about your decision (optional)'), 'Agreed at the March meeting.');
    await user.click(within(request).getByRole('button', { name: 'Agree to the new target date of 30 June 2026' }));

    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('The target date of action SD-2022/A3 is now 30 June 2026')).toBeInTheDocument();
    expect(within(banner).getByText('It was 31 March 2026.')).toBeInTheDocument();
    await waitFor(() => expect(banner).toHaveFocus());
    expect(posts).toEqual([{ path: '/api/target-date-requests/5/decision', body: { agree: true, note: 'Agreed at the March meeting.' } }]);
    // The decided action is shown at once: the new date beside the original, and no request pending.
    const row = screen.getByText('Target date', { selector: 'dt' }).closest('.govuk-summary-list__row') as HTMLElement;
    await waitFor(() => expect(row).toHaveTextContent('30 June 2026, revised from 31 March 2026'));
    expect(screen.queryByRole('region', { name: 'A new target date has been asked for' })).not.toBeInTheDocument();
  });

  it('tells the chair when a request can no longer be decided', async () => {
    const user = userEvent.setup();
    const pending = { id: 5, requestedTargetDate: '2026-06-30', reason: 'Training moved.', requestedBy: 'Sam Patel', requestedAt: '2026-03-02T09:00:00.000Z' };
    const action = makeAction({ pendingTargetDateRequest: pending, permissions: permissions({ canDecideTargetDate: true }) });
    stubApi(action, {
      '/api/target-date-requests/5/decision': [() => problem(409, 'target_date_request.decided', 'The request was already decided by Jo Chair.')],
    });
    renderPage(action);
    await user.click(await screen.findByRole('button', { name: /^Refuse/ }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The request was already decided by Jo Chair.');
  });

  it('offers the sign-off forms on a completed action to those who may decide, posting to /assurance', async () => {
    const user = userEvent.setup();
    const action = makeAction({ status: 'completed', version: 9, permissions: permissions({ canDecideAssurance: true }) });
    const returned = makeAction({
      status: 'in_progress',
      brag: 'amber',
      returned: { on: '2026-03-03T10:00:00.000Z', question: 'Attach the audit report.', replyBy: '2026-03-17' },
    });
    const stub = stubApi(action, {
      '/api/actions/7/assurance': [
        () => {
          stub.setAction(returned);
          return jsonResponse({ update: {}, action: returned }, { status: 201 });
        },
      ],
    });
    const { posts } = stub;
    renderPage(action);

    const signOff = await screen.findByRole('region', { name: 'Sign-off' });
    await user.click(within(signOff).getByRole('button', { name: 'Return for more information action SD-2022/A3' }));
    await user.type(await within(signOff).findByLabelText('What more information is needed?'), 'Attach the audit report.');
    await waitFor(() => expect(within(within(signOff).getByRole('group', { name: 'Answer due by' })).getByLabelText('Day')).toHaveValue('17'));
    await user.click(within(signOff).getByRole('button', { name: 'Return for more information' }));

    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Action SD-2022/A3 was returned to West Midlands Police for more information')).toBeInTheDocument();
    expect(within(banner).getByText('The answer is due by 17 March 2026.')).toBeInTheDocument();
    expect(posts).toEqual([
      { path: '/api/actions/7/assurance', body: { decision: 'return', question: 'Attach the audit report.', replyBy: '2026-03-17', actionVersion: 9 } },
    ]);
    // The page now shows the returned action, with its panel, and no sign-off.
    expect(await screen.findByRole('region', { name: 'Returned for more information' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sign-off' })).not.toBeInTheDocument();
  });

  it('tells whoever proposed the completion that someone else must sign it off, instead of the sign-off buttons', async () => {
    const action = makeAction({ status: 'completed', permissions: permissions({ proposedCompletion: true }) });
    stubApi(action);
    renderPage(action);
    const signOff = await screen.findByRole('region', { name: 'Sign-off' });
    expect(within(signOff).getByText(/You proposed this completion, so someone else must sign it off/)).toBeInTheDocument();
    expect(within(signOff).queryByRole('button')).not.toBeInTheDocument();
  });

  it.each(['assured', 'withdrawn'] as const)('shows no progress form on a %s action, and says why', async (status) => {
    const action = makeAction({ status, permissions: permissions() });
    stubApi(action);
    renderPage(action);
    expect(await screen.findByText(`This action is ${status}: it takes no more progress updates or comments.`, { exact: false })).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByText(/are posted by its agencies’ leads/)).not.toBeInTheDocument();
  });

  it('offers the overseeing chair a comment, with no confidence, rather than a progress update', async () => {
    const action = makeAction({ subgroupId: 4, permissions: permissions({ canComment: true }) });
    stubApi(action);
    renderPage(action, makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, manageUsers: false, manageReferenceData: false }));
    const form = await screen.findByRole('form', { name: 'Add a comment' }, { timeout: 10_000 });
    expect(within(form).getByLabelText('Your comment')).toBeInTheDocument();
    expect(within(form).queryByRole('group', { name: 'How confident are you that the action is on track?' })).not.toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Post comment' })).toBeInTheDocument();
  });

  it('offers no sign-off to those who may not decide', async () => {
    const action = makeAction({ status: 'completed', permissions: permissions({ canPostUpdate: true }) });
    stubApi(action);
    renderPage(action);
    expect(await screen.findByRole('heading', { level: 1, name: 'Action SD-2022/A3' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sign-off' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Assure/ })).not.toBeInTheDocument();
  });
});
