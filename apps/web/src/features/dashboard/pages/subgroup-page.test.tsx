import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Action } from '@lrt/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeRecommendation, makeReview } from '@/features/reviews/test-fixtures';
import { makeAction, makeAgency, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { makeDashboard, makeProgressUpdate } from '../test-factories';
import { SubgroupPage } from './subgroup-page';

// These journeys type a lot and load the form's chunk (with zod) on first use: on a busy machine that takes more
// than the default second, so queries wait longer and each test may take up to 20 seconds.

const page = <T,>(items: T[]) => ({ items, nextCursor: null });
const subgroup = { id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 };

/** Completed actions awaiting assurance: the first may be assured or returned by this chair, the second not. */
const assurable = makeAction({
  id: 11,
  ref: 'SD-2022/A1',
  status: 'completed',
  brag: 'green',
  version: 6,
  latestConfidence: 'on_track',
  latestUpdate: { id: 31, createdAt: '2026-02-27T15:30:00.000Z', authorName: 'Priya Shah', note: 'Audit complete: proposed as done.' },
  subgroupId: 4,
  successMeasure: 'Re-audit of 20 cases shows the child was seen alone in at least 18.',
  permissions: { canEdit: false, canPostUpdate: true, canComment: false, statusChanges: ['withdrawn'], agencyIds: [], canDecideAssurance: true, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: true },
});
const notMine = makeAction({
  id: 12,
  ref: 'SD-2022/A2',
  status: 'completed',
  brag: 'green',
  subgroupId: 4,
  permissions: { canEdit: false, canPostUpdate: false, canComment: false, statusChanges: [], agencyIds: [], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false },
});
const red = makeAction({
  id: 13,
  ref: 'SD-2022/A5',
  brag: 'red',
  bragReason: 'overdue since 31 January 2026',
  overdue: true,
  latestConfidence: 'off_track',
  latestUpdate: { id: 30, createdAt: '2026-02-20T09:00:00.000Z', authorName: 'Sam Patel', note: 'Latest word on 13: training postponed to April.' },
  subgroupId: 4,
});
const redWithoutUpdates = makeAction({ id: 14, ref: 'SD-2022/A6', brag: 'red', overdue: true, latestConfidence: null, latestUpdate: null, subgroupId: 4 });

/** The updates of the action awaiting assurance: a note with a link, then the completion with a document, newest first. */
const updatesOf11 = [
  makeProgressUpdate({
    id: 31,
    actionId: 11,
    authorName: 'Priya Shah',
    createdAt: '2026-02-19T15:30:00.000Z',
    note: 'Audit complete: proposed as done.',
    statusChange: { from: 'in_progress', to: 'completed' },
    evidence: [{ label: 'Case file audit, February 2026', fileId: 81, name: 'audit-feb-2026.pdf', size: 245760, contentType: 'application/pdf' }],
  }),
  makeProgressUpdate({
    id: 29,
    actionId: 11,
    createdAt: '2026-01-10T09:00:00.000Z',
    evidence: [{ label: 'Briefing attendance', url: 'https://intranet.example/briefings' }],
  }),
];

const returnedAction = makeAction({
  id: 15,
  ref: 'SD-2022/A7',
  status: 'in_progress',
  brag: 'amber',
  subgroupId: 4,
  returned: { on: '2026-02-24T10:00:00.000Z', question: 'Attach the re-audit.', replyBy: '2026-03-10' },
});
const lateAction = makeAction({
  id: 16,
  ref: 'SD-2022/A8',
  status: 'in_progress',
  brag: 'red',
  subgroupId: 4,
  returned: { on: '2026-01-20T10:00:00.000Z', question: 'Which teams were briefed?', replyBy: '2026-02-03' },
});

const settings = { partnershipName: 'Demo partnership', updateCadenceDays: 56, dueSoonDays: 28, replyPeriodDays: 14, evidenceMaxMegabytes: 20, version: 1 };

/** A subgroup with 25 reviews, each with one recommendation: the first 20 of each are one page, the rest the next. */
const manyReviews = Array.from({ length: 25 }, (_, index) =>
  makeReview({ id: 100 + index, code: `R-${String(index + 1).padStart(2, '0')}`, childPseudonym: `C${index + 1}`, subgroupId: 4 }),
);
const manyRecommendations = manyReviews.map((review, index) =>
  makeRecommendation({ id: 500 + index, reviewId: review.id, text: `Recommendation of ${review.code}.`, subgroupId: 4 }),
);

/** Answers a list in pages of `limit`, the cursor being the offset of the next page. */
function paged<T>(items: readonly T[], url: URL) {
  const limit = Number(url.searchParams.get('limit'));
  const offset = Number(url.searchParams.get('cursor') ?? 0);
  const next = offset + limit;
  return { items: items.slice(offset, next), nextCursor: next < items.length ? String(next) : null };
}

function stubApi({
  awaiting = [assurable, notMine],
  post,
  history = false,
}: { awaiting?: Action[]; post?: (body: unknown) => Response; history?: boolean } = {}) {
  const posted: unknown[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname;
    if (init?.method === 'POST' && path === '/api/actions/11/assurance') {
      const body = JSON.parse(String(init.body));
      posted.push(body);
      if (post) return post(body);
      const assured = body.decision === 'assure';
      const decided = makeAction({
        ...assurable,
        status: assured ? 'assured' : 'in_progress',
        returned: assured ? null : { on: '2026-03-03T10:00:00.000Z', question: body.question, replyBy: body.replyBy ?? '2026-03-17' },
      });
      const update = makeProgressUpdate({ actionId: 11, kind: assured ? 'assurance' : 'return', confidence: null, statusChange: { from: 'completed', to: decided.status } });
      return jsonResponse({ update, action: decided }, { status: 201 });
    }
    if (path === '/api/actions/11/updates') return jsonResponse(page(updatesOf11));
    if (/^\/api\/actions\/\d+\/updates$/.test(path)) return jsonResponse(page([]));
    if (path === '/api/settings') return jsonResponse(settings);
    if (path === '/api/dashboard') return jsonResponse(makeDashboard());
    if (path === '/api/subgroups') return jsonResponse(page([subgroup]));
    if (path === '/api/agencies') return jsonResponse(page([makeAgency()]));
    if (path === '/api/reviews' && url.searchParams.has('id')) {
      const ids = new Set(url.searchParams.getAll('id').map(Number));
      return jsonResponse(page(manyReviews.filter((review) => ids.has(review.id))));
    }
    if (path === '/api/reviews') return jsonResponse(history ? paged(manyReviews, url) : page([]));
    if (path === '/api/recommendations') return jsonResponse(history ? paged(manyRecommendations, url) : page([]));
    if (path === '/api/actions' && url.searchParams.get('status') === 'completed') return jsonResponse(page(awaiting));
    if (path === '/api/actions' && url.searchParams.get('returned') === 'true') return jsonResponse(page([returnedAction, lateAction]));
    if (path === '/api/actions' && url.searchParams.get('brag') === 'red') return jsonResponse(page([red, redWithoutUpdates]));
    return jsonResponse(page([]));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, posted };
}

const chair = makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, manageUsers: false, manageReferenceData: false });
const renderSubgroup = () => renderAt(<SubgroupPage />, { url: '/subgroups/4', path: '/subgroups/:subgroupId', me: chair });

async function awaitingItem(ref: string) {
  const section = await screen.findByRole('region', { name: /Completed actions awaiting assurance/ });
  const link = await within(section).findByRole('link', { name: `Action ${ref}` });
  return link.closest('li')!;
}

describe('SubgroupPage', () => {
  // Only the clock is fixed (3 March 2026), so waiting times and the default reply-by day are known.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-03T10:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for what the subgroup oversees and shows its figures, red actions and their latest notes', async () => {
    const { fetchMock } = stubApi();
    renderSubgroup();
    expect(await screen.findByRole('heading', { level: 1, name: subgroup.name })).toBeInTheDocument();
    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/dashboard?subgroupId=4');
    expect(urls).toContain('/api/reviews?subgroupId=4&limit=20');
    expect(urls).toContain('/api/recommendations?subgroupId=4&sort=newest&limit=20');
    expect(urls).toContain('/api/actions?subgroupId=4&status=completed&sort=targetDate&limit=50');

    const brag = await screen.findByRole('list', { name: 'Actions by BRAG rating' });
    expect(within(brag).getByRole('link', { name: `3 red actions of ${subgroup.name}` })).toHaveAttribute('href', '/actions?brag=red&subgroupId=4');

    const redSection = screen.getByRole('region', { name: 'Red actions' });
    const redItem = (await within(redSection).findByRole('link', { name: 'Action SD-2022/A5' })).closest('li')!;
    expect(within(redItem).getByText('Red')).toBeInTheDocument();
    expect(document.title).toBe(`${subgroup.name} – Learning Review Tracker`);
  });

  it('shows a page of its reviews and recommendations at a time, however many it has overseen, and adds the next on asking', async () => {
    const { fetchMock } = stubApi({ history: true });
    const user = userEvent.setup();
    renderSubgroup();
    const reviewsSection = await screen.findByRole('region', { name: 'Reviews the subgroup oversees' });
    const reviewsTable = await within(reviewsSection).findByRole('table');
    expect(within(reviewsTable).getAllByRole('rowheader')).toHaveLength(20);
    expect(within(reviewsTable).queryByRole('link', { name: 'R-21' })).not.toBeInTheDocument();

    await user.click(within(reviewsSection).getByRole('button', { name: 'Show more reviews' }));
    const added = await within(reviewsTable).findByRole('link', { name: 'R-21' });
    expect(within(reviewsTable).getAllByRole('rowheader')).toHaveLength(25);
    // Focus moves to the first review added, and there is nothing more to show.
    await waitFor(() => expect(added).toHaveFocus());
    expect(within(reviewsSection).queryByRole('button', { name: 'Show more reviews' })).not.toBeInTheDocument();

    const recommendationsSection = screen.getByRole('region', { name: 'Recommendations allotted to the subgroup' });
    const recommendationsTable = await within(recommendationsSection).findByRole('table');
    // Each recommendation is named by its review's code, asked for only for the recommendations shown.
    expect(await within(recommendationsTable).findByRole('link', { name: 'R-01, recommendation 1' })).toBeInTheDocument();
    expect(within(recommendationsTable).getAllByRole('rowheader')).toHaveLength(20);
    await user.click(within(recommendationsSection).getByRole('button', { name: 'Show more recommendations' }));
    const addedRecommendation = await within(recommendationsTable).findByRole('link', { name: 'R-21, recommendation 1' });
    await waitFor(() => expect(addedRecommendation).toHaveFocus());
    expect(within(recommendationsTable).getAllByRole('rowheader')).toHaveLength(25);

    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls.filter((url) => url.startsWith('/api/reviews?subgroupId=4'))).toEqual(['/api/reviews?subgroupId=4&limit=20', '/api/reviews?subgroupId=4&cursor=20&limit=20']);
    expect(urls).toContain('/api/recommendations?subgroupId=4&sort=newest&cursor=20&limit=20');
    // Never every page of the subgroup's history at once.
    expect(urls.filter((url) => /^\/api\/(reviews|recommendations)\?subgroupId/.test(url) && !url.endsWith('limit=20'))).toEqual([]);
  });

  it('shows the agencies of what it oversees with their leads, sorted as its URL says', async () => {
    stubApi();
    renderAt(<SubgroupPage />, { url: '/subgroups/4?agencySort=-actions', path: '/subgroups/:subgroupId', me: chair });
    const table = await screen.findByRole('table', { name: /Progress by agency/ });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'West Midlands Police (WMP)',
      'Sandwell Children’s Trust (SCT)',
    ]);
    expect(within(table).getByRole('button', { name: 'Actions' }).closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(within(table).getByRole('row', { name: /West Midlands Police/ })).toHaveTextContent('DI Sam Patel');
  });

  it('shows each red action’s latest note as it comes with the list, with no request per action', async () => {
    const { fetchMock } = stubApi();
    renderSubgroup();
    const redSection = await screen.findByRole('region', { name: 'Red actions' });
    const redItem = (await within(redSection).findByRole('link', { name: 'Action SD-2022/A5' })).closest('li')!;
    // Shown at once with the list: no loading state in between.
    expect(within(redItem).getByText('Latest word on 13: training postponed to April.')).toBeInTheDocument();
    expect(within(redItem).getByText(/Latest update, .* by Sam Patel: off track/)).toBeInTheDocument();
    const quiet = within(redSection).getByRole('link', { name: 'Action SD-2022/A6' }).closest('li')!;
    expect(within(quiet).getByText('No progress update yet.')).toBeInTheDocument();

    const awaiting = await awaitingItem('SD-2022/A1');
    expect(within(awaiting).getByText('Audit complete: proposed as done.')).toBeInTheDocument();
    expect(within(await awaitingItem('SD-2022/A2')).getByText('No progress update yet.')).toBeInTheDocument();

    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/actions?subgroupId=4&brag=red&sort=attention&limit=10');
    // Only the actions awaiting assurance ask for their updates (for their evidence); red actions do not.
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([input]) => String(input)).filter((url) => url.includes('/updates')).sort()).toEqual([
        '/api/actions/11/updates?limit=50',
        '/api/actions/12/updates?limit=50',
      ]),
    );
  });

  it('shows beside each completed action its measure of success, the evidence posted and how long it has waited', async () => {
    stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    expect(within(item).getByText('Re-audit of 20 cases shows the child was seen alone in at least 18.')).toBeInTheDocument();
    expect(await within(item).findByText('Waiting 12 days')).toBeInTheDocument();
    expect(within(item).getByText(/19 February 2026 at 3:30pm by Priya Shah/)).toBeInTheDocument();

    const document = within(item).getByRole('link', { name: /^Case file audit, February 2026/ });
    expect(document).toHaveAttribute('href', '/api/evidence/81');
    expect(within(item).getByText('(audit-feb-2026.pdf, 240 KB, PDF)')).toBeInTheDocument();
    // Evidence of earlier updates is one step away, under a details element.
    expect(within(item).getByText('Evidence with earlier updates (1 item)')).toBeInTheDocument();
    expect(within(item).getByRole('link', { name: 'Briefing attendance', hidden: true })).toHaveAttribute('href', 'https://intranet.example/briefings');
  });

  it('lists the returned actions the subgroup is waiting on, soonest due first, saying which answers are late', async () => {
    const { fetchMock } = stubApi();
    renderSubgroup();
    const section = await screen.findByRole('region', { name: /Returned for more information/ });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual(['Action SD-2022/A8', 'Action SD-2022/A7']);
    expect(items[0]).toHaveTextContent('Returned 20 January 2026, answer due by 3 February 2026');
    expect(within(items[0]!).getByText('Late')).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('answer due by 10 March 2026');
    expect(within(items[1]!).queryByText('Late')).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/actions?subgroupId=4&returned=true&sort=targetDate&limit=200');
  });

  it('offers Assure and Return only on actions whose permissions allow them', async () => {
    stubApi();
    renderSubgroup();
    const mine = await awaitingItem('SD-2022/A1');
    expect(within(mine).getByRole('button', { name: 'Assure action SD-2022/A1' })).toBeInTheDocument();
    expect(within(mine).getByRole('button', { name: 'Return for more information action SD-2022/A1' })).toBeInTheDocument();
    const other = await awaitingItem('SD-2022/A2');
    expect(within(other).queryByRole('button')).not.toBeInTheDocument();
  });

  it('tells the chair who proposed a completion that someone else must sign it off, in place of the buttons', async () => {
    const theirOwn = makeAction({
      ...assurable,
      id: 17,
      ref: 'SD-2022/A9',
      permissions: { ...assurable.permissions, canDecideAssurance: false, proposedCompletion: true },
    });
    stubApi({ awaiting: [theirOwn] });
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A9');
    expect(within(item).getByText(/You proposed this completion, so someone else must sign it off/)).toBeInTheDocument();
    expect(within(item).queryByRole('button')).not.toBeInTheDocument();
  });

  it('assures an action with evidence of impact through /assurance, sending no confidence', async () => {
    const user = userEvent.setup();
    const { posted, fetchMock } = stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    await user.click(within(item).getByRole('button', { name: 'Assure action SD-2022/A1' }));
    const impact = await within(item).findByLabelText('Evidence of impact');
    await waitFor(() => expect(impact).toHaveFocus());

    await user.click(within(item).getByRole('button', { name: 'Assure action' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the evidence of impact that shows practice changed' })).toHaveAttribute('href', '#decision-11-impact');
    // The note is optional.
    expect(within(summary).getAllByRole('link')).toHaveLength(1);
    expect(posted).toHaveLength(0);
    expect(document.title).toMatch(/^Error: /);

    await user.type(impact, 'Audit of 20 cases in March: the child was seen alone in 19.');
    await user.type(within(item).getByLabelText('Note for the record (optional)'), 'Agreed at the March meeting.');
    await user.click(within(item).getByRole('button', { name: 'Assure action' }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      decision: 'assure',
      evidenceOfImpact: 'Audit of 20 cases in March: the child was seen alone in 19.',
      note: 'Agreed at the March meeting.',
      actionVersion: 6,
    });
    expect(posted[0]).not.toHaveProperty('confidence');
    expect(fetchMock.mock.calls.some(([input, init]) => init?.method === 'POST' && String(input).endsWith('/updates'))).toBe(false);
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Action SD-2022/A1 is assured')).toBeInTheDocument();
    await waitFor(() => expect(banner).toHaveFocus());
  });

  it('returns an action with the question and a reply-by day that defaults to the reply period', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    const opener = within(item).getByRole('button', { name: 'Return for more information action SD-2022/A1' });
    await user.click(opener);
    const question = await within(item).findByLabelText('What more information is needed?');
    await waitFor(() => expect(question).toHaveFocus());
    expect(within(item).queryByLabelText('Evidence of impact')).not.toBeInTheDocument();

    // Today (3 March 2026) and the partnership's 14 days.
    const replyBy = within(item).getByRole('group', { name: 'Answer due by' });
    expect(replyBy).toHaveAccessibleDescription(expect.stringContaining('14 days to answer, so 17 March 2026'));
    expect(within(replyBy).getByLabelText('Day')).toHaveValue('17');
    expect(within(replyBy).getByLabelText('Month')).toHaveValue('3');
    expect(within(replyBy).getByLabelText('Year')).toHaveValue('2026');

    await user.click(within(item).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(opener).toHaveFocus());

    await user.click(opener);
    await user.type(await within(item).findByLabelText('What more information is needed?'), 'Please attach the re-audit report.');
    await user.click(within(item).getByRole('button', { name: 'Return for more information' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ decision: 'return', question: 'Please attach the re-audit report.', replyBy: '2026-03-17', actionVersion: 6 });
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Action SD-2022/A1 was returned for more information')).toBeInTheDocument();
    expect(within(banner).getByText('It is back with West Midlands Police, with the answer due by 17 March 2026.')).toBeInTheDocument();
  });

  it('returns with another reply-by day, refusing one in the past before sending', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    await user.click(within(item).getByRole('button', { name: 'Return for more information action SD-2022/A1' }));
    await user.type(await within(item).findByLabelText('What more information is needed?'), 'Which teams?');
    const replyBy = within(item).getByRole('group', { name: 'Answer due by' });
    await user.clear(within(replyBy).getByLabelText('Day'));
    await user.type(within(replyBy).getByLabelText('Day'), '1');
    await user.click(within(item).getByRole('button', { name: 'Return for more information' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Answer due by must be today or later' })).toHaveAttribute('href', '#decision-11-reply-by');
    expect(posted).toHaveLength(0);

    await user.clear(within(replyBy).getByLabelText('Day'));
    await user.type(within(replyBy).getByLabelText('Day'), '31');
    await user.click(within(item).getByRole('button', { name: 'Return for more information' }));
    await waitFor(() => expect(posted).toEqual([{ decision: 'return', question: 'Which teams?', replyBy: '2026-03-31', actionVersion: 6 }]));
  });

  it('shows the API’s field errors next to the fields and in the error summary', async () => {
    const user = userEvent.setup();
    stubApi({
      post: () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Invalid',
            status: 422,
            detail: 'The update is not valid',
            code: 'validation.failed',
            errors: [{ path: 'evidenceOfImpact', message: 'must say what changed in practice' }],
          },
          { status: 422 },
        ),
    });
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    await user.click(within(item).getByRole('button', { name: 'Assure action SD-2022/A1' }));
    await user.type(await within(item).findByLabelText('Evidence of impact'), 'Training held.');
    await user.type(within(item).getByLabelText('Note for the record (optional)'), 'Signed off.');
    await user.click(within(item).getByRole('button', { name: 'Assure action' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Evidence of impact must say what changed in practice' })).toBeInTheDocument();
    expect(within(item).getByText('Evidence of impact must say what changed in practice', { selector: '.govuk-error-message' })).toBeInTheDocument();
  });
});
