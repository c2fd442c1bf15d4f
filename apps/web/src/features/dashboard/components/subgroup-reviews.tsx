import type { Review } from '@lrt/contracts';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { useShowMore } from '@/components/show-more';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { ReviewTimelinessSummary } from '@/features/reviews/components/review-timeliness';
import { LABELS } from '@/lib/contract-constants';
import { useSubgroupReviews } from '../api/get-subgroup-reviews';
import { countPath } from '../links';
import { CountLink } from './count-link';

/**
 * The reviews whose plans the subgroup oversees, most recent first: stage, timeliness against the statutory
 * timescales, action counts. A page at a time, however many years of reviews the subgroup has overseen; "Show more
 * reviews" adds the next below and moves focus to the first review it added.
 */
export function SubgroupReviews({ subgroupId }: { subgroupId: number }) {
  const reviews = useSubgroupReviews(subgroupId);
  const { items: rows, focusRef, button } = useShowMore(reviews, 'Show more reviews');

  const link = (review: Review, count: number, words: string, filter: Parameters<typeof countPath>[1]) => (
    <CountLink count={count} to={countPath({ subgroupId, reviewId: review.id }, filter)} label={`${words} of review ${review.code}`} />
  );
  const columns: Column<Review>[] = [
    {
      key: 'review',
      header: 'Review',
      rowHeader: true,
      cell: (review) => (
        <>
          <Link className="govuk-link" to={`/reviews/${review.id}`} ref={focusRef(review.id)}>
            {review.code}
          </Link>
          <span className="app-secondary-text govuk-!-display-block">
            {review.childPseudonym}: {review.title}
          </span>
        </>
      ),
    },
    {
      key: 'type',
      header: 'Type and stage',
      cell: (review) => (
        <>
          {LABELS.reviewType[review.type]}
          <span className="govuk-!-display-block app-secondary-text">{LABELS.reviewStage[review.stage]}</span>
        </>
      ),
    },
    { key: 'timeliness', header: 'Timeliness', cell: (review) => <ReviewTimelinessSummary timeliness={review.timeliness} /> },
    { key: 'actions', header: 'Actions', numeric: true, cell: (r) => link(r, r.actionCounts.total, 'actions', { kind: 'all' }) },
    { key: 'red', header: 'Red', numeric: true, cell: (r) => link(r, r.actionCounts.byBrag.red, 'red actions', { kind: 'brag', brag: 'red' }) },
    { key: 'overdue', header: 'Overdue', numeric: true, cell: (r) => link(r, r.actionCounts.overdue, 'overdue actions', { kind: 'overdue' }) },
  ];

  return (
    <section aria-labelledby="subgroup-reviews-heading">
      <h2 className="govuk-heading-l" id="subgroup-reviews-heading">
        Reviews the subgroup oversees
      </h2>
      {reviews.isPending ? (
        <Loading label="Loading the reviews" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="The subgroup oversees no review yet" />
      ) : (
        <>
          <DataTable
            caption="Reviews the subgroup oversees, most recent first, with their timeliness and actions"
            captionSize="hidden"
            columns={columns}
            rows={rows}
            rowKey={(review) => review.id}
          />
          {button}
        </>
      )}
    </section>
  );
}
