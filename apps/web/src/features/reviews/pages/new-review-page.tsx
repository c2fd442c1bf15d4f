import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ReviewForm } from '../components/review-form';
import { NoPlanAccess } from '../components/no-plan-access';

/** `/reviews/new`: the business unit records a review. */
export function NewReviewPage() {
  const me = useSignedIn();
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle('Add a review', { hasErrors });
  if (!me) return null;
  if (!me.capabilities.managePlans) return <NoPlanAccess doing="add reviews" backTo="/reviews" backLabel="Back to reviews" />;
  return (
    <>
      <Link to="/reviews" className="govuk-back-link">
        Back to reviews
      </Link>
      <h1 className="govuk-heading-l">Add a review</h1>
      <p className="govuk-body">
        Record the review now; add its learning points and recommendations on the review’s page once it is saved.
      </p>
      <NewReviewForm onErrorsChange={setHasErrors} />
    </>
  );
}

function NewReviewForm({ onErrorsChange }: { onErrorsChange: (hasErrors: boolean) => void }) {
  const subgroups = useSubgroups();
  const themes = useThemes();
  const failed = [subgroups, themes].find((query) => query.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => [subgroups, themes].forEach((query) => void query.refetch())} />;
  if (!subgroups.data || !themes.data) return <Loading label="Loading the form" />;
  return <ReviewForm review={null} subgroups={subgroups.data} themes={themes.data} onErrorsChange={onErrorsChange} cancelTo="/reviews" />;
}
