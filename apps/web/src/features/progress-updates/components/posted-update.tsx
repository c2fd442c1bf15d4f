import type { ProgressUpdate } from '@lrt/contracts';
import { useEffect, useRef, type ReactNode } from 'react';
import { EvidenceList } from '@/features/evidence/components/evidence-list';
import { LABELS } from '@/lib/contract-constants';
import { formatDateTime } from '@/lib/format';

/** The entry before the one just posted, for context: in full when the action's history is loaded, else in brief. */
export interface PreviousEntry {
  /** What it was ("Returned for more information by …"), when known. */
  title: string | null;
  createdAt: string;
  /** Who wrote it, unless the title already says (as a decision's does). */
  authorName: string | null;
  note: string;
}

export type HeadingLevel = 2 | 3 | 4 | 5;
type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
const tag = (level: number) => `h${Math.min(level, 6)}` as HeadingTag;

interface Props {
  update: ProgressUpdate;
  previous: PreviousEntry | null;
  /** The update answered a question of the subgroup. */
  answered: boolean;
  /** The agency the update speaks for, by name. */
  agencyName?: string | undefined;
  headingLevel: HeadingLevel;
  onPostAnother: () => void;
}

/**
 * What was just posted, in full (so the person can check it went as they meant), and the entry before it. It
 * takes focus when it appears, so the confirmation is what a screen reader says next. A comment is a note only.
 */
export function PostedUpdate({ update, previous, answered, agencyName, headingLevel, onPostAnother }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [update.id]);
  const Title = tag(headingLevel);
  const Sub = tag(headingLevel + 1);
  const headingId = `posted-update-${update.id}-heading`;
  const comment = update.kind === 'comment';
  const rows: [string, ReactNode][] = comment
    ? [['Your comment', <span className="app-pre-wrap">{update.note}</span>]]
    : [
        [answered ? 'Your answer' : 'Your note', <span className="app-pre-wrap">{update.note}</span>],
        ...(update.postedAs === 'business_unit' && agencyName ? ([['On behalf of', agencyName]] as [string, ReactNode][]) : []),
        ['Confidence', update.confidence ? LABELS.confidence[update.confidence] : 'Not given'],
        [
          'Status',
          update.statusChange
            ? `Changed from ${LABELS.actionStatus[update.statusChange.from]} to ${LABELS.actionStatus[update.statusChange.to]}`
            : 'Not changed',
        ],
        ['Evidence', update.evidence.length > 0 ? <EvidenceList items={update.evidence} /> : 'None'],
      ];
  if (update.evidenceOfImpact) rows.push(['Evidence of impact', <span className="app-pre-wrap">{update.evidenceOfImpact}</span>]);
  if (update.reason) rows.push(['Reason for withdrawal', <span className="app-pre-wrap">{update.reason}</span>]);

  return (
    <div className="app-posted">
      <div
        ref={ref}
        className="govuk-notification-banner govuk-notification-banner--success"
        role="region"
        aria-labelledby={headingId}
        tabIndex={-1}
      >
        <div className="govuk-notification-banner__header">
          <Title className="govuk-notification-banner__title">Success</Title>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading" id={headingId}>
            {comment ? 'Your comment has been posted' : answered ? 'Your answer has been posted' : 'Your progress update has been posted'}
          </p>
          <dl className="govuk-summary-list app-posted__summary">
            {rows.map(([key, value]) => (
              <div key={key} className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>

      <section aria-labelledby={`${headingId}-previous`} className="app-posted__previous">
        <Sub className="govuk-heading-s" id={`${headingId}-previous`}>
          The update before it
        </Sub>
        {previous ? (
          <>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-1">
              {previous.title ? `${previous.title}, ` : ''}
              <time dateTime={previous.createdAt}>{formatDateTime(previous.createdAt)}</time>
              {previous.authorName ? `, by ${previous.authorName}` : ''}
            </p>
            <p className="govuk-body app-pre-wrap">{previous.note}</p>
          </>
        ) : (
          <p className="govuk-body">This is the first update on the action.</p>
        )}
      </section>

      <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={onPostAnother}>
        {comment ? 'Add another comment' : 'Post another update'}
      </button>
    </div>
  );
}
