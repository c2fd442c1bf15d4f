import type { Agency, ProgressUpdate } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { EvidenceList } from '@/features/evidence/components/evidence-list';
import { formatDate, formatDateTime } from '@/lib/format';
import { useProgressUpdates } from '../api/get-progress-updates';

/**
 * What an entry is, in a line: an agency's progress note (perhaps moving the status), a sign-off decision naming
 * who made it, or a comment of the subgroup's chair or the business unit, which is not the agency's progress.
 */
export function updateTitle(update: Pick<ProgressUpdate, 'kind' | 'authorName' | 'statusChange' | 'postedAs'>): string {
  if (update.kind === 'assurance') return `Assured by ${update.authorName}`;
  if (update.kind === 'return') return `Returned for more information by ${update.authorName}`;
  if (update.kind === 'comment') return commentTitle(update.postedAs);
  if (!update.statusChange) return 'Progress note';
  const { from, to } = update.statusChange;
  return `Status changed from ${LABELS.actionStatus[from]} to ${LABELS.actionStatus[to]}`;
}

const commentTitle = (postedAs: ProgressUpdate['postedAs']) =>
  postedAs === 'subgroup_chair' ? 'Comment from the subgroup chair' : postedAs === 'business_unit' ? 'Comment from the business unit' : 'Comment';

/** A sign-off decision: its title names who decided. */
export const isDecision = (update: Pick<ProgressUpdate, 'kind'>) => update.kind === 'assurance' || update.kind === 'return';

/** Who wrote an entry, and for which agency: "by Sam Patel, West Midlands Police", or "… on behalf of …". */
function byline(update: ProgressUpdate, agency: Agency | undefined): string {
  if (!agency) return `by ${update.authorName}`;
  return update.postedAs === 'business_unit' ? `by ${update.authorName} on behalf of ${agency.name}` : `by ${update.authorName}, ${agency.name}`;
}

export function ProgressTimelineItem({ update, agencies }: { update: ProgressUpdate; agencies: ReadonlyMap<number, Agency> }) {
  const agency = update.agencyId !== null ? agencies.get(update.agencyId) : undefined;
  const decision = isDecision(update);
  const comment = update.kind === 'comment';
  // A return's note is its question: say it once.
  const note = update.kind === 'return' && update.note.trim() === (update.question ?? '').trim() ? '' : update.note;
  return (
    <li className={`moj-timeline__item${decision || comment ? ' app-timeline__decision' : ''}`}>
      <div className="moj-timeline__header">
        <h3 className="moj-timeline__title">{updateTitle(update)}</h3>{' '}
        {decision ? (
          agency ? <p className="moj-timeline__byline">{agency.name}</p> : null
        ) : (
          <p className="moj-timeline__byline">
            {byline(update, agency)}
            {/* The note came from a spreadsheet plan: its author is who imported it, not who wrote it in the file. */}
            {update.importedFrom ? <span className="app-file-name">. Imported from {update.importedFrom}</span> : null}
          </p>
        )}
      </div>
      <p className="moj-timeline__date">
        <time dateTime={update.createdAt}>{formatDateTime(update.createdAt)}</time>
      </p>
      <div className="moj-timeline__description">
        {comment ? (
          <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
            A comment, not a progress update from the agency: it does not change the action’s rating or status.
          </p>
        ) : null}
        {/* Decisions and comments carry no confidence: they are not an agency's word on its progress. */}
        {!decision && update.confidence ? (
          <p className="govuk-body govuk-!-margin-bottom-2">
            <strong>Confidence:</strong> {LABELS.confidence[update.confidence]}
          </p>
        ) : null}
        {update.kind === 'return' && update.question ? (
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>Question:</strong>
            </p>
            <p className="govuk-body app-pre-wrap">{update.question}</p>
          </>
        ) : null}
        {update.kind === 'return' && update.replyBy ? (
          <p className="govuk-body">
            <strong>Answer due by</strong> {formatDate(update.replyBy)}
          </p>
        ) : null}
        {update.evidenceOfImpact ? (
          <p className="govuk-body app-pre-wrap">
            <strong>Evidence of impact:</strong> {update.evidenceOfImpact}
          </p>
        ) : null}
        {note ? <p className="govuk-body app-pre-wrap">{note}</p> : null}
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
            <EvidenceList items={update.evidence} />
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
