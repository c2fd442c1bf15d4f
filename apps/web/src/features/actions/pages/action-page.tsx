import type { Action, Agency } from '@lrt/contracts';
import { isClosed } from '@lrt/domain';
import { LABELS } from '@/lib/contract-constants';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { NotFoundPage } from '@/app/not-found-page';
import { BragTag } from '@/components/brag-tag';
import { OverdueFlag, StaleFlag } from '@/components/flags';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { StatusTag } from '@/components/status-tag';
import { ActionChangeHistory } from '@/features/audit/components/change-history';
import { useSignedIn } from '@/features/auth/api/get-me';
import { ProgressTimeline } from '@/features/progress-updates/components/progress-timeline';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useLookup } from '@/features/reference-data/lookup';
import { useRecommendations } from '@/features/reviews/api/get-recommendations';
import { AskForTargetDate } from '@/features/target-dates/components/ask-for-target-date';
import { LastRefusedRequest } from '@/features/target-dates/components/last-refused-request';
import { PendingTargetDateRequest } from '@/features/target-dates/components/pending-target-date-request';
import { TargetDateHistory, TargetDateInWords } from '@/features/target-dates/components/target-date-in-words';
import { useReview } from '@/features/reviews/api/get-review';
import { useSettings } from '@/features/settings/api/get-settings';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import type { AssuranceDecisionAnswer } from '../api/decide-assurance';
import { useAction } from '../api/get-action';
import { ReturnedPanel } from '../components/returned';
import { SignOffControls } from '../components/sign-off-controls';
import { UpdateRequests } from '../components/update-requests';
import type { ActionSavedState } from './edit-action-page';

/** Where the returned panel's link goes: the progress update form, which answers a return. */
const UPDATE_FORM_ID = 'post-progress-update';

/** What the page confirms after one of its forms is sent. A new `id` each time, so the banner takes focus again. */
interface Confirmation {
  id: number;
  heading: string;
  body?: string | undefined;
}

/**
 * The form, and zod that checks it, load after the rest of the page: a link to an action shows the action
 * at once, and people who may not post never load them.
 */
const ProgressUpdateForm = lazy(async () => ({
  default: (await import('@/features/progress-updates/components/progress-update-form')).ProgressUpdateForm,
}));

export function ActionPage() {
  const actionId = useIdParam('actionId');
  if (actionId === null) return <NotFoundPage />;
  return <ActionView actionId={actionId} />;
}

function ActionView({ actionId }: { actionId: number }) {
  const action = useAction(actionId);
  const me = useSignedIn();
  const agencies = useAgencies();
  const agencyLookup = useLookup(agencies.data);
  const [formHasErrors, setFormHasErrors] = useState(false);
  const [planFormHasErrors, setPlanFormHasErrors] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  useDocumentTitle(action.data ? `Action ${action.data.ref}` : 'Action', { hasErrors: formHasErrors || planFormHasErrors });

  if (action.isPending) return <Loading label="Loading the action" />;
  if (action.isError) {
    if (isApiError(action.error) && action.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Action</h1>
        <ErrorState error={action.error} onRetry={() => void action.refetch()} />
      </>
    );
  }

  const data = action.data;
  const ownerName = agencyLookup.get(data.ownerAgencyId)?.name ?? `agency ${data.ownerAgencyId}`;
  const confirm = (heading: string, body?: string) => setConfirmation({ id: Date.now(), heading, body });
  const onSignedOff = ({ action: decided }: AssuranceDecisionAnswer) => {
    if (decided.status === 'assured') confirm(`Action ${decided.ref} is assured`, 'The evidence of impact is recorded with the sign-off.');
    else
      confirm(
        `Action ${decided.ref} was returned to ${ownerName} for more information`,
        decided.returned ? `The answer is due by ${formatDate(decided.returned.replyBy)}.` : undefined,
      );
  };
  const { canRequestTargetDate } = data.permissions;
  const showTargetDateSection = data.pendingTargetDateRequest !== null || canRequestTargetDate;
  const { canDecideAssurance, proposedCompletion, canPostUpdate, canComment } = data.permissions;
  const showSignOff = (canDecideAssurance || proposedCompletion) && data.status === 'completed';

  return (
    <>
      <Link to="/actions" className="govuk-back-link">
        Back to actions
      </Link>
      {confirmation ? (
        <SuccessBanner key={confirmation.id} heading={confirmation.heading}>
          {confirmation.body ? <p className="govuk-body">{confirmation.body}</p> : null}
        </SuccessBanner>
      ) : (
        <SavedBanner />
      )}
      <span className="govuk-caption-l">{LABELS.actionKind[data.kind]} action</span>
      <h1 className="govuk-heading-l">Action {data.ref}</h1>
      <p className="govuk-body app-tag-list">
        <StatusTag status={data.status} />
        <BragTag brag={data.brag} reason={data.bragReason} />
        {data.overdue ? <OverdueFlag /> : null}
        {data.stale ? <StaleFlag /> : null}
      </p>
      {data.permissions.canEdit ? (
        <p className="govuk-body">
          <Link to={`/actions/${data.id}/edit`} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" draggable="false">
            Edit action <span className="govuk-visually-hidden">{data.ref}</span>
          </Link>
        </p>
      ) : null}
      <ReturnedPanel action={data} agencyName={ownerName} formId={data.permissions.canPostUpdate ? UPDATE_FORM_ID : undefined} />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <ActionDetails action={data} agencyLookup={agencyLookup} />
        </div>
      </div>

      {showSignOff ? (
        <div className="govuk-grid-row">
          <section className="govuk-grid-column-two-thirds" aria-labelledby="sign-off-heading">
            <h2 className="govuk-heading-l" id="sign-off-heading">
              Sign-off
            </h2>
            {canDecideAssurance ? (
              <p className="govuk-body">
                The agency proposed this action as completed. Read its evidence in the progress updates below, then assure it
                with the evidence of impact, or return it for more information.
              </p>
            ) : null}
            <SignOffControls action={data} onDecided={onSignedOff} onErrorsChange={setPlanFormHasErrors} onOpen={() => setConfirmation(null)} />
          </section>
        </div>
      ) : null}

      {showTargetDateSection ? (
        <div className="govuk-grid-row">
          <section className="govuk-grid-column-two-thirds" aria-labelledby="new-target-date-heading">
            <h2 className="govuk-heading-l" id="new-target-date-heading">
              A new target date
            </h2>
            <PendingTargetDateRequest
              action={data}
              onErrorsChange={setPlanFormHasErrors}
              onDecided={(request, decided) =>
                request.state === 'agreed'
                  ? confirm(
                      `The target date of action ${decided.ref} is now ${formatDate(decided.targetDate)}`,
                      `It was ${formatDate(request.currentTargetDate, 'not set')}.`,
                    )
                  : confirm(
                      `The request for a new target date for action ${decided.ref} was refused`,
                      `The target date stays ${formatDate(decided.targetDate, 'not set')}.`,
                    )
              }
            />
            {canRequestTargetDate ? <LastRefusedRequest action={data} /> : null}
            {canRequestTargetDate ? (
              <AskForTargetDate
                action={data}
                onErrorsChange={setPlanFormHasErrors}
                onRequested={(request) =>
                  confirm(
                    `You have asked for a new target date of ${formatDate(request.requestedTargetDate)}`,
                    'The business unit or the chair of the subgroup overseeing the action will decide. The target date stays as it is until then.',
                  )
                }
              />
            ) : null}
          </section>
        </div>
      ) : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-l">Progress updates</h2>
          <ProgressTimeline actionId={data.id} agencies={agencyLookup} />
          {isClosed(data.status) ? (
            <p className="govuk-inset-text">
              This action is {LABELS.actionStatus[data.status].toLowerCase()}: it takes no more progress updates or comments. If more
              work is needed, the business unit raises a new action.
            </p>
          ) : canPostUpdate || canComment ? (
            <div id={UPDATE_FORM_ID} tabIndex={-1} className="app-focus-target">
              <Suspense fallback={<Loading label="Loading the progress update form" />}>
                <ProgressUpdateForm action={data} agencies={agencyLookup} onErrorsChange={setFormHasErrors} />
              </Suspense>
            </div>
          ) : (
            <p className="govuk-inset-text">
              Progress updates on this action are posted by its agencies’ leads and the business unit.
            </p>
          )}
        </div>
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <UpdateRequests actionId={data.id} canOpenRequests={me?.capabilities.chase ?? false} />
        </div>
      </div>

      {me?.capabilities.readAudit ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <HistoryOfAction action={data} agencies={agencyLookup} />
          </div>
        </div>
      ) : null}
    </>
  );
}

/** After a save on the edit page, which brought the person here. */
function SavedBanner() {
  const state = useLocation().state as Partial<ActionSavedState> | null;
  const saved = state?.savedAction;
  if (!saved) return null;
  return (
    <SuccessBanner heading={`Action ${saved.ref} has been saved`}>
      {saved.fields.length > 0 ? <p className="govuk-body">Changed: {saved.fields.join(', ').toLowerCase()}.</p> : null}
    </SuccessBanner>
  );
}

function HistoryOfAction({ action, agencies }: { action: Action; agencies: ReadonlyMap<number, Agency> }) {
  const subgroups = useLookup(useSubgroups().data);
  const themes = useLookup(useThemes().data);
  const recommendations = useLookup(useRecommendations(action.reviewId).data);
  const context = useMemo(() => ({ agencies, subgroups, themes, recommendations }), [agencies, subgroups, themes, recommendations]);
  return <ActionChangeHistory actionId={action.id} context={context} />;
}

function ActionDetails({ action, agencyLookup }: { action: Action; agencyLookup: ReadonlyMap<number, Agency> }) {
  const review = useReview(action.reviewId);
  const recommendations = useRecommendations(action.reviewId);
  const subgroups = useLookup(useSubgroups().data);
  const themes = useLookup(useThemes().data);
  const settings = useSettings();
  const recommendation = recommendations.data?.find((r) => r.id === action.recommendationId);
  const agencyName = (id: number) => {
    const agency = agencyLookup.get(id);
    return agency ? `${agency.name} (${agency.shortName})` : `Agency ${id}`;
  };

  const rows: [string, ReactNode][] = [
    [
      'Review',
      review.data ? (
        <Link className="govuk-link" to={`/reviews/${action.reviewId}`}>
          {review.data.code}: {review.data.title}
        </Link>
      ) : (
        <Link className="govuk-link" to={`/reviews/${action.reviewId}`}>
          Review {action.reviewId}
        </Link>
      ),
    ],
    [
      'Recommendation',
      action.recommendationId === null
        ? 'Not linked to a recommendation'
        : recommendation
          ? (
              <>
                <strong>Recommendation {recommendation.number}:</strong>{' '}
                <span className="app-pre-wrap">{recommendation.text}</span>
              </>
            )
          : '…',
    ],
    ['Kind', LABELS.actionKind[action.kind]],
    ['Owner agency', agencyName(action.ownerAgencyId)],
    [
      'Partner agencies',
      action.partnerAgencyIds.length > 0 ? (
        <ul className="govuk-list">
          {action.partnerAgencyIds.map((id) => (
            <li key={id}>{agencyName(id)}</li>
          ))}
        </ul>
      ) : (
        'None'
      ),
    ],
    ['Identified learning need', <span className="app-pre-wrap">{action.learningNeed}</span>],
    ['Action to be taken', <span className="app-pre-wrap">{action.action}</span>],
    ['Measure of success', action.successMeasure ? <span className="app-pre-wrap">{action.successMeasure}</span> : 'Not recorded'],
    [
      'Target date',
      <>
        <TargetDateInWords action={action} />
        <TargetDateHistory action={action} />
      </>,
    ],
    ['Status', <StatusTag status={action.status} />],
    ['BRAG rating', <BragTag brag={action.brag} reason={action.bragReason} showReason />],
    ['Overdue', action.overdue ? <OverdueFlag /> : 'No'],
    [
      'Stale',
      action.stale ? (
        <>
          <StaleFlag cadenceDays={settings.data?.updateCadenceDays} />{' '}
          {settings.data ? `No progress update in the last ${settings.data.updateCadenceDays} days` : null}
        </>
      ) : (
        'No'
      ),
    ],
    ['Last progress update', formatDateTime(action.lastUpdateAt, 'None yet')],
    ['Latest confidence', action.latestConfidence ? LABELS.confidence[action.latestConfidence] : 'Not given yet'],
    ['Evidence of impact', action.evidenceOfImpact ? <span className="app-pre-wrap">{action.evidenceOfImpact}</span> : 'Not recorded'],
    ...(action.withdrawnReason ? ([['Reason for withdrawal', <span className="app-pre-wrap">{action.withdrawnReason}</span>]] as [string, ReactNode][]) : []),
    [
      'Themes',
      action.themeIds.length > 0 ? action.themeIds.map((id) => themes.get(id)?.name ?? `Theme ${id}`).join(', ') : 'None',
    ],
    ['Subgroup', action.subgroupId !== null ? (subgroups.get(action.subgroupId)?.name ?? '…') : 'None'],
    ['Added', formatDateTime(action.createdAt)],
    ['Last changed', formatDateTime(action.updatedAt)],
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
