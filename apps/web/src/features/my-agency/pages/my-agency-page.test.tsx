import type { Action } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeDashboard, makeProgressUpdate, makeTotals } from '@/features/dashboard/test-factories';
import { makeReview } from '@/features/reviews/test-fixtures';
import { makeAction, makeAgency, makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { MyAgencyPage } from './my-agency-page';

const page = <T,>(items: T[]) => ({ items, nextCursor: null });
const lead = { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: ['completed' as const, 'withdrawn' as const], agencyIds: [1], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false };

// Overdue, stale and due soon are the API's flags; the page never works them out from the target dates.
const overdue = makeAction({ id: 21, ref: 'SD-2022/A1', brag: 'red', overdue: true, targetDate: '2026-01-31', permissions: lead });
const dueSoonAndOffTrack = makeAction({ id: 23, ref: 'SD-2022/A3', brag: 'red', latestConfidence: 'off_track', dueSoon: true, targetDate: '2026-03-10', permissions: lead });
// Stale and due soon too: stale comes first, and it still shows the "Due soon" flag.
const stale = makeAction({ id: 22, ref: 'SD-2022/A2', brag: 'amber', stale: true, dueSoon: true, targetDate: '2026-03-12', permissions: lead });
// An early target date, but the API does not flag it due soon (its window is the API's to decide).
const onTrack = makeAction({ id: 24, ref: 'SD-2022/A4', brag: 'green', dueSoon: false, targetDate: '2026-03-05', permissions: lead });
const completed = makeAction({ id: 25, ref: 'SD-2022/A5', status: 'completed', brag: 'green', permissions: lead });
// Returned for more information: back in progress, Amber within its reply period. It comes first whatever the API's order.
const returned = makeAction({
  id: 26,
  ref: 'SD-2022/A6',
  status: 'in_progress',
  brag: 'amber',
  bragReason: 'Returned for more information on 2 March 2026; answer due by 30 March 2026',
  returned: { on: '2026-03-02T15:00:00.000Z', question: 'What did the re-audit find about the voice of the child?', replyBy: '2026-03-30' },
  permissions: { ...lead, statusChanges: ['completed'] },
});

function stubApi(openActions: Action[] = [overdue, dueSoonAndOffTrack, stale, onTrack]) {
  const posted: { url: string; body: unknown }[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      posted.push({ url: url.pathname, body });
      return jsonResponse(makeProgressUpdate({ actionId: 21, note: body.note }), { status: 201 });
    }
    if (url.pathname === '/api/dashboard') return jsonResponse(makeDashboard({ totals: makeTotals({ overdue: 1, stale: 1, dueSoon: 1 }) }));
    if (url.pathname === '/api/settings') {
      return jsonResponse({ partnershipName: 'Sandwell', updateCadenceDays: 56, dueSoonDays: 14, replyPeriodDays: 28, evidenceMaxMegabytes: 20, version: 1 });
    }
    if (url.pathname === '/api/agencies') return jsonResponse(page([makeAgency()]));
    if (url.pathname === '/api/reviews') {
      const known = [makeReview({ id: 3, code: 'SD-2022' }), makeReview({ id: 9, code: 'JT-2024' })];
      return jsonResponse(page(known.filter((review) => url.searchParams.getAll('id').includes(String(review.id)))));
    }
    if (url.pathname === '/api/actions' && url.searchParams.get('status') === 'completed') return jsonResponse(page([completed]));
    // In the API's attention order: red first (overdue or off track), then amber, then by target date.
    if (url.pathname === '/api/actions') return jsonResponse(page(openActions));
    return jsonResponse(page([]));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, posted };
}

const renderMyAgency = () => renderAt(<MyAgencyPage />, { url: '/my-agency', me: makeAgencyLeadMe() });

describe('MyAgencyPage', () => {
  it('asks for what the agency owes, most urgent first, and its counts', async () => {
    const { fetchMock } = stubApi();
    renderMyAgency();
    await screen.findByRole('heading', { name: /Overdue/, level: 3 });
    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/actions?agencyId=1&status=not_started&status=in_progress&sort=attention&limit=200');
    expect(urls).toContain('/api/actions?agencyId=1&status=completed&sort=targetDate&limit=50');
    expect(urls).toContain('/api/dashboard?agencyId=1');

    const summary = await screen.findByRole('list', { name: 'Summary for West Midlands Police' });
    expect(within(summary).getByRole('link', { name: '1 overdue: actions of West Midlands Police' })).toHaveAttribute('href', '/actions?agencyId=1&overdue=true');
    expect(within(summary).getByRole('link', { name: '1 no recent update: actions of West Midlands Police' })).toHaveAttribute('href', '/actions?agencyId=1&stale=true');
    expect(within(summary).getByRole('link', { name: '1 due soon: actions of West Midlands Police' })).toHaveAttribute('href', '/actions?agencyId=1&dueSoon=true');
    expect(within(summary).getByRole('link', { name: '2 awaiting assurance: actions of West Midlands Police' })).toHaveAttribute('href', '/actions?status=completed&agencyId=1');
  });

  it('asks only for the reviews of the actions it shows, and names each action’s review', async () => {
    const { fetchMock } = stubApi([overdue, makeAction({ ...onTrack, reviewId: 9 })]);
    renderMyAgency();
    const open = await screen.findByRole('region', { name: 'Open actions' });
    await waitFor(() => expect(within(open).getByText(/Review JT-2024/)).toBeInTheDocument());
    expect(within(open).getByText(/Review SD-2022/)).toBeInTheDocument();
    const asked = fetchMock.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith('/api/reviews'));
    // Never the partnership's every review: each request names the reviews of the actions loaded so far, and the
    // last names the open actions' (3 and 9) and the awaiting one's (3), once each.
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(url).toMatch(/^\/api\/reviews\?id=\d+(&id=\d+)*&limit=200$/);
    expect(asked.at(-1)).toBe('/api/reviews?id=3&id=9&limit=200');
  });

  it('lists overdue actions first, then stale, then due soon, then the rest, by the API’s flags', async () => {
    const { fetchMock } = stubApi();
    renderMyAgency();
    const open = await screen.findByRole('region', { name: 'Open actions' });
    await within(open).findByRole('heading', { name: /Due soon/, level: 3 });
    expect(within(open).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Overdue 1',
      'No recent update 1',
      'Due soon 1',
      'Other open actions 1',
    ]);
    expect(within(open).getAllByRole('heading', { level: 4 }).map((heading) => heading.textContent)).toEqual([
      'Action SD-2022/A1',
      'Action SD-2022/A2',
      'Action SD-2022/A3',
      'Action SD-2022/A4',
    ]);
    const dueSoonFlag = (id: number) => within(screen.getByTestId(`action-row-${id}`)).queryByText('Due soon');
    expect(dueSoonFlag(23)).toBeInTheDocument();
    expect(dueSoonFlag(22)).toBeInTheDocument();
    expect(dueSoonFlag(24)).not.toBeInTheDocument();
    // Nothing asked of each action on its own.
    expect(fetchMock.mock.calls.map(([input]) => String(input)).filter((url) => /\/api\/actions\/\d+/.test(url))).toEqual([]);
    const awaiting = screen.getByRole('region', { name: 'Completed, awaiting assurance' });
    expect(within(awaiting).getByRole('link', { name: 'Action SD-2022/A5' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All your agency’s actions' })).toHaveAttribute('href', '/actions?agencyId=1&sort=attention');
  });

  it('posts an update in two clicks from the list, with focus moving into the form and back', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi();
    renderMyAgency();
    const row = await screen.findByTestId('action-row-21');

    // Click 1: open the form in the row.
    const open = within(row).getByRole('button', { name: 'Post an update on action SD-2022/A1' });
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    // The form and zod load only now, on the first opening.
    const onTrack = await within(row).findByRole('radio', { name: 'On track' }, { timeout: 5000 });
    await waitFor(() => expect(onTrack).toHaveFocus());

    // Filled in from the keyboard: no more clicks.
    await user.keyboard(' ');
    await user.type(within(row).getByLabelText('What has been done since the last update?'), 'Audit of 20 cases done.');

    // Click 2: post it.
    await user.click(within(row).getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      url: '/api/actions/21/updates',
      body: expect.objectContaining({ note: 'Audit of 20 cases done.', confidence: 'on_track', statusChange: null }),
    });
    expect(await within(row).findByText('Your progress update has been posted')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Close the update form for action SD-2022/A1' }));
    const reopened = within(row).getByRole('button', { name: 'Post an update on action SD-2022/A1' });
    await waitFor(() => expect(reopened).toHaveFocus());
    expect(reopened).toHaveAttribute('aria-expanded', 'false');
  }, 20_000);

  it('lists actions returned for more information first, with the question and the day the answer is due', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi([overdue, stale, returned, onTrack]);
    renderMyAgency();
    const open = await screen.findByRole('region', { name: 'Open actions' });
    await within(open).findByRole('heading', { name: /Returned to you/, level: 3 });
    expect(within(open).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Returned to you 1',
      'Overdue 1',
      'No recent update 1',
      'Other open actions 1',
    ]);
    expect(within(open).getAllByRole('heading', { level: 4 })[0]).toHaveTextContent('Action SD-2022/A6');

    const row = screen.getByTestId('action-row-26');
    expect(within(row).getByText('What did the re-audit find about the voice of the child?')).toBeInTheDocument();
    expect(within(row).getByText(/Returned on 2 March 2026/)).toBeInTheDocument();
    expect(within(row).getByText('Answer due by 30 March 2026')).toBeInTheDocument();

    // "Answer" opens the form in answer mode, in the row.
    await user.click(within(row).getByRole('button', { name: 'Answer the question on action SD-2022/A6' }));
    const form = await within(row).findByRole('form', { name: 'Answer the question' }, { timeout: 5000 });
    await user.click(within(form).getByRole('radio', { name: 'On track' }));
    await user.type(within(form).getByLabelText('Your answer'), '18 of 20 children were seen alone.');
    await user.click(within(form).getByRole('button', { name: 'Post your answer' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      url: '/api/actions/26/updates',
      body: expect.objectContaining({ note: '18 of 20 children were seen alone.', statusChange: null }),
    });
    expect(await within(row).findByText('Your answer has been posted')).toBeInTheDocument();
  }, 20_000);

  it('says so when the user is not linked to an agency', () => {
    stubApi();
    renderAt(<MyAgencyPage />, { url: '/my-agency', me: makeAgencyLeadMe({ agencyIds: [] }) });
    expect(screen.getByText('You are not linked to an agency')).toBeInTheDocument();
  });
});
