import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useLearningPoints } from '../api/get-learning-points';

export function LearningPoints({ reviewId }: { reviewId: number }) {
  const learningPoints = useLearningPoints(reviewId);
  if (learningPoints.isPending) return <Loading label="Loading learning points" />;
  if (learningPoints.isError) return <ErrorState error={learningPoints.error} onRetry={() => void learningPoints.refetch()} />;
  if (learningPoints.data.length === 0) return <EmptyState title="No learning points have been recorded for this review" />;
  const sorted = [...learningPoints.data].sort((a, b) => a.number - b.number);
  return (
    <ol className="govuk-list">
      {sorted.map((point) => (
        <li key={point.id} id={`learning-point-${point.number}`} className="govuk-!-margin-bottom-4">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            Learning point {point.number}: {point.title}
          </h3>
          {point.description ? <p className="govuk-body app-pre-wrap">{point.description}</p> : null}
        </li>
      ))}
    </ol>
  );
}
