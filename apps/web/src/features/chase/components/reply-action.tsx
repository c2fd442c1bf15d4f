import type { EvidenceItem, ProgressUpdate, RespondAction } from '@lrt/contracts';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { BragTag } from '@/components/brag-tag';
import { Loading } from '@/components/states';
import { fileTypeLabel, formatFileSize } from '@/features/evidence/evidence-files';
import { updateTitle } from '@/features/progress-updates/components/progress-timeline';
import { LABELS } from '@/lib/contract-constants';
import { formatDate, formatDateTime, formatInstantDate } from '@/lib/format';
import { respondPath } from '../api/get-respond-view';

/**
 * The form, and zod that checks it, load after the rest of the page: a reply link is often the first page its
 * holder ever opens, so the actions show at once.
 */
const ReplyUpdateForm = lazy(async () => ({ default: (await import('./reply-update-form')).ReplyUpdateForm }));

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/**
 * Evidence as the link's holder sees it: links open, and documents download through the link itself (the API
 * lets the link read the documents cited on its own actions only).
 */
function EvidenceNames({ token, items }: { token: string; items: readonly EvidenceItem[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet app-evidence-list">
      {items.map((item, index) => (
        <li key={`${'url' in item ? item.url : item.fileId}-${index}`} className="app-break-anywhere">
          {'fileId' in item ? (
            <>
              <a className="govuk-link" href={`/api${respondPath(token)}/evidence/${item.fileId}`} download={item.name}>
                {item.label}
              </a>{' '}
              ({item.name}, {formatFileSize(item.size)}, {fileTypeLabel(item.contentType)})
            </>
          ) : /^https?:\/\//i.test(item.url) ? (
            <a className="govuk-link" href={item.url} rel="noopener noreferrer">
              {item.label}
            </a>
          ) : (
            `${item.label} (${item.url})`
          )}
        </li>
      ))}
    </ul>
  );
}

function RecentUpdates({ token, updates }: { token: string; updates: readonly ProgressUpdate[] }) {
  if (updates.length === 0) return <p className="govuk-body">No progress update has been posted on this action yet.</p>;
  return (
    <ol className="govuk-list">
      {updates.map((update) => (
        <li key={update.id} className="govuk-!-margin-bottom-4">
          <h4 className="govuk-heading-s govuk-!-margin-bottom-1">{updateTitle(update)}</h4>
          <p className="govuk-body-s govuk-!-margin-bottom-1 app-secondary-text">
            {update.kind === 'progress' || update.kind === 'comment' ? `by ${update.authorName}, ` : ''}
            <time dateTime={update.createdAt}>{formatDateTime(update.createdAt)}</time>
            {update.confidence ? `. Confidence: ${LABELS.confidence[update.confidence]}` : ''}
          </p>
          {update.note ? <p className="govuk-body govuk-!-margin-bottom-1 app-pre-wrap">{update.note}</p> : null}
          {update.question && update.question.trim() !== update.note.trim() ? (
            <p className="govuk-body govuk-!-margin-bottom-1 app-pre-wrap">Question: {update.question}</p>
          ) : null}
          {update.evidence.length > 0 ? <EvidenceNames token={token} items={update.evidence} /> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * One action the link may answer: what it is, how it stands, the question if it was returned, its latest updates,
 * and the form. Once an update is posted, the action says "Answered" and the confirmation takes focus.
 */
export function ReplyAction({ token, action, maxMegabytes }: { token: string; action: RespondAction; maxMegabytes: number }) {
  const [posted, setPosted] = useState<ProgressUpdate | null>(null);
  const [formOpen, setFormOpen] = useState(action.answeredAt === null);
  const confirmation = useRef<HTMLDivElement>(null);
  const formArea = useRef<HTMLDivElement>(null);
  const focusForm = useRef(false);
  const headingId = `reply-action-${action.id}`;
  useEffect(() => {
    if (posted) confirmation.current?.focus();
  }, [posted]);
  useEffect(() => {
    if (formOpen && focusForm.current) {
      formArea.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
      focusForm.current = false;
    }
  }, [formOpen]);
  const answeredAt = action.answeredAt ?? posted?.createdAt ?? null;

  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l govuk-!-margin-bottom-2" id={headingId}>
        {action.ref}
      </h2>
      <p className="govuk-body">
        {answeredAt ? (
          <>
            <strong className="govuk-tag govuk-tag--green">Answered</strong> on {formatInstantDate(answeredAt)}
          </>
        ) : (
          <strong className="govuk-tag govuk-tag--blue">Waiting for an update</strong>
        )}
      </p>
      <dl className="govuk-summary-list">
        <Row label="Review">
          {action.reviewCode}: {action.reviewTitle}
        </Row>
        <Row label="Learning need">
          <span className="app-pre-wrap">{action.learningNeed}</span>
        </Row>
        <Row label="Action">
          <span className="app-pre-wrap">{action.action}</span>
        </Row>
        <Row label="Measure of success">
          <span className="app-pre-wrap">{action.successMeasure}</span>
        </Row>
        <Row label="Target date">{formatDate(action.targetDate)}</Row>
        <Row label="BRAG rating">
          <BragTag brag={action.brag} reason={action.bragReason} showReason />
        </Row>
        <Row label="Status">{LABELS.actionStatus[action.status]}</Row>
        <Row label="Latest confidence">{action.latestConfidence ? LABELS.confidence[action.latestConfidence] : 'None given yet'}</Row>
      </dl>

      {action.returned ? (
        <div className="govuk-inset-text app-returned">
          <p className="govuk-body govuk-!-margin-bottom-1">
            <strong>The subgroup asks:</strong>
          </p>
          <p className="govuk-body app-pre-wrap">{action.returned.question}</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Returned for more information on {formatInstantDate(action.returned.on)}. Answer due by {formatDate(action.returned.replyBy)}.
          </p>
        </div>
      ) : null}

      <h3 className="govuk-heading-m">Recent updates</h3>
      <RecentUpdates token={token} updates={action.recentUpdates} />

      {posted ? (
        <div className="app-inline-panel" ref={confirmation} tabIndex={-1} role="status">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">Your update on {action.ref} is posted</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            It is in the action&rsquo;s history above, with your name. The partnership sees it at once.
          </p>
        </div>
      ) : null}
      {formOpen && !posted ? (
        <div ref={formArea}>
          <Suspense fallback={<Loading label="Loading the update form" />}>
            <ReplyUpdateForm
              token={token}
              action={action}
              maxMegabytes={maxMegabytes}
              onPosted={(update) => {
                setPosted(update);
                setFormOpen(false);
              }}
            />
          </Suspense>
        </div>
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            focusForm.current = true;
            setPosted(null);
            setFormOpen(true);
          }}
        >
          Post {answeredAt ? 'another' : 'an'} update on {action.ref}
        </button>
      )}
    </section>
  );
}
