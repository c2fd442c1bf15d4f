import { useState } from 'react';
import { NotFoundPage } from '@/app/not-found-page';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useLookup } from '@/features/reference-data/lookup';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useDashboard } from '../api/get-dashboard';
import { AwaitingAssurance } from '../components/awaiting-assurance';
import { DashboardSections } from '../components/dashboard-figures';
import { RedActions } from '../components/red-actions';
import { ReturnedActions } from '../components/returned-actions';
import { SubgroupRecommendations } from '../components/subgroup-recommendations';
import { SubgroupReviews } from '../components/subgroup-reviews';

export function SubgroupPage() {
  const subgroupId = useIdParam('subgroupId');
  if (subgroupId === null) return <NotFoundPage />;
  return <SubgroupView key={subgroupId} subgroupId={subgroupId} />;
}

/**
 * A subgroup's view, the home of its chair: the figures of what it oversees, what is waiting for its assurance,
 * what it returned for more information and is waiting on, its red actions with their latest notes, its reviews
 * and their timeliness, and its recommendations.
 */
function SubgroupView({ subgroupId }: { subgroupId: number }) {
  const scope = { subgroupId };
  const dashboard = useDashboard(scope);
  const subgroups = useSubgroups();
  const agencies = useLookup(useAgencies().data);
  const [formHasErrors, setFormHasErrors] = useState(false);

  const subgroup = subgroups.data?.find((candidate) => candidate.id === subgroupId);
  const name = subgroup?.name ?? 'Subgroup';
  useDocumentTitle(subgroup ? subgroup.name : 'Subgroup', { hasErrors: formHasErrors });

  if (subgroups.isSuccess && !subgroup) return <NotFoundPage />;

  return (
    <>
      <span className="govuk-caption-xl">Subgroup</span>
      <h1 className="govuk-heading-xl">{subgroups.isPending ? 'Subgroup' : name}</h1>
      {subgroups.isError ? <ErrorState error={subgroups.error} onRetry={() => void subgroups.refetch()} /> : null}

      {dashboard.isPending ? (
        <Loading label="Loading the subgroup’s figures" />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <p className="govuk-body-l">
            The actions the subgroup oversees, as at {formatDateTime(dashboard.data.asAt)}. Select a number to see the
            actions it counts.
          </p>
          {dashboard.data.totals.actions === 0 ? (
            <EmptyState title="The subgroup oversees no actions yet" />
          ) : (
            <DashboardSections dashboard={dashboard.data} scope={scope} whose={`of ${name}`} idPrefix="subgroup" parts={['headline']} />
          )}
        </>
      )}

      <AwaitingAssurance subgroupId={subgroupId} agencies={agencies} onErrorsChange={setFormHasErrors} />
      <ReturnedActions subgroupId={subgroupId} agencies={agencies} />
      <RedActions subgroupId={subgroupId} agencies={agencies} />

      {dashboard.data && dashboard.data.totals.actions > 0 ? (
        <DashboardSections dashboard={dashboard.data} scope={scope} whose={`of ${name}`} idPrefix="subgroup" parts={['agencies']} />
      ) : null}

      <SubgroupReviews subgroupId={subgroupId} />
      <SubgroupRecommendations subgroupId={subgroupId} agencies={agencies} />

      {dashboard.data && dashboard.data.totals.actions > 0 ? (
        <DashboardSections dashboard={dashboard.data} scope={scope} idPrefix="subgroup" parts={['trend']} />
      ) : null}
    </>
  );
}
