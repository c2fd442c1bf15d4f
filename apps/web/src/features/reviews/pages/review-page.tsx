import { PlanEntrySavedBanner } from '@/features/plan-entry/components/plan-entry-saved-banner';
import type { ReactNode } from 'react';
import { LABELS } from '@/lib/contract-constants';
import { Link, useLocation } from 'react-router';
import { NotFoundPage } from '@/app/not-found-page';
import { BragTag } from '@/components/brag-tag';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useActions } from '@/features/actions/api/get-actions';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useLookup } from '@/features/reference-data/lookup';
import { isApiError } from '@/lib/api-client';
import { formatInstantDate, pluralise } from '@/lib/format';
import { actionsExportHref, actionsListPath, readActionFilters } from '@/features/actions/filters';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useLearningPoints } from '../api/get-learning-points';
import { useRecommendations } from '../api/get-recommendations';
import { useReview } from '../api/get-review';
import { KeyDates } from '../components/key-dates';
import { LearningPoints } from '../components/learning-points';
import { Recommendations } from '../components/recommendations';
import type { ReviewSavedState } from '../components/review-form';

/** A review plan is shown whole; past this many actions, the actions list takes over. */
const REVIEW_ACTIONS_LIMIT = 200;

export function ReviewPage() {
  const reviewId = useIdParam('reviewId');
  if (reviewId === null) return <NotFoundPage />;
  return <Review reviewId={reviewId} />;
}

function Review({ reviewId }: { reviewId: number }) {
  const review = useReview(reviewId);
  const canEdit = useSignedIn()?.capabilities.managePlans ?? false;
  useDocumentTitle(review.data ? `${review.data.code}: ${review.data.title}` : 'Review');

  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    if (isApiError(review.error) && review.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Review</h1>
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      </>
    );
  }

  const data = review.data;
  const { actionCounts } = data;
  const reviewPlanFilters = readActionFilters(new URLSearchParams({ reviewId: String(reviewId), sort: 'ref' }));
  return (
    <>
      <Link to="/reviews" className="govuk-back-link app-no-print">
        Back to reviews
      </Link>
      <SavedBanner />
      <PlanEntrySavedBanner />
      <span className="govuk-caption-l">
        {data.code} · {LABELS.reviewType[data.type]}
      </span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      <p className="govuk-body app-print-only">
        The action plan as it stood when printed on {formatInstantDate(new Date().toISOString())}. Confidential: do not share
        outside the partnership.
      </p>
      <div className="govuk-button-group app-no-print">
        {canEdit ? (
          <Link to={`/reviews/${reviewId}/edit`} className="govuk-button govuk-button--secondary" draggable="false">
            Edit review <span className="govuk-visually-hidden">{data.code}</span>
          </Link>
        ) : null}
        {canEdit ? (
          <Link to={`/reviews/${reviewId}/import`} className="govuk-button govuk-button--secondary" draggable="false">
            Import from a spreadsheet <span className="govuk-visually-hidden">into {data.code}</span>
          </Link>
        ) : null}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
          Print this plan
        </button>
      </div>

      <ReviewDetails review={data} />

      <KeyDates review={data} />

      <h2 className="govuk-heading-m">Progress of the action plan</h2>
      {actionCounts.total === 0 ? (
        <p className="govuk-body">This review has no actions yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            <strong>{pluralise(actionCounts.total, 'action')}</strong>
            {actionCounts.overdue > 0 ? <>, of which {actionCounts.overdue} overdue</> : ', none overdue'}.
          </p>
          <table className="govuk-table app-brag-counts">
            <caption className="govuk-table__caption govuk-table__caption--s">Actions by BRAG rating</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  BRAG rating
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {(['red', 'amber', 'green', 'blue'] as const).map((brag) => (
                <tr key={brag} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <BragTag brag={brag} />
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{actionCounts.byBrag[brag]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ul className="govuk-list app-no-print">
        <li>
          <Link className="govuk-link" to={actionsListPath({ reviewId: [reviewId] })}>
            See this review’s actions in the actions list
          </Link>{' '}
          (to filter and sort them)
        </li>
        <li>
          <a className="govuk-link" href={actionsExportHref(reviewPlanFilters, 'xlsx')} download>
            Download this review’s actions as Excel
          </a>{' '}
          (with its learning points and recommendations)
        </li>
        <li>
          <a className="govuk-link" href={actionsExportHref(reviewPlanFilters, 'csv')} download>
            Download this review’s actions as CSV
          </a>
        </li>
      </ul>

      <h2 className="govuk-heading-l">Learning points</h2>
      <LearningPoints reviewId={reviewId} canEdit={canEdit} />

      <h2 className="govuk-heading-l">Recommendations and actions</h2>
      <ReviewPlan reviewId={reviewId} canEdit={canEdit} reviewSubgroupId={data.subgroupId} />
    </>
  );
}

function ReviewDetails({ review }: { review: NonNullable<ReturnType<typeof useReview>['data']> }) {
  const subgroups = useLookup(useSubgroups().data);
  const themes = useLookup(useThemes().data);
  const reviewThemes = review.themeIds.map((id) => ({ id, name: themes.get(id)?.name ?? `Theme ${id}` }));
  const rows: [string, ReactNode][] = [
    ['Child', review.childPseudonym],
    ['Type', LABELS.reviewType[review.type]],
    ['Stage', LABELS.reviewStage[review.stage]],
    ['Lead reviewer', review.leadReviewer || 'Not recorded'],
    ['Subgroup overseeing the plan', review.subgroupId !== null ? (subgroups.get(review.subgroupId)?.name ?? '…') : 'None'],
    [
      'Themes',
      reviewThemes.length > 0 ? (
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {reviewThemes.map((theme) => (
            <li key={theme.id}>
              <Link className="govuk-link" to={`/themes/${theme.id}`}>
                {theme.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        'None recorded'
      ),
    ],
    ['Summary', review.summary ? <span className="app-pre-wrap">{review.summary}</span> : 'None recorded'],
  ];
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9">
      {rows.map(([key, value]) => (
        <div key={key} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** After a save on the review form, which brought the person here. */
function SavedBanner() {
  const state = useLocation().state as Partial<ReviewSavedState> | null;
  const saved = state?.savedReview;
  if (!saved) return null;
  return (
    <SuccessBanner heading={`Review ${saved.code} has been ${saved.added ? 'added' : 'saved'}`}>
      {saved.fields.length > 0 ? <p className="govuk-body">Changed: {saved.fields.join(', ').toLowerCase()}.</p> : null}
      {saved.added ? <p className="govuk-body">Add its learning points and recommendations below.</p> : null}
      {saved.warnings.length > 0 ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">It was saved with these warnings:</p>
          <ul className="govuk-list govuk-list--bullet">
            {saved.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      ) : null}
    </SuccessBanner>
  );
}

function ReviewPlan({ reviewId, canEdit, reviewSubgroupId }: { reviewId: number; canEdit: boolean; reviewSubgroupId: number | null }) {
  const recommendations = useRecommendations(reviewId);
  const actions = useActions({ reviewId: [reviewId], sort: 'ref', limit: REVIEW_ACTIONS_LIMIT });
  const agencies = useAgencies();
  const subgroups = useSubgroups();
  const learningPoints = useLearningPoints(reviewId);
  const agencyLookup = useLookup(agencies.data);
  const subgroupLookup = useLookup(subgroups.data);
  const learningPointLookup = useLookup(learningPoints.data);

  const failed = [recommendations, actions, agencies].find((query) => query.isError);
  if (failed) {
    return (
      <ErrorState
        error={failed.error}
        onRetry={() => {
          void recommendations.refetch();
          void actions.refetch();
          void agencies.refetch();
        }}
      />
    );
  }
  if (!recommendations.data || !actions.data || !agencies.data) {
    return <Loading label="Loading recommendations and actions" />;
  }

  return (
    <>
      {actions.data.nextCursor ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This review has more than {REVIEW_ACTIONS_LIMIT} actions; only the first {REVIEW_ACTIONS_LIMIT} are shown
            here.{' '}
            <Link className="govuk-link" to={`/actions?reviewId=${reviewId}`}>
              See them all in the actions list
            </Link>
            .
          </strong>
        </div>
      ) : null}
      <Recommendations
        reviewId={reviewId}
        recommendations={recommendations.data}
        actions={actions.data.items}
        agencies={agencyLookup}
        subgroups={subgroupLookup}
        learningPoints={learningPointLookup}
        canEdit={canEdit}
        reviewSubgroupId={reviewSubgroupId}
      />
    </>
  );
}
