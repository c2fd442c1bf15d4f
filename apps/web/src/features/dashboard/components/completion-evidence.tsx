import type { Action, ProgressUpdate } from '@lrt/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '@/components/states';
import { daysSince } from '@/features/actions/dates';
import { progressUpdatesQueryOptions } from '@/features/progress-updates/api/get-progress-updates';
import { formatDateTime, pluralise } from '@/lib/format';
import { EvidenceList } from '@/features/evidence/components/evidence-list';

/** The update that proposed the action as completed: the newest that moved it to completed. */
const completionOf = (updates: readonly ProgressUpdate[]) => updates.find((update) => update.statusChange?.to === 'completed');

/**
 * What a chair reads before assuring a completed action: its measure of success, how long it has waited since
 * the agency proposed it as completed, and the evidence the agency posted (with the completion first, then
 * what came with its earlier updates). The updates are the action's own (`GET /api/actions/:id/updates`,
 * newest first), cached under the action, so its page shows them at once too.
 */
export function CompletionEvidence({ action }: { action: Action }) {
  const updates = useInfiniteQuery(progressUpdatesQueryOptions(action.id));
  const items = updates.data?.pages.flatMap((page) => page.items) ?? [];
  const completion = completionOf(items);
  const earlier = items.filter((update) => update !== completion && update.kind === 'progress' && update.evidence.length > 0);
  const waited = completion ? daysSince(completion.createdAt) : null;

  return (
    <div className="app-completion">
      <dl className="app-completion__facts">
        <dt>Measure of success</dt>
        <dd className="app-pre-wrap">{action.successMeasure || 'Not recorded'}</dd>
        {completion ? (
          <>
            <dt>Proposed as completed</dt>
            <dd>
              {formatDateTime(completion.createdAt)} by {completion.authorName}.{' '}
              <strong className="app-completion__waiting">
                {waited === 0 ? 'Waiting since today' : `Waiting ${pluralise(waited ?? 0, 'day')}`}
              </strong>
            </dd>
          </>
        ) : null}
      </dl>
      {updates.isPending ? (
        <Loading label={`Loading the evidence for action ${action.ref}`} />
      ) : updates.isError ? (
        <ErrorState error={updates.error} onRetry={() => void updates.refetch()} />
      ) : (
        <>
          <h4 className="govuk-heading-s govuk-!-margin-bottom-1">Evidence with the completion</h4>
          {completion && completion.evidence.length > 0 ? (
            <EvidenceList items={completion.evidence} />
          ) : (
            <p className="govuk-body-s">{completion ? 'None was attached to the completion.' : 'The completion was not found in the action’s updates.'}</p>
          )}
          {earlier.length > 0 ? (
            <details className="govuk-details govuk-!-margin-bottom-2">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  Evidence with earlier updates ({pluralise(earlier.reduce((count, update) => count + update.evidence.length, 0), 'item')})
                </span>
              </summary>
              <div className="govuk-details__text">
                {earlier.map((update) => (
                  <div key={update.id}>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      With the update of {formatDateTime(update.createdAt)} by {update.authorName}
                    </p>
                    <EvidenceList items={update.evidence} />
                  </div>
                ))}
              </div>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}
