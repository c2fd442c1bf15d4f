import type { Action, Agency, LearningPoint, Recommendation, Subgroup } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { lazy } from 'react';
import { Link } from 'react-router';
import { ActionsTable, AgencyName } from '@/features/actions/components/actions-table';
import { EmptyState } from '@/components/states';
import { formatDate } from '@/lib/format';
import { useOrderRecommendations } from '../api/order-recommendations';
import { AddInPlace, FormSlot, ItemControls } from './in-place-editing';
import { ListAnnouncements } from './reorder';
import { useInPlaceEditing } from './use-in-place-editing';

/** The form loads only when the business unit opens it: nobody else ever needs it. */
const RecommendationForm = lazy(async () => ({ default: (await import('./recommendation-form')).RecommendationForm }));

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
  const list = useInPlaceEditing({
    noun: 'recommendation',
    items: recommendations,
    order: (ids) => order.mutateAsync(ids),
    describe: (recommendation, position, total) => `Recommendation moved to position ${position} of ${total}: it is now recommendation ${recommendation.number}.`,
  });
  const pointList = [...learningPoints.values()].sort((a, b) => a.number - b.number);
  const formProps = {
    reviewId,
    nextNumber: list.nextNumber,
    defaultSubgroupId: reviewSubgroupId,
    agencies: [...agencies.values()],
    subgroups: [...subgroups.values()],
    learningPoints: pointList,
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
      {recommendations.length === 0 && !list.adding ? <EmptyState title="No recommendations have been recorded for this review" /> : null}
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
            {list.isEditing(recommendation.id) ? (
              <FormSlot>
                <RecommendationForm {...formProps} recommendation={recommendation} onClose={(saved) => list.closeEdit(recommendation, saved)} />
              </FormSlot>
            ) : (
              <>
                <RecommendationDetails recommendation={recommendation} agencies={agencies} subgroups={subgroups} points={points} />
                {canEdit ? (
                  <ItemControls list={list} item={recommendation} index={index}>
                    <Link className="govuk-link" to={addActionsPath(reviewId, recommendation.id)}>
                      Add actions <span className="govuk-visually-hidden">for recommendation {recommendation.number}</span>
                    </Link>
                  </ItemControls>
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
          <ListAnnouncements announcement={list.announcement} error={list.reorder.error} />
          <div className="app-no-print govuk-!-margin-bottom-8">
            <AddInPlace list={list}>
              <RecommendationForm {...formProps} recommendation={null} onClose={list.closeAdd} />
            </AddInPlace>
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
