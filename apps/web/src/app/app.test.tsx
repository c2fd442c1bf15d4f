import type { Review } from '@lrt/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse } from '@/test/render';
import { AppProvider } from './provider';
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
  '/api/agencies': { items: [makeAgency()], nextCursor: null },
  '/api/subgroups': { items: [{ id: 5, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }], nextCursor: null },
  '/api/themes': { items: [{ id: 6, name: 'Child’s voice', description: '', version: 1 }], nextCursor: null },
};

function renderApp(url: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) => {
      const { pathname } = new URL(String(input), 'http://localhost');
      const body = responses[pathname];
      return body === undefined
        ? jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 })
        : jsonResponse(body);
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

describe('the tracker', () => {
  it('goes from the reviews list to a review and one of its actions, naming each page', async () => {
    const user = userEvent.setup();
    renderApp('/');

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
    expect(screen.getByRole('table', { name: 'Key dates' })).toHaveTextContent('Due by 25 January 2022');
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
    expect(screen.getByRole('heading', { name: 'Post a progress update' })).toBeInTheDocument();
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
