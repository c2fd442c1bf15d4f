import type { Me } from '@lrt/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useActions } from '@/features/actions/api/get-actions';
import { useSignedIn } from '@/features/auth/api/get-me';
import { myAgencyActionsPath } from '@/features/auth/landing';
import { useAgencyDashboards } from '@/features/dashboard/api/get-dashboard';
import { ActionSummary } from '@/features/dashboard/components/action-summary';
import { OPEN_STATUSES } from '@/features/dashboard/links';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviewsByIds } from '@/features/reviews/api/get-reviews';
import { useSettings } from '@/features/settings/api/get-settings';
import { pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { AgencySummary } from '../components/agency-summary';
import { AttentionList } from '../components/attention-list';

/** Enough for any one agency's open actions; beyond it, the full list is a link away. */
const OPEN_LIMIT = 200;
const AWAITING_LIMIT = 50;

export function MyAgencyPage() {
  const me = useSignedIn();
  useDocumentTitle('My agency');
  if (!me) return null;
  if (me.user.agencyIds.length === 0) {
    return (
      <>
        <h1 className="govuk-heading-xl">My agency</h1>
        <EmptyState title="You are not linked to an agency">
          Ask the business unit to add you to your agency, then its actions will show here.
        </EmptyState>
      </>
    );
  }
  return <MyAgencyView me={me} />;
}

/**
 * The home of agency leads: what their agencies owe, what needs attention first (overdue, then stale, then due
 * soon), and a progress update two clicks away from each action.
 */
function MyAgencyView({ me }: { me: Me }) {
  const agencyIds = me.user.agencyIds;
  const agencies = useLookup(useAgencies().data);
  const settings = useSettings().data;
  const dashboards = useAgencyDashboards(agencyIds);
  const open = useActions({ agencyId: agencyIds, status: OPEN_STATUSES, sort: 'attention', limit: OPEN_LIMIT });
  const awaiting = useActions({ agencyId: agencyIds, status: 'completed', sort: 'targetDate', limit: AWAITING_LIMIT });
  // Only the reviews of the actions shown: the page does not grow with the partnership's years of reviews.
  const reviews = useLookup(useReviewsByIds([...(open.data?.items ?? []), ...(awaiting.data?.items ?? [])].map((action) => action.reviewId)).data);
  const [formHasErrors, setFormHasErrors] = useState(false);
  useDocumentTitle('My agency', { hasErrors: formHasErrors });

  const names = agencyIds.map((id) => agencies.get(id)?.name).filter(Boolean).join(', ');
  const allActions = myAgencyActionsPath(me);

  return (
    <>
      {names ? <span className="govuk-caption-xl">{names}</span> : null}
      <h1 className="govuk-heading-xl">My agency</h1>
      <p className="govuk-body-l">
        What your {agencyIds.length === 1 ? 'agency owes' : 'agencies owe'}, most urgent first. Post an update on any
        action from its row.
      </p>

      <section aria-labelledby="summary-heading">
        <h2 className="govuk-heading-l" id="summary-heading">
          Summary
        </h2>
        {agencyIds.map((agencyId, index) => {
          const dashboard = dashboards[index]!;
          const agencyName = agencies.get(agencyId)?.name ?? `Agency ${agencyId}`;
          return (
            <div key={agencyId}>
              {agencyIds.length > 1 ? <h3 className="govuk-heading-m">{agencyName}</h3> : null}
              {dashboard.isPending ? (
                <Loading label="Loading the counts" />
              ) : dashboard.isError ? (
                <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
              ) : (
                <AgencySummary
                  agencyId={agencyId}
                  agencyName={agencyName}
                  totals={dashboard.data.totals}
                  dueSoonDays={settings?.dueSoonDays}
                  updateCadenceDays={settings?.updateCadenceDays}
                />
              )}
            </div>
          );
        })}
      </section>

      <section aria-labelledby="owes-heading">
        <h2 className="govuk-heading-l" id="owes-heading">
          Open actions
        </h2>
        {open.isPending ? (
          <Loading label="Loading your agency’s actions" />
        ) : open.isError ? (
          <ErrorState error={open.error} onRetry={() => void open.refetch()} />
        ) : open.data.items.length === 0 ? (
          <EmptyState title="Nothing is open">Your agency has no actions not started or in progress.</EmptyState>
        ) : (
          <>
            <AttentionList
              actions={open.data.items}
              agencies={agencies}
              reviews={reviews}
              updateCadenceDays={settings?.updateCadenceDays}
              dueSoonDays={settings?.dueSoonDays}
              onErrorsChange={setFormHasErrors}
            />
            {open.data.nextCursor ? (
              <p className="govuk-body">
                These are the first {pluralise(open.data.items.length, 'open action')}.{' '}
                <Link className="govuk-link" to={allActions}>
                  See them all in the actions list
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="awaiting-heading">
        <h2 className="govuk-heading-l" id="awaiting-heading">
          Completed, awaiting assurance
        </h2>
        {awaiting.isPending ? (
          <Loading label="Loading the completed actions" />
        ) : awaiting.isError ? (
          <ErrorState error={awaiting.error} onRetry={() => void awaiting.refetch()} />
        ) : awaiting.data.items.length === 0 ? (
          <EmptyState title="No completed actions are waiting for assurance" />
        ) : (
          <>
            <p className="govuk-body">
              Your agency proposed these as completed. The subgroup or the business unit will assure them, or ask for more
              information.
            </p>
            <ul className="app-action-list">
              {awaiting.data.items.map((action) => (
                <li key={action.id} className="app-action-item">
                  <ActionSummary action={action} agencies={agencies} reviews={reviews} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <p className="govuk-body">
        <Link className="govuk-link" to={allActions}>
          All your agency’s actions
        </Link>
      </p>
    </>
  );
}
