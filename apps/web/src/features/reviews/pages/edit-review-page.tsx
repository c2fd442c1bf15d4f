import { useState } from 'react';
import { Link } from 'react-router';
import { NotFoundPage } from '@/app/not-found-page';
import { ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useReview } from '../api/get-review';
import { NoPlanAccess } from '../components/no-plan-access';
import { ReviewForm } from '../components/review-form';

/** `/reviews/:reviewId/edit`: the business unit changes a review's details, stage and key dates. */
export function EditReviewPage() {
  const reviewId = useIdParam('reviewId');
  if (reviewId === null) return <NotFoundPage />;
  return <EditReview reviewId={reviewId} />;
}

function EditReview({ reviewId }: { reviewId: number }) {
  const me = useSignedIn();
  const review = useReview(reviewId);
  const subgroups = useSubgroups();
  const themes = useThemes();
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(review.data ? `Edit review ${review.data.code}` : 'Edit review', { hasErrors });

  if (!me) return null;
  const back = `/reviews/${reviewId}`;
  if (!me.capabilities.managePlans) return <NoPlanAccess doing="change reviews" backTo={back} backLabel="Back to the review" />;
  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    if (isApiError(review.error) && review.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Edit review</h1>
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      </>
    );
  }
  const failed = [subgroups, themes].find((query) => query.isError);
  return (
    <>
      <Link to={back} className="govuk-back-link">
        Back to review {review.data.code}
      </Link>
      <span className="govuk-caption-l">Review {review.data.code}</span>
      <h1 className="govuk-heading-l">Edit review</h1>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => [subgroups, themes].forEach((query) => void query.refetch())} />
      ) : !subgroups.data || !themes.data ? (
        <Loading label="Loading the form" />
      ) : (
        <ReviewForm review={review.data} subgroups={subgroups.data} themes={themes.data} onErrorsChange={setHasErrors} cancelTo={back} />
      )}
    </>
  );
}
