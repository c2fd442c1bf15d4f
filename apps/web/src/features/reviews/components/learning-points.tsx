import type { LearningPoint } from '@lrt/contracts';
import { lazy } from 'react';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useLearningPoints } from '../api/get-learning-points';
import { useOrderLearningPoints } from '../api/order-learning-points';
import { AddInPlace, FormSlot, ItemControls } from './in-place-editing';
import { ListAnnouncements } from './reorder';
import { useInPlaceEditing } from './use-in-place-editing';

/** The form loads only when the business unit opens it: nobody else ever needs it. */
const LearningPointForm = lazy(async () => ({ default: (await import('./learning-point-form')).LearningPointForm }));

/** A review's learning points; with `canEdit` (the business unit), each can be changed and moved, and more added. */
export function LearningPoints({ reviewId, canEdit = false }: { reviewId: number; canEdit?: boolean }) {
  const learningPoints = useLearningPoints(reviewId);
  if (learningPoints.isPending) return <Loading label="Loading learning points" />;
  if (learningPoints.isError) return <ErrorState error={learningPoints.error} onRetry={() => void learningPoints.refetch()} />;
  const sorted = [...learningPoints.data].sort((a, b) => a.number - b.number);
  if (canEdit) return <EditableLearningPoints reviewId={reviewId} points={sorted} />;
  if (sorted.length === 0) return <EmptyState title="No learning points have been recorded for this review" />;
  return (
    <ol className="govuk-list">
      {sorted.map((point) => (
        <li key={point.id} id={`learning-point-${point.number}`} className="govuk-!-margin-bottom-4">
          <PointText point={point} />
        </li>
      ))}
    </ol>
  );
}

function PointText({ point }: { point: LearningPoint }) {
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        Learning point {point.number}: {point.title}
      </h3>
      {point.description ? <p className="govuk-body app-pre-wrap">{point.description}</p> : null}
    </>
  );
}

function EditableLearningPoints({ reviewId, points }: { reviewId: number; points: LearningPoint[] }) {
  const order = useOrderLearningPoints(reviewId);
  const list = useInPlaceEditing({
    noun: 'learning point',
    items: points,
    order: (ids) => order.mutateAsync(ids),
    describe: (point, position, total) => `“${point.title}” moved to position ${position} of ${total}: it is now learning point ${point.number}.`,
  });

  return (
    <>
      {points.length === 0 && !list.adding ? <EmptyState title="No learning points have been recorded for this review" /> : null}
      {points.length > 0 ? (
        <ol className="govuk-list app-plan-list">
          {points.map((point, index) => (
            <li key={point.id} id={`learning-point-${point.number}`} className="app-plan-list__item">
              {list.isEditing(point.id) ? (
                <FormSlot>
                  <LearningPointForm reviewId={reviewId} point={point} nextNumber={list.nextNumber} onClose={(saved) => list.closeEdit(point, saved)} />
                </FormSlot>
              ) : (
                <>
                  <PointText point={point} />
                  <ItemControls list={list} item={point} index={index} />
                </>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <ListAnnouncements announcement={list.announcement} error={list.reorder.error} />
      <div className="app-no-print">
        <AddInPlace list={list}>
          <LearningPointForm reviewId={reviewId} point={null} nextNumber={list.nextNumber} onClose={list.closeAdd} />
        </AddInPlace>
      </div>
    </>
  );
}
