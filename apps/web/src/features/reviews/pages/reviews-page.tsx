import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useReviews } from '../api/get-reviews';
import { ReviewsTable } from '../components/reviews-table';

export function ReviewsPage() {
  useDocumentTitle('Reviews');
  const reviews = useReviews();

  return (
    <>
      <h1 className="govuk-heading-l">Reviews</h1>
      <p className="govuk-body-l">
        Every learning review of the partnership, with its actions and whether it met its statutory timescales.
      </p>
      {reviews.isPending ? (
        <Loading label="Loading reviews" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <EmptyState title="There are no reviews yet">
          The business unit adds reviews when a rapid review is held or a review is started.
        </EmptyState>
      ) : (
        <ReviewsTable reviews={reviews.data} />
      )}
    </>
  );
}
