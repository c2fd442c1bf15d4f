import type { Agency, ProgressUpdate } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { formatDateTime } from '@/lib/format';
import { useProgressUpdates } from '../api/get-progress-updates';

const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

function UpdateTitle({ update }: { update: ProgressUpdate }) {
  if (!update.statusChange) return <>Progress note</>;
  const { from, to } = update.statusChange;
  return (
    <>
      Status changed from {LABELS.actionStatus[from]} to {LABELS.actionStatus[to]}
    </>
  );
}

export function ProgressTimelineItem({ update, agencies }: { update: ProgressUpdate; agencies: ReadonlyMap<number, Agency> }) {
  const agency = update.agencyId !== null ? agencies.get(update.agencyId) : undefined;
  return (
    <li className="moj-timeline__item">
      <div className="moj-timeline__header">
        <h3 className="moj-timeline__title">
          <UpdateTitle update={update} />
        </h3>{' '}
        <p className="moj-timeline__byline">
          by {update.authorName}
          {agency ? `, ${agency.name}` : ''}
        </p>
      </div>
      <p className="moj-timeline__date">
        <time dateTime={update.createdAt}>{formatDateTime(update.createdAt)}</time>
      </p>
      <div className="moj-timeline__description">
        {update.confidence ? (
          <p className="govuk-body govuk-!-margin-bottom-2">
            <strong>Confidence:</strong> {LABELS.confidence[update.confidence]}
          </p>
        ) : null}
        <p className="govuk-body app-pre-wrap">{update.note}</p>
        {update.evidenceOfImpact ? (
          <p className="govuk-body app-pre-wrap">
            <strong>Evidence of impact:</strong> {update.evidenceOfImpact}
          </p>
        ) : null}
        {update.reason ? (
          <p className="govuk-body app-pre-wrap">
            <strong>Reason for withdrawal:</strong> {update.reason}
          </p>
        ) : null}
        {update.evidence.length > 0 ? (
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>Evidence</strong>
            </p>
            <ul className="govuk-list govuk-list--bullet">
              {update.evidence.map((item, index) => (
                <li key={`${'url' in item ? item.url : item.fileId}-${index}`}>
                  {!('url' in item) ? (
                    <a className="govuk-link" href={`/api/evidence/${item.fileId}`} download>
                      {item.label} ({item.name})
                    </a>
                  ) : isWebAddress(item.url) ? (
                    <a className="govuk-link" href={item.url} rel="noopener noreferrer">
                      {item.label}
                    </a>
                  ) : (
                    `${item.label} (${item.url})`
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </li>
  );
}

/** The action's history, newest first. Updates are never edited away. */
export function ProgressTimeline({ actionId, agencies }: { actionId: number; agencies: ReadonlyMap<number, Agency> }) {
  const updates = useProgressUpdates(actionId);
  if (updates.isPending) return <Loading label="Loading progress updates" />;
  if (updates.isError) return <ErrorState error={updates.error} onRetry={() => void updates.refetch()} />;
  const items = updates.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <EmptyState title="No progress updates yet">The first update on this action will show here.</EmptyState>;
  }
  return (
    <>
      <ol className="moj-timeline govuk-list" aria-label="Progress updates, newest first">
        {items.map((update) => (
          <ProgressTimelineItem key={update.id} update={update} agencies={agencies} />
        ))}
      </ol>
      {updates.hasNextPage ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void updates.fetchNextPage()}
          disabled={updates.isFetchingNextPage}
        >
          {updates.isFetchingNextPage ? 'Loading older updates…' : 'Show older updates'}
        </button>
      ) : null}
    </>
  );
}
