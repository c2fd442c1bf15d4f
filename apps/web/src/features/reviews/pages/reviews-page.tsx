import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useReviews } from '../api/get-reviews';
import { ReviewsTable } from '../components/reviews-table';
import { DEFAULT_REVIEW_SORT, readReviewSort, REVIEW_SORT_LABELS, sortReviews, type ReviewSort } from '../sort-reviews';

export function ReviewsPage() {
  useDocumentTitle('Reviews');
  const reviews = useReviews();
  const canAdd = useSignedIn()?.capabilities.managePlans ?? false;
  const [searchParams, setSearchParams] = useSearchParams();
  const sort = readReviewSort(searchParams.get('sort'));
  const sorted = useMemo(() => (reviews.data ? sortReviews(reviews.data, sort) : []), [reviews.data, sort]);
  // The sort lives in the URL, so a link reproduces the view.
  const onSort = (next: ReviewSort) => setSearchParams(next === DEFAULT_REVIEW_SORT ? {} : { sort: next });
  return (
    <div className="app-wide-page">
      <h1 className="govuk-heading-l">Reviews</h1>
      <p className="govuk-body-l">
        Every learning review of the partnership, with its actions and whether it met its statutory timescales.
      </p>
      {canAdd ? (
        <p className="govuk-body">
          <Link to="/reviews/new" className="govuk-button govuk-!-margin-bottom-0" draggable="false">
            Add a review
          </Link>
        </p>
      ) : null}
      {reviews.isPending ? (
        <Loading label="Loading reviews" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <EmptyState title="There are no reviews yet">
          The business unit adds reviews when a rapid review is held or a review is started.
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body app-secondary-text">
            Sorted by {REVIEW_SORT_LABELS[sort].toLowerCase()}. Select a column heading to sort by it.
          </p>
          <ReviewsTable reviews={sorted} sort={sort} onSort={onSort} sortLabel={REVIEW_SORT_LABELS[sort]} />
        </>
      )}
    </div>
  );
}
