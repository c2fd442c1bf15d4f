import { useState, type ReactNode } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import type { ImportPatch, ImportPreview, Review } from '@lrt/contracts';
import { NotFoundPage } from '@/app/not-found-page';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useReview } from '@/features/reviews/api/get-review';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useCommitImport } from '../api/commit-import';
import { useImport } from '../api/get-import';
import { usePatchImport } from '../api/patch-import';
import { AgenciesStep } from '../components/agencies-step';
import { MappingStep } from '../components/mapping-step';
import { PreviewStep } from '../components/preview-step';
import { UploadStep } from '../components/upload-step';
import { loadImportContract, useImportContract, type ImportContract } from '../import-contract';
import { toMapping } from '../mapping';
import { commitBlocker, commitSummary } from '../words';

// The contract's words start loading with the page, beside the review.
void loadImportContract().catch(() => undefined);

/**
 * `/reviews/:reviewId/import`: bring a spreadsheet action plan into a review. Uploading it makes an import on the
 * server, which opens at `/reviews/:reviewId/import/:importId`: its columns, its agencies, the preview of every
 * row and the commit. Everything chosen is kept by the server, so a reload shows the same import.
 */
export function ImportPage() {
  const reviewId = useIdParam('reviewId');
  const importId = useIdParam('importId');
  const hasImportParam = useParams().importId !== undefined;
  if (reviewId === null || (hasImportParam && importId === null)) return <NotFoundPage />;
  return <ReviewImport reviewId={reviewId} importId={importId} />;
}

function PageHeading({ review, children }: { review: Review | undefined; children?: ReactNode }) {
  return (
    <>
      <Link to={review ? `/reviews/${review.id}` : '/reviews'} className="govuk-back-link">
        Back to the review
      </Link>
      {review ? (
        <span className="govuk-caption-l">
          {review.code} · {review.title}
        </span>
      ) : null}
      <h1 className="govuk-heading-l">Import an action plan</h1>
      {children}
    </>
  );
}

function ReviewImport({ reviewId, importId }: { reviewId: number; importId: number | null }) {
  const { contract, failed, retry } = useImportContract();
  const canManage = useSignedIn()?.capabilities.managePlans ?? false;
  const review = useReview(reviewId);
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(review.data ? `Import an action plan into ${review.data.code}` : 'Import an action plan', { hasErrors });

  if (!canManage) {
    return (
      <PageHeading review={review.data}>
        <p className="govuk-body">
          A review’s action plan is imported from a spreadsheet by the partnership business unit. If a plan should be in the tracker, send
          them the file.
        </p>
      </PageHeading>
    );
  }
  if (review.isError) {
    if (isApiError(review.error) && review.error.status === 404) return <NotFoundPage />;
    return (
      <PageHeading review={undefined}>
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      </PageHeading>
    );
  }
  if (failed) {
    return (
      <PageHeading review={review.data}>
        <ErrorState error={new Error('The import page could not be loaded')} onRetry={retry} />
      </PageHeading>
    );
  }
  if (review.isPending || !contract) return <Loading label="Loading the import" />;
  if (importId === null) {
    return (
      <PageHeading review={review.data}>
        <p className="govuk-body">
          Bring the actions of a spreadsheet (CSV or Excel) into this review: upload the file, check which column is which and which
          agency each name means, look over every row as it will be saved, then import it. Rows that came from the tracker’s own Excel
          download update the actions they came from.
        </p>
        <h2 className="govuk-heading-m">1. Upload the file</h2>
        <UploadStep reviewId={reviewId} contract={contract} onErrorsChange={setHasErrors} />
      </PageHeading>
    );
  }
  return (
    <PageHeading review={review.data}>
      <ImportSteps review={review.data} importId={importId} contract={contract} />
    </PageHeading>
  );
}

type PatchOrigin = 'mapping' | 'agencies' | 'rows';

/** "120 rows: 100 to create, 3 to update, 2 with errors", said after the preview is read again. */
function previewInWords({ counts }: ImportPreview): string {
  const parts = [`${counts.create} to create`, `${counts.update} to update`];
  if (counts.conflict > 0) parts.push(`${counts.conflict} in conflict`);
  if (counts.error > 0) parts.push(`${counts.error} with errors`);
  if (counts.leftOut > 0) parts.push(`${counts.leftOut} left out`);
  return `${pluralise(counts.rows, 'row')}: ${parts.join(', ')}`;
}

function ImportSteps({ review, importId, contract }: { review: Review; importId: number; contract: ImportContract }) {
  const preview = useImport(importId);
  const agencies = useAgencies();
  const patch = usePatchImport(importId);
  const commit = useCommitImport(importId, review.id);
  const [mappingDirty, setMappingDirty] = useState(false);
  const [agenciesDirty, setAgenciesDirty] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [patchFailure, setPatchFailure] = useState<{ origin: PatchOrigin; error: unknown } | null>(null);

  const send = (origin: PatchOrigin, body: ImportPatch) => {
    setPatchFailure(null);
    setAnnouncement('Reading the preview again…');
    patch.mutate(body, {
      onSuccess: (next) => setAnnouncement(`The preview has been read again. ${previewInWords(next)}.`),
      onError: (error) => {
        setAnnouncement('');
        setPatchFailure({ origin, error });
      },
    });
  };

  if (preview.isPending) return <Loading label="Loading the import" />;
  if (preview.isError) {
    if (isApiError(preview.error) && preview.error.status === 404) {
      return (
        <>
          <h2 className="govuk-heading-m">This import was not found</h2>
          <p className="govuk-body">
            It may have been started by someone else, or the address is wrong.{' '}
            <Link className="govuk-link" to={`/reviews/${review.id}/import`}>
              Upload the file again
            </Link>
            .
          </p>
        </>
      );
    }
    return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  }
  const data = preview.data;
  if (data.reviewId !== review.id) return <Navigate to={`/reviews/${data.reviewId}/import/${data.id}`} replace />;

  if (data.state === 'committed') {
    return (
      <>
        {commit.data ? (
          <SuccessBanner heading={commitSummary(commit.data)}>
            <p className="govuk-body">
              The plan in “{data.fileName}” is now part of review {review.code}.{' '}
              <Link className="govuk-notification-banner__link" to={`/reviews/${review.id}`}>
                Go back to the review
              </Link>
            </p>
          </SuccessBanner>
        ) : null}
        <h2 className="govuk-heading-m">This import is done</h2>
        <p className="govuk-body">
          “{data.fileName}” was imported{data.committedAt ? ` on ${formatDateTime(data.committedAt)}` : ''}. Its actions are on{' '}
          <Link className="govuk-link" to={`/reviews/${review.id}`}>
            the review’s page
          </Link>
          .
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/reviews/${review.id}/import`}>
            Import another spreadsheet
          </Link>
        </p>
      </>
    );
  }

  const failureIn = (origin: PatchOrigin) => (patchFailure?.origin === origin ? <ErrorState error={patchFailure.error} /> : null);
  const applying = patch.isPending;
  const blocker = applying
    ? 'The preview is being read again.'
    : mappingDirty
      ? 'You have changed columns without applying the changes: apply them (under “Check the columns”) or change them back.'
      : agenciesDirty
        ? 'You have changed agencies without applying the changes: apply them (under “Match the agencies”) or change them back.'
        : commitBlocker(data);
  const toCreate = data.agencies.filter((match) => match.create !== null).length;

  return (
    <>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <section aria-labelledby="import-file-heading">
        <h2 className="govuk-heading-m" id="import-file-heading">
          1. The file
        </h2>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">File</dt>
            <dd className="govuk-summary-list__value app-file-name">
              {data.fileName} ({data.format === 'xlsx' ? 'Excel' : 'CSV'}
              {data.sheetName ? `, sheet “${data.sheetName}”` : ''})
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Uploaded</dt>
            <dd className="govuk-summary-list__value">
              {formatDateTime(data.createdAt)} by {data.createdBy}
            </dd>
          </div>
        </dl>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/reviews/${review.id}/import`}>
            Upload a different file
          </Link>
        </p>
      </section>

      <section aria-labelledby="import-mapping-heading">
        <h2 className="govuk-heading-m" id="import-mapping-heading">
          2. Check the columns
        </h2>
        {failureIn('mapping')}
        <MappingStep
          key={JSON.stringify(data.mapping)}
          preview={data}
          contract={contract}
          applying={applying}
          onDirtyChange={setMappingDirty}
          onApply={(fields) => send('mapping', { mapping: toMapping(fields) })}
        />
      </section>

      <section aria-labelledby="import-agencies-heading">
        <h2 className="govuk-heading-m" id="import-agencies-heading">
          3. Match the agencies
        </h2>
        {failureIn('agencies')}
        {agencies.isError ? (
          <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />
        ) : !agencies.data ? (
          <Loading label="Loading the agencies" />
        ) : (
          <AgenciesStep
            key={JSON.stringify(data.agencies.map((match) => [match.name, match.agencyId, match.matchedBy, match.create]))}
            matches={data.agencies}
            agencies={agencies.data}
            applying={applying}
            onDirtyChange={setAgenciesDirty}
            onApply={(agencyMatches) => send('agencies', { agencyMatches })}
          />
        )}
      </section>

      <section aria-labelledby="import-preview-heading">
        <h2 className="govuk-heading-m" id="import-preview-heading">
          4. Check the preview
        </h2>
        <p className="govuk-body">Every row of the file as it will be saved, with what it will do and anything to check.</p>
        {failureIn('rows')}
        <PreviewStep preview={data} contract={contract} applying={applying} onLeaveOut={(leaveOut) => send('rows', { leaveOut })} />
      </section>

      <section aria-labelledby="import-commit-heading">
        <h2 className="govuk-heading-m" id="import-commit-heading">
          5. Import the plan
        </h2>
        <p className="govuk-body">
          {pluralise(data.counts.create, 'action')} will be created and {data.counts.update} updated
          {toCreate > 0 ? `; ${pluralise(toCreate, 'new agency', 'new agencies')} will be added` : ''}
          {data.counts.leftOut > 0 ? `; ${pluralise(data.counts.leftOut, 'row')} left out` : ''}. Every row is saved together, or none is.
        </p>
        {commit.isError ? <ErrorState error={commit.error} /> : null}
        {blocker ? (
          <div className="govuk-warning-text" id="import-commit-reason">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning: </span>
              {blocker}
            </strong>
          </div>
        ) : null}
        <button
          type="button"
          className="govuk-button"
          disabled={blocker !== null || commit.isPending}
          aria-describedby={blocker ? 'import-commit-reason' : undefined}
          onClick={() => commit.mutate()}
        >
          {commit.isPending ? 'Importing the plan…' : 'Import the plan'}
        </button>
      </section>
    </>
  );
}
