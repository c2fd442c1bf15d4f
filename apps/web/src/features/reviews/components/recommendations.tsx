import type { Action, Agency, LearningPoint, Recommendation, Subgroup } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ActionsTable, AgencyName } from '@/features/actions/components/actions-table';
import { EmptyState, Loading } from '@/components/states';
import { formatDate } from '@/lib/format';
import { useOrderRecommendations } from '../api/order-recommendations';
import { ListAnnouncements, ReorderButtons, useAnnouncer, useReorder } from './reorder';

/** The form loads only when the business unit opens it: nobody else ever needs it. */
const RecommendationForm = lazy(async () => ({ default: (await import('./recommendation-form')).RecommendationForm }));
const loadingForm = <Loading label="Loading the form" />;

interface RecommendationsProps {
  reviewId: number;
  recommendations: readonly Recommendation[];
  actions: readonly Action[];
  agencies: ReadonlyMap<number, Agency>;
  subgroups: ReadonlyMap<number, Subgroup>;
  learningPoints: ReadonlyMap<number, LearningPoint>;
  /** The business unit: may add, change and reorder recommendations, and add actions. */
  canEdit?: boolean;
  /** The subgroup overseeing the review, which a new recommendation starts with. */
  reviewSubgroupId?: number | null;
}

/** Where the business unit adds actions: to the review, or to serve one recommendation. */
export const addActionsPath = (reviewId: number, recommendationId?: number) =>
  `/reviews/${reviewId}/actions/new${recommendationId === undefined ? '' : `?recommendationId=${recommendationId}`}`;

/** Each recommendation with the actions that serve it, then the actions that serve none (often rapid review actions). */
export function Recommendations({
  reviewId,
  recommendations,
  actions,
  agencies,
  subgroups,
  learningPoints,
  canEdit = false,
  reviewSubgroupId = null,
}: RecommendationsProps) {
  const actionsFor = (recommendationId: number | null) =>
    actions.filter((action) => action.recommendationId === recommendationId);
  const unlinked = actionsFor(null);
  const order = useOrderRecommendations(reviewId);
  const [announcement, announce] = useAnnouncer();
  const reorder = useReorder({
    items: recommendations,
    save: (ids) => order.mutateAsync(ids),
    describe: (recommendation, position, total) => `Recommendation moved to position ${position} of ${total}: it is now recommendation ${recommendation.number}.`,
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
  const nextNumber = recommendations.reduce((max, recommendation) => Math.max(max, recommendation.number), 0) + 1;
  const pointList = [...learningPoints.values()].sort((a, b) => a.number - b.number);
  const formProps = {
    reviewId,
    nextNumber,
    defaultSubgroupId: reviewSubgroupId,
    agencies: [...agencies.values()],
    subgroups: [...subgroups.values()],
    learningPoints: pointList,
  };
  const closeEdit = (recommendation: Recommendation, saved: Recommendation | null) => {
    setEditing((current) => new Set([...current].filter((id) => id !== recommendation.id)));
    if (saved) announce(`Recommendation ${saved.number} has been saved.`);
    // Back to the button that opened the form, once it is shown again.
    setFocusBack(recommendation.id);
  };
  const closeAdd = (saved: Recommendation | null) => {
    setAdding(false);
    if (saved) announce(`Recommendation ${saved.number} has been added.`);
    setFocusBack('add');
  };

  return (
    <>
      {canEdit ? (
        <p className="govuk-body app-no-print">
          <Link className="govuk-link" to={addActionsPath(reviewId)}>
            Add actions to this review
          </Link>
        </p>
      ) : null}
      {recommendations.length === 0 && !adding ? <EmptyState title="No recommendations have been recorded for this review" /> : null}
      {recommendations.map((recommendation, index) => {
        const served = actionsFor(recommendation.id);
        const points = recommendation.learningPointIds
          .map((id) => learningPoints.get(id))
          .filter((point): point is LearningPoint => point !== undefined)
          .sort((a, b) => a.number - b.number);
        return (
          <section key={recommendation.id} className="govuk-!-margin-bottom-8" aria-labelledby={`recommendation-${recommendation.id}`}>
            <h3 className="govuk-heading-m" id={`recommendation-${recommendation.id}`}>
              Recommendation {recommendation.number}
            </h3>
            {editing.has(recommendation.id) ? (
              <Suspense fallback={loadingForm}>
                <RecommendationForm {...formProps} recommendation={recommendation} onClose={(saved) => closeEdit(recommendation, saved)} />
              </Suspense>
            ) : (
              <>
                <RecommendationDetails recommendation={recommendation} agencies={agencies} subgroups={subgroups} points={points} />
                {canEdit ? (
                  <div className="govuk-button-group app-plan-item__controls app-no-print">
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary app-plan-item__button"
                      ref={(element) => {
                        if (element) editButtons.current.set(recommendation.id, element);
                        else editButtons.current.delete(recommendation.id);
                      }}
                      onClick={() => setEditing((current) => new Set([...current, recommendation.id]))}
                    >
                      Edit <span className="govuk-visually-hidden">recommendation {recommendation.number}</span>
                    </button>
                    <ReorderButtons
                      id={recommendation.id}
                      index={index}
                      total={recommendations.length}
                      label={`recommendation ${recommendation.number}`}
                      reorder={reorder}
                    />
                    <Link className="govuk-link" to={addActionsPath(reviewId, recommendation.id)}>
                      Add actions <span className="govuk-visually-hidden">for recommendation {recommendation.number}</span>
                    </Link>
                  </div>
                ) : null}
              </>
            )}
            {served.length > 0 ? (
              <ActionsTable
                caption={`Actions for recommendation ${recommendation.number}`}
                captionSize="s"
                actions={served}
                agencies={agencies}
              />
            ) : (
              <EmptyState title={`No actions yet for recommendation ${recommendation.number}`} />
            )}
          </section>
        );
      })}
      {canEdit ? (
        <>
          <ListAnnouncements announcement={announcement} error={reorder.error} />
          <div className="app-no-print govuk-!-margin-bottom-8">
            {adding ? (
              <Suspense fallback={loadingForm}>
                <RecommendationForm {...formProps} recommendation={null} onClose={closeAdd} />
              </Suspense>
            ) : (
              <button type="button" className="govuk-button govuk-button--secondary" ref={addButton} onClick={() => setAdding(true)}>
                Add a recommendation
              </button>
            )}
          </div>
        </>
      ) : null}
      {unlinked.length > 0 ? (
        <section aria-labelledby="actions-without-recommendation">
          <h3 className="govuk-heading-m" id="actions-without-recommendation">
            Actions not linked to a recommendation
          </h3>
          <p className="govuk-body">For example, single-agency actions agreed at the rapid review.</p>
          <ActionsTable caption="Actions not linked to a recommendation" captionSize="hidden" actions={unlinked} agencies={agencies} />
        </section>
      ) : null}
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to={`/actions?reviewId=${reviewId}`}>
          Filter and sort this review’s actions in the actions list
        </Link>
      </p>
    </>
  );
}

function RecommendationDetails({
  recommendation,
  agencies,
  subgroups,
  points,
}: {
  recommendation: Recommendation;
  agencies: ReadonlyMap<number, Agency>;
  subgroups: ReadonlyMap<number, Subgroup>;
  points: readonly LearningPoint[];
}) {
  return (
    <>
      <p className="govuk-body app-pre-wrap">{recommendation.text}</p>
      <dl className="govuk-summary-list govuk-summary-list--no-border">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Addressed to</dt>
          <dd className="govuk-summary-list__value">
            {recommendation.addressee === 'agency' && recommendation.leadAgencyId !== null ? (
              <AgencyName id={recommendation.leadAgencyId} agencies={agencies} />
            ) : recommendation.addressee === 'subgroup' && recommendation.subgroupId !== null ? (
              (subgroups.get(recommendation.subgroupId)?.name ?? LABELS.addressee.subgroup)
            ) : (
              LABELS.addressee[recommendation.addressee]
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Target date</dt>
          <dd className="govuk-summary-list__value">{formatDate(recommendation.targetDate, 'None set')}</dd>
        </div>
        {points.length > 0 ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Answers learning points</dt>
            <dd className="govuk-summary-list__value">
              {points.map((point, index) => (
                <span key={point.id}>
                  {index > 0 ? ', ' : ''}
                  <a className="govuk-link" href={`#learning-point-${point.number}`}>
                    {point.number}
                  </a>
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}
