import type { LearningPoint } from '@lrt/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useLearningPoints } from '../api/get-learning-points';
import { useOrderLearningPoints } from '../api/order-learning-points';
import { ListAnnouncements, ReorderButtons, useAnnouncer, useReorder } from './reorder';

/** The form loads only when the business unit opens it: nobody else ever needs it. */
const LearningPointForm = lazy(async () => ({ default: (await import('./learning-point-form')).LearningPointForm }));
const loadingForm = <Loading label="Loading the form" />;

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
  const [announcement, announce] = useAnnouncer();
  const reorder = useReorder({
    items: points,
    save: (ids) => order.mutateAsync(ids),
    describe: (point, position, total) => `“${point.title}” moved to position ${position} of ${total}: it is now learning point ${point.number}.`,
    announce,
  });
  /** Several can be open at once, so opening one never throws away what was typed in another. */
  const [editing, setEditing] = useState<ReadonlySet<number>>(new Set());
  const [adding, setAdding] = useState(false);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  /**
   * The button to put focus back on once the form that took its place has closed: after the render that shows it
   * again (a frame callback can run before that render, and focus would then be lost to the page).
   */
  const [focusBack, setFocusBack] = useState<number | 'add' | null>(null);
  useEffect(() => {
    if (focusBack === null) return;
    const button = focusBack === 'add' ? addButton.current : editButtons.current.get(focusBack);
    if (!button) return;
    button.focus();
    setFocusBack(null);
  }, [focusBack, adding, editing]);
  const nextNumber = points.reduce((max, point) => Math.max(max, point.number), 0) + 1;

  const closeEdit = (point: LearningPoint, saved: LearningPoint | null) => {
    setEditing((current) => new Set([...current].filter((id) => id !== point.id)));
    if (saved) announce(`Learning point ${saved.number} has been saved.`);
    // Back to the button that opened the form, once it is shown again.
    setFocusBack(point.id);
  };
  const closeAdd = (saved: LearningPoint | null) => {
    setAdding(false);
    if (saved) announce(`Learning point ${saved.number} has been added.`);
    setFocusBack('add');
  };

  return (
    <>
      {points.length === 0 && !adding ? <EmptyState title="No learning points have been recorded for this review" /> : null}
      {points.length > 0 ? (
        <ol className="govuk-list app-plan-list">
          {points.map((point, index) => (
            <li key={point.id} id={`learning-point-${point.number}`} className="app-plan-list__item">
              {editing.has(point.id) ? (
                <Suspense fallback={loadingForm}>
                  <LearningPointForm reviewId={reviewId} point={point} nextNumber={nextNumber} onClose={(saved) => closeEdit(point, saved)} />
                </Suspense>
              ) : (
                <>
                  <PointText point={point} />
                  <div className="govuk-button-group app-plan-item__controls app-no-print">
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary app-plan-item__button"
                      ref={(element) => {
                        if (element) editButtons.current.set(point.id, element);
                        else editButtons.current.delete(point.id);
                      }}
                      onClick={() => setEditing((current) => new Set([...current, point.id]))}
                    >
                      Edit <span className="govuk-visually-hidden">learning point {point.number}</span>
                    </button>
                    <ReorderButtons id={point.id} index={index} total={points.length} label={`learning point ${point.number}`} reorder={reorder} />
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <ListAnnouncements announcement={announcement} error={reorder.error} />
      <div className="app-no-print">
        {adding ? (
          <Suspense fallback={loadingForm}>
            <LearningPointForm reviewId={reviewId} point={null} nextNumber={nextNumber} onClose={closeAdd} />
          </Suspense>
        ) : (
          <button type="button" className="govuk-button govuk-button--secondary" ref={addButton} onClick={() => setAdding(true)}>
            Add a learning point
          </button>
        )}
      </div>
    </>
  );
}
