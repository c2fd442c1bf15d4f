import type { Review } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ReviewPage } from './review-page';
import { ReviewsPage } from './reviews-page';

function makeReview(overrides: Partial<Review> = {}): Review {
  return {
    id: 3,
    code: 'SD-2022',
    type: 'lcspr',
    childPseudonym: 'SD',
    title: 'Local child safeguarding practice review: SD',
    stage: 'published',
    notifiedOn: '2022-03-01',
    rapidReviewOn: '2022-03-25',
    startedOn: '2022-04-01',
    completedOn: '2022-11-30',
    publishedOn: '2023-01-10',
    leadReviewer: 'Jane Doe',
    subgroupId: null,
    summary: '',
    themeIds: [6],
    timeliness: { rapidReviewDueOn: '2022-03-22', rapidReviewLate: true, reviewDueOn: '2022-10-01', reviewLate: true },
    actionCounts: { total: 3, overdue: 1, byBrag: { blue: 0, green: 1, amber: 1, red: 1 } },
    version: 1,
    ...overrides,
  };
}

function stubApi(reviews: Review[]) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    const review = reviews.find((r) => url.pathname === `/api/reviews/${r.id}`);
    if (review) return jsonResponse(review);
    if (url.pathname === '/api/reviews') return jsonResponse({ items: reviews, nextCursor: null });
    if (url.pathname === '/api/actions') {
      return jsonResponse({
        items: [
          makeAction({ id: 1, ref: 'SD-2022/A1', brag: 'red', bragReason: 'overdue', overdue: true }),
          makeAction({ id: 2, ref: 'SD-2022/A2', brag: 'amber', stale: true }),
        ],
        nextCursor: null,
      });
    }
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    if (url.pathname === '/api/themes') return jsonResponse({ items: [{ id: 6, name: 'Child’s voice', description: '', version: 1 }], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const renderReview = (review: Review) => {
  stubApi([review]);
  return renderAt(<ReviewPage />, { url: `/reviews/${review.id}`, path: '/reviews/:reviewId' });
};

describe('ReviewPage', () => {
  it('says whether each statutory timescale was met', async () => {
    renderReview(makeReview({ timeliness: { rapidReviewDueOn: '2022-03-22', rapidReviewLate: true, reviewDueOn: '2022-10-01', reviewLate: false } }));

    const table = await screen.findByRole('table', { name: 'Key dates and statutory timescales' });
    const rapid = within(table).getByRole('row', { name: /Rapid review held/ });
    expect(rapid).toHaveTextContent('Due by 22 March 2022');
    expect(rapid).toHaveTextContent('15th working day after notification');
    expect(within(rapid).getByText('Late')).toBeInTheDocument();
    const published = within(table).getByRole('row', { name: /Review published/ });
    expect(published).toHaveTextContent('six months after the review started');
    expect(within(published).getByText('On time')).toBeInTheDocument();
  });

  it('says what a step is due by while it is still to come', async () => {
    renderReview(
      makeReview({
        stage: 'review',
        completedOn: null,
        publishedOn: null,
        timeliness: { rapidReviewDueOn: '2022-03-22', rapidReviewLate: false, reviewDueOn: '2099-10-01', reviewLate: null },
      }),
    );
    const table = await screen.findByRole('table', { name: 'Key dates and statutory timescales' });
    const published = within(table).getByRole('row', { name: /Review published/ });
    expect(published).toHaveTextContent('Not yet');
    expect(within(published).getAllByText('Due by 1 October 2099').length).toBeGreaterThan(0);
  });

  it('counts actions by BRAG in words and shows each action’s BRAG as a word', async () => {
    renderReview(makeReview());
    const counts = await screen.findByRole('table', { name: 'Actions by BRAG rating' });
    expect(within(counts).getByRole('row', { name: /Red/ })).toHaveTextContent('1');
    expect(within(counts).getByRole('row', { name: /Blue/ })).toHaveTextContent('0');

    const plan = await screen.findByRole('table', { name: 'Actions not linked to a recommendation' });
    const a1 = within(plan).getByRole('row', { name: /SD-2022\/A1/ });
    expect(within(a1).getByText('Red')).toBeInTheDocument();
    expect(within(a1).getByText('Overdue')).toBeInTheDocument();
    expect(within(within(plan).getByRole('row', { name: /SD-2022\/A2/ })).getByText('Amber')).toBeInTheDocument();
  });

  it('links its themes, its actions list and their downloads as Excel and CSV', async () => {
    renderReview(makeReview());
    expect(await screen.findByRole('link', { name: 'Child’s voice' })).toHaveAttribute('href', '/themes/6');
    expect(screen.getByRole('link', { name: 'See this review’s actions in the actions list' })).toHaveAttribute('href', '/actions?reviewId=3');
    expect(screen.getByRole('link', { name: 'Download this review’s actions as Excel' })).toHaveAttribute(
      'href',
      '/api/exports/actions.xlsx?reviewId=3&sort=ref',
    );
    expect(screen.getByRole('link', { name: 'Download this review’s actions as CSV' })).toHaveAttribute(
      'href',
      '/api/exports/actions.csv?reviewId=3&sort=ref',
    );
  });

  it('prints the plan, with the day it was printed', async () => {
    const user = userEvent.setup();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderReview(makeReview());

    const button = await screen.findByRole('button', { name: 'Print this plan' });
    expect(button.closest('.app-no-print')).not.toBeNull();
    await user.click(button);
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByText(/The action plan as it stood when printed on \d{1,2} \w+ \d{4}/)).toHaveClass('app-print-only');
  });
});

describe('ReviewsPage', () => {
  const reviews = [
    makeReview({ id: 3, code: 'SD-2022', notifiedOn: '2022-03-01' }),
    makeReview({
      id: 4,
      code: 'CR-2023',
      notifiedOn: '2023-05-01',
      timeliness: { rapidReviewDueOn: '2023-05-22', rapidReviewLate: false, reviewDueOn: '2099-01-01', reviewLate: null },
      actionCounts: { total: 2, overdue: 0, byBrag: { blue: 1, green: 1, amber: 0, red: 0 } },
    }),
  ];

  it('lists reviews newest first with timeliness and BRAG counts in words, and sorts by a column heading', async () => {
    const user = userEvent.setup();
    stubApi(reviews);
    renderAt(<ReviewsPage />, { url: '/reviews' });

    const table = await screen.findByRole('table', { name: /2 reviews/ });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()[0]).toHaveTextContent('CR-2023');
    expect(rows()[0]).toHaveTextContent('Green 1, Blue 1');
    expect(rows()[0]).toHaveTextContent('Review: Due by 1 January 2099');
    expect(rows()[1]).toHaveTextContent('Rapid review: Late');
    expect(rows()[1]).toHaveTextContent('Red 1, Amber 1, Green 1');
    expect(within(table).getByRole('columnheader', { name: 'Notified' })).toHaveAttribute('aria-sort', 'descending');

    await user.click(within(table).getByRole('button', { name: 'Code' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews?sort=code');
    expect(rows()[0]).toHaveTextContent('CR-2023');
    await user.click(within(table).getByRole('button', { name: 'Code' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews?sort=-code');
    expect(rows()[0]).toHaveTextContent('SD-2022');
    expect(within(table).getByRole('columnheader', { name: 'Code' })).toHaveAttribute('aria-sort', 'descending');
  });
});
