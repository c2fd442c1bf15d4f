import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { ErrorState, Loading } from '@/components/states';
import { serverFormErrors, toSummary, type FormError } from '@/features/admin/form-errors';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useAssuranceReport } from '../api/get-assurance-report';
import { useSnapshots } from '../api/get-snapshots';
import { reportHref } from '../api/report-href';
import { AssuranceReportDocument } from '../components/assurance-report-document';
import { REPORT_FIELD_SPECS, ReportForm } from '../components/report-form';
import { readReportChoices, toReportQuery, writeReportChoices } from '../report-choices';
import '../reports-print.css';

const TITLE = 'Board assurance report';

/** The API's refusal of the query (422), as errors beside the fields; anything else is not the form's to show. */
const isQueryRefused = (error: unknown) => isApiError(error) && error.status === 422;

/**
 * The chair's page: choose what the board report covers, preview it here, then take it away as a Word document, a
 * printable page or a PDF from the browser's print. The choices live in the URL, so a link reproduces the report;
 * the preview is asked for once the URL names a scope (the form's Preview writes one).
 */
export function ReportsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { choices, shown } = readReportChoices(searchParams);
  const query = toReportQuery(choices);
  const report = useAssuranceReport(query, { enabled: shown });
  const reviews = useReviews();
  const subgroups = useSubgroups();
  const agencies = useAgencies();
  const snapshots = useSnapshots();
  const search = searchParams.toString();
  // The form's own errors belong to the choices it was opened with: another URL (back, a link) starts afresh.
  const [ownErrors, setOwnErrors] = useState<{ search: string; errors: FormError[] }>({ search, errors: [] });
  const formErrors = ownErrors.search === search ? ownErrors.errors : [];

  const refused = report.isError && isQueryRefused(report.error);
  const serverErrors = useMemo(
    () => (refused ? serverFormErrors(report.error, REPORT_FIELD_SPECS, 'The report could not be made with these choices.') : []),
    [refused, report.error],
  );
  const errors = formErrors.length > 0 ? formErrors : serverErrors;
  const summary = useMemo(() => toSummary(errors), [errors]);
  useDocumentTitle(TITLE, { hasErrors: errors.length > 0 });

  const referenceQueries = [reviews, subgroups, agencies, snapshots];
  const referenceError = referenceQueries.find((q) => q.isError)?.error;

  return (
    <>
      <h1 className="govuk-heading-l app-no-print">{TITLE}</h1>
      <div className="app-report-intro">
        <p className="govuk-body-l">
          Choose what the report covers and preview it here. Then download it as a Word document, open the printable page, or
          print it or save it as a PDF.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/reports/snapshots">
            Board snapshots
          </Link>
          : the plan frozen as at each board meeting, to compare a report with.
        </p>
      </div>

      <ErrorSummary errors={summary} />

      {referenceError ? (
        <ErrorState error={referenceError} onRetry={() => referenceQueries.forEach((q) => void q.refetch())} />
      ) : reviews.data && subgroups.data && agencies.data && snapshots.data ? (
        <ReportForm
          key={search}
          choices={choices}
          reviews={reviews.data}
          subgroups={subgroups.data}
          agencies={agencies.data}
          snapshots={snapshots.data}
          serverErrors={serverErrors}
          onErrors={(found) => setOwnErrors({ search, errors: found })}
          onPreview={(next) => setSearchParams(writeReportChoices(next))}
        />
      ) : (
        <Loading label="Loading the reviews, subgroups, agencies and snapshots" />
      )}

      {shown ? (
        <div aria-busy={report.isFetching} className="app-report-preview">
          {report.isPending ? (
            <Loading label="Preparing the report" />
          ) : report.isError ? (
            refused ? null : <ErrorState error={report.error} onRetry={() => void report.refetch()} />
          ) : (
            <>
              <div className="app-report-tools">
                <a className="govuk-button govuk-button--secondary" href={reportHref(query, 'docx')} download>
                  Download as Word
                </a>
                <a className="govuk-link" href={reportHref(query, 'html')} target="_blank" rel="noopener">
                  Open the printable page (opens in a new tab)
                </a>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
                  Print or save as PDF
                </button>
              </div>
              <AssuranceReportDocument report={report.data} />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
