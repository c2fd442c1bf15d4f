import type { AuditEvent, Me, Review } from '@lrt/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency, makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse } from '@/test/render';
import { AppProvider } from './provider';
import { createAppQueryClient } from './query-client';
import { routes } from './router';

const review: Review = {
  id: 3,
  code: 'SD-2022',
  type: 'lcspr',
  childPseudonym: 'SD',
  title: 'Local child safeguarding practice review: SD',
  stage: 'published',
  notifiedOn: '2022-01-04',
  rapidReviewOn: '2022-01-28',
  startedOn: '2022-02-10',
  completedOn: '2022-09-01',
  publishedOn: '2022-10-03',
  leadReviewer: 'Jane Reviewer',
  subgroupId: 5,
  summary: 'A review of the multi-agency response to SD.',
  themeIds: [6],
  timeliness: { rapidReviewDueOn: '2022-01-25', rapidReviewLate: true, reviewDueOn: '2022-08-10', reviewLate: true },
  actionCounts: { total: 1, overdue: 1, byBrag: { blue: 0, green: 0, amber: 0, red: 1 } },
  version: 1,
};

const action = makeAction({ recommendationId: 11, brag: 'red', bragReason: 'overdue since 31 March 2026', overdue: true });

const responses: Record<string, unknown> = {
  '/api/settings': { partnershipName: 'Northshire Safeguarding Children Partnership', updateCadenceDays: 56, dueSoonDays: 28, version: 1 },
  '/api/reviews': { items: [review], nextCursor: null },
  '/api/reviews/3': review,
  '/api/reviews/3/learning-points': {
    items: [{ id: 21, reviewId: 3, number: 1, title: 'The child’s voice was not heard', description: '', version: 1 }],
    nextCursor: null,
  },
  '/api/recommendations': {
    items: [
      {
        id: 11,
        reviewId: 3,
        number: 1,
        text: 'Agencies should make sure practitioners speak to children alone.',
        addressee: 'partnership',
        leadAgencyId: null,
        subgroupId: null,
        learningPointIds: [21],
        targetDate: '2026-03-31',
        version: 1,
      },
    ],
    nextCursor: null,
  },
  '/api/actions': { items: [action], nextCursor: null },
  '/api/actions/7': action,
  '/api/actions/7/updates': {
    items: [
      {
        id: 30,
        actionId: 7,
        authorName: 'Sam Patel',
        agencyId: 1,
        createdAt: '2026-01-10T10:00:00.000Z',
        note: 'Briefings planned for February.',
        confidence: 'at_risk',
        statusChange: { from: 'not_started', to: 'in_progress' },
        evidence: [{ label: 'Briefing plan', url: 'https://intranet.example/plan' }],
        evidenceOfImpact: null,
        reason: null,
      },
    ],
    nextCursor: null,
  },
  '/api/audit': {
    items: [
      {
        id: 91,
        at: '2026-02-02T15:30:00.000Z',
        actorId: 2,
        actorName: 'Alex Morgan',
        entity: 'action',
        entityId: 7,
        operation: 'update',
        before: { targetDate: '2026-01-31', ownerAgencyId: 2 },
        after: { targetDate: '2026-03-31', ownerAgencyId: 1 },
        requestId: 'req-91',
      },
      {
        id: 90,
        at: '2026-01-10T10:00:00.000Z',
        actorId: 5,
        actorName: 'Sam Patel',
        entity: 'action',
        entityId: 7,
        operation: 'progress_update',
        before: { status: 'not_started', latestConfidence: null, lastUpdateAt: null },
        after: {
          status: 'in_progress',
          latestConfidence: 'at_risk',
          lastUpdateAt: '2026-01-10T10:00:00.000Z',
          progressUpdateId: 30,
          note: 'Briefings planned for February.',
        },
        requestId: 'req-90',
      },
      {
        id: 80,
        at: '2025-06-01T09:00:00.000Z',
        actorId: 2,
        actorName: 'Alex Morgan',
        entity: 'action',
        entityId: 7,
        operation: 'create',
        before: null,
        after: { ref: 'SD-2022/A3', status: 'not_started' },
        requestId: 'req-80',
      },
    ] satisfies AuditEvent[],
    nextCursor: null,
  },
  '/api/agencies': {
    items: [makeAgency(), makeAgency({ id: 2, name: 'Birmingham Children’s Trust', shortName: 'BCT', kind: 'local_authority' })],
    nextCursor: null,
  },
  '/api/subgroups': { items: [{ id: 5, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }], nextCursor: null },
  '/api/themes': { items: [{ id: 6, name: 'Child’s voice', description: '', version: 1 }], nextCursor: null },
};

const unauthenticated = () =>
  jsonResponse(
    { type: 'about:blank', title: 'Sign in', status: 401, detail: 'Sign in to use the tracker.', code: 'auth.unauthenticated' },
    { status: 401 },
  );

/** Who the fake API thinks is signed in; handlers may change it (signing in does). */
interface Session {
  me: Me | null;
}

type Handler = (init: RequestInit | undefined, session: Session) => Response | Promise<Response>;

/**
 * The whole app at a URL, its API answered from `responses` (and `handlers`, keyed "METHOD /path", which win),
 * with `me` signed in (the business unit unless said; `null` for nobody).
 */
function renderApp(url: string, { me = makeMe(), handlers = {} }: { me?: Me | null; handlers?: Record<string, Handler> } = {}) {
  const session: Session = { me };
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const requestUrl = new URL(String(input), 'http://localhost');
    const handler = handlers[`${init?.method ?? 'GET'} ${requestUrl.pathname}`];
    if (handler) return handler(init, session);
    if (requestUrl.pathname === '/api/auth/me') return session.me ? jsonResponse(session.me) : unauthenticated();
    if (!session.me) return unauthenticated();
    const body = responses[requestUrl.pathname];
    return body === undefined
      ? jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 })
      : jsonResponse(body);
  });
  vi.stubGlobal('fetch', fetchMock);
  const queryClient = createAppQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, fetchMock };
}

const currentUrl = (router: ReturnType<typeof createMemoryRouter>) =>
  `${router.state.location.pathname}${router.state.location.search}`;

describe('the tracker', () => {
  it('goes from the reviews list to a review and one of its actions, naming each page', async () => {
    const user = userEvent.setup();
    renderApp('/reviews');

    expect(await screen.findByRole('heading', { level: 1, name: 'Reviews' })).toBeInTheDocument();
    expect(document.title).toBe('Reviews – Learning Review Tracker');
    expect(screen.getByRole('banner')).toHaveTextContent('Learning Review Tracker');
    expect(await within(screen.getByRole('banner')).findByText('Northshire Safeguarding Children Partnership')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');

    const reviewRow = screen.getByRole('row', { name: /SD-2022/ });
    expect(within(reviewRow).getByText('Local child safeguarding practice review')).toBeInTheDocument();
    expect(within(reviewRow).getAllByText('Late')).toHaveLength(2);

    await user.click(within(reviewRow).getByRole('link', { name: 'SD-2022' }));
    expect(await screen.findByRole('heading', { level: 1, name: review.title })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe(`SD-2022: ${review.title} – Learning Review Tracker`));
    expect(screen.getByRole('table', { name: 'Key dates and statutory timescales' })).toHaveTextContent('Due by 25 January 2022');
    expect(await screen.findByText('Learning point 1: The child’s voice was not heard')).toBeInTheDocument();

    const actions = await screen.findByRole('table', { name: 'Actions for recommendation 1' });
    const actionRow = within(actions).getByRole('row', { name: /SD-2022\/A3/ });
    expect(within(actionRow).getByText('Red')).toBeInTheDocument();
    expect(within(actionRow).getByText('Overdue')).toBeInTheDocument();
    expect(within(actionRow).getByText('WMP')).toBeInTheDocument();
    expect(within(actionRow).getByText('31 March 2026')).toBeInTheDocument();

    await user.click(within(actionRow).getByRole('link', { name: 'SD-2022/A3' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Action SD-2022/A3' })).toBeInTheDocument();
    expect(screen.getByText('overdue since 31 March 2026')).toBeVisible();
    expect(await screen.findByText('Status changed from Not started to In progress')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Briefing plan' })).toHaveAttribute('href', 'https://intranet.example/plan');
    expect(await screen.findByRole('heading', { name: 'Post an update or a comment' })).toBeInTheDocument();

    // The business unit may read the audit trail: the action's history, in words, below the progress updates.
    const history = await screen.findByRole('list', { name: 'Changes, newest first' });
    const changes = within(history).getAllByRole('listitem').filter((item) => item.parentElement === history);
    expect(changes).toHaveLength(3);
    expect(changes[0]).toHaveTextContent('Details changed');
    expect(changes[0]).toHaveTextContent('Details changed by Alex Morgan');
    expect(within(changes[0]!).getByText('2 February 2026 at 3:30pm')).toHaveAttribute('datetime');
    expect(changes[0]).toHaveTextContent('Owner agency changed from Birmingham Children’s Trust to West Midlands Police');
    expect(changes[0]).toHaveTextContent('Target date changed from 31 January 2026 to 31 March 2026');
    expect(changes[1]).toHaveTextContent('Progress update posted');
    expect(changes[1]).toHaveTextContent('by Sam Patel');
    expect(within(changes[1]!).getByText('Status changed from Not started to In progress')).toBeInTheDocument();
    expect(within(changes[1]!).getByText('Latest confidence set to At risk')).toBeInTheDocument();
    expect(changes[1]).not.toHaveTextContent('Briefings planned');
    expect(changes[2]).toHaveTextContent('Action added');
  });

  it('sends someone who is not signed in to sign in, and back to the page they wanted afterwards', async () => {
    const user = userEvent.setup();
    const { router, fetchMock } = renderApp('/actions/7?tab=history', {
      me: null,
      handlers: {
        'POST /api/auth/login': (_init, session) => {
          session.me = makeMe();
          return jsonResponse(session.me);
        },
        'GET /api/actions/7': () => jsonResponse(action),
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/sign-in?returnTo=${encodeURIComponent('/actions/7?tab=history')}`);
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
    // Nothing but the session check, and whether single sign-on is offered, is asked of the API before signing in.
    await waitFor(() => expect(fetchMock.mock.calls.map(([input]) => String(input))).toEqual(['/api/auth/me', '/api/auth/oidc/status']));

    await user.type(screen.getByLabelText('Email address'), 'alex.morgan@partnership.example');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Action SD-2022/A3' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/actions/7?tab=history');
    expect(within(screen.getByRole('banner')).getByText('Alex Morgan')).toBeInTheDocument();
  });

  it('goes to sign in when the session ends, coming back to the same page', async () => {
    let sessionEnded = false;
    const { router } = renderApp('/reviews', {
      handlers: {
        'GET /api/auth/me': () => (sessionEnded ? unauthenticated() : jsonResponse(makeMe())),
        'GET /api/actions': () => (sessionEnded ? unauthenticated() : jsonResponse({ items: [action], nextCursor: null })),
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Reviews' })).toBeInTheDocument();

    sessionEnded = true;
    await userEvent.setup().click(screen.getByRole('link', { name: 'Actions' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe(`/sign-in?returnTo=${encodeURIComponent('/actions')}`);
    expect(screen.queryByText('Alex Morgan')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
  });

  it('lands an agency lead on what their agency owes', async () => {
    const { router } = renderApp('/', { me: makeAgencyLeadMe() });

    expect(await screen.findByRole('heading', { level: 1, name: 'My agency' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/my-agency');
    expect(document.title).toBe('My agency – Learning Review Tracker');
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(menu).getByRole('link', { name: 'My agency' })).toHaveAttribute('aria-current', 'page');
    expect(within(menu).getByRole('link', { name: 'Actions' })).not.toHaveAttribute('aria-current');
  });

  it('shows an agency lead an action they cannot post on, without the form or the change history', async () => {
    const readOnly = makeAction({ ownerAgencyId: 2, permissions: { canEdit: false, canPostUpdate: false, canComment: false, statusChanges: [], agencyIds: [], canDecideAssurance: false, proposedCompletion: false, canRequestTargetDate: false, canDecideTargetDate: false } });
    const { fetchMock } = renderApp('/actions/7', { me: makeAgencyLeadMe(), handlers: { 'GET /api/actions/7': () => jsonResponse(readOnly) } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Action SD-2022/A3' })).toBeInTheDocument();
    expect(await screen.findByText('Status changed from Not started to In progress')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Post a progress update' })).not.toBeInTheDocument();
    expect(screen.getByText(/Progress updates on this action are posted by its agencies’ leads/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Change history' })).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.map(([input]) => String(input)).some((url) => url.startsWith('/api/audit'))).toBe(false);
  });

  it('lands the independent chair on the overview', async () => {
    const { router } = renderApp('/', { me: makeMe({ roles: ['independent_chair'] }, { managePlans: false }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(currentUrl(router)).toBe('/overview');
    expect(within(screen.getByRole('navigation', { name: 'Menu' })).queryByRole('link', { name: 'My agency' })).not.toBeInTheDocument();
  });

  it('says a page does not exist', async () => {
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('says an action does not exist when the API has no such action', async () => {
    renderApp('/actions/999');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});
