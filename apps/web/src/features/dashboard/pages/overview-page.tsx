import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { preparesBoardReports } from '@/features/auth/landing';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useDashboard } from '../api/get-dashboard';
import { DashboardSections, useCachedSettings } from '../components/dashboard-figures';

/**
 * The overview: the home of the business unit, the independent chair and viewers. Everything on it comes from
 * one request (`GET /api/dashboard`); the settings it words things with are the ones the shell already holds.
 * Every count opens the actions list filtered to what it counts.
 */
export function OverviewPage() {
  useDocumentTitle('Overview');
  const dashboard = useDashboard();
  const settings = useCachedSettings();
  const me = useSignedIn();

  return (
    <>
      {settings?.partnershipName ? <span className="govuk-caption-l">{settings.partnershipName}</span> : null}
      <h1 className="govuk-heading-xl">Overview</h1>
      {dashboard.isPending ? (
        <Loading label="Loading the figures" />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data.totals.actions === 0 ? (
        <EmptyState title="There are no actions yet">
          When reviews have action plans, this page shows how every agency is getting on with them.
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body-l">
            Every action of every review, as at {formatDateTime(dashboard.data.asAt)}. Select a number to see the actions
            it counts.
          </p>
          {me && preparesBoardReports(me) ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/reports">
                Board assurance report
              </Link>
              : the plan as at any day, for the board, to preview, download as Word or print.
            </p>
          ) : null}
          <DashboardSections dashboard={dashboard.data} scope={{}} idPrefix="overview" />
        </>
      )}
    </>
  );
}
