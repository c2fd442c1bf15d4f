import type { ChaseDetail, ChaseRecipient } from '@lrt/contracts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime, formatInstantDate, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { NotFoundPage } from '@/app/not-found-page';
import { useChase } from '../api/get-chase';
import { useRevokeReplyLink } from '../api/revoke-reply-link';
import { Warning } from '../components/candidate-agencies';
import { ChaseAccess } from '../components/chase-access';
import { scopeInWords, type ScopeNames } from '../components/chase-history';
import {
  ACTION_STATE_TAGS,
  actionStateInWords,
  answersInWords,
  EMAIL_KIND_LABELS,
  emailStatusInWords,
  LINK_STATUS_TAGS,
  linkStatusInWords,
  mailInWords,
  requestTitle,
} from '../words';
import type { ChaseSentState } from './chase-page';

/** One update request: who was asked and how their links and emails stand, escalations, and what became of each action. */
export function ChaseDetailPage() {
  return (
    <ChaseAccess>
      <ChaseRequest />
    </ChaseAccess>
  );
}

function ChaseRequest() {
  const id = useIdParam('chaseId');
  if (id === null) return <NotFoundPage />;
  return <ChaseRequestOf id={id} />;
}

function ChaseRequestOf({ id }: { id: number }) {
  const chase = useChase(id);
  useDocumentTitle(chase.data ? requestTitle(chase.data) : 'Update request');
  const location = useLocation();
  const sent = (location.state as Partial<ChaseSentState> | null)?.sent;
  const [revoked, setRevoked] = useState<{ key: number; name: string } | null>(null);
  const names: ScopeNames = {
    reviews: useLookup(useReviews().data),
    subgroups: useLookup(useSubgroups().data),
    agencies: useLookup(useAgencies().data),
  };

  return (
    <>
      <Link to="/chase" className="govuk-back-link">
        Chase updates
      </Link>
      {chase.isPending ? (
        <Loading label="Loading the update request" />
      ) : chase.isError ? (
        isApiError(chase.error) && chase.error.status === 404 ? (
          <NotFoundPage />
        ) : (
          <ErrorState error={chase.error} onRetry={() => void chase.refetch()} />
        )
      ) : (
        <>
          {revoked ? (
            <SuccessBanner key={revoked.key} heading={`The link sent to ${revoked.name} is revoked`}>
              <p className="govuk-body">It no longer opens anything. {revoked.name} can still sign in to post updates, if they have an account.</p>
            </SuccessBanner>
          ) : sent ? (
            <SuccessBanner heading={`Update requests sent: ${pluralise(sent.messages, 'message')}`}>
              <p className="govuk-body">
                Each agency lead gets one message listing their agency&rsquo;s actions, with a personal link to answer.
                {sent.agenciesWithoutLead.length > 0 ? ` No one was asked for ${sent.agenciesWithoutLead.join(', ')}: no lead is named.` : ''}
              </p>
            </SuccessBanner>
          ) : null}
          <ChaseSummaryList chase={chase.data} names={names} />
          {chase.data.byAgency.map((entry) => (
            <AgencyOutcome
              key={entry.agency.id}
              chaseId={chase.data.id}
              entry={entry}
              onRevoked={(recipient) => setRevoked((current) => ({ key: (current?.key ?? 0) + 1, name: recipient.name }))}
            />
          ))}
        </>
      )}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function ChaseSummaryList({ chase, names }: { chase: ChaseDetail; names: ScopeNames }) {
  return (
    <>
      <span className="govuk-caption-l">Update request{chase.kind === 'return' ? ': an action returned for more information' : ''}</span>
      <h1 className="govuk-heading-l">{requestTitle(chase)}</h1>
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <Row label="Sent by">{chase.createdByName}</Row>
        <Row label="Reply by">{formatDate(chase.replyBy)}</Row>
        <Row label="What it asked about">{scopeInWords(chase, names)}</Row>
        {chase.question ? (
          <Row label="Question">
            <span className="app-pre-wrap">{chase.question}</span>
          </Row>
        ) : null}
        <Row label="Asked">
          {pluralise(chase.actions, 'action')} of {pluralise(chase.agencies, 'agency', 'agencies')}
        </Row>
        <Row label="Answers">{answersInWords(chase)}</Row>
        <Row label="Email">{mailInWords(chase.mail)}</Row>
      </dl>
    </>
  );
}

type AgencyEntry = ChaseDetail['byAgency'][number];

function EmailList({ emails }: { emails: AgencyEntry['recipients'][number]['emails'] }) {
  if (emails.length === 0) return <>None yet</>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {emails.map((email) => {
        const status = emailStatusInWords(email);
        return (
          <li key={email.id} className="govuk-!-margin-bottom-2 app-break-anywhere">
            {EMAIL_KIND_LABELS[email.kind]} of {formatInstantDate(email.createdAt)}: <strong className={status.tag}>{status.label}</strong>{' '}
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{status.detail}</span>
          </li>
        );
      })}
    </ul>
  );
}

function AgencyOutcome({ chaseId, entry, onRevoked }: { chaseId: number; entry: AgencyEntry; onRevoked: (recipient: ChaseRecipient) => void }) {
  const headingId = `chase-agency-${entry.agency.id}`;
  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={headingId}>
        {entry.agency.name} <span className="app-secondary-text">({entry.agency.shortName})</span>
      </h2>

      <h3 className="govuk-heading-s">Who was asked</h3>
      {entry.recipients.length === 0 ? (
        <Warning>No lead — nobody was asked. Add an agency lead in Administration, or ask the agency by other means.</Warning>
      ) : (
        <ul className="govuk-list">
          {entry.recipients.map((recipient) => (
            <li key={recipient.id} className="govuk-!-margin-bottom-6">
              <Recipient chaseId={chaseId} recipient={recipient} onRevoked={() => onRevoked(recipient)} />
            </li>
          ))}
        </ul>
      )}

      {entry.escalations.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">Escalations to the senior contact</h3>
          <ul className="govuk-list">
            {entry.escalations.map((escalation) => {
              const status = emailStatusInWords(escalation);
              return (
                <li key={escalation.id} className="govuk-!-margin-bottom-2 app-break-anywhere">
                  To {escalation.toName} ({escalation.toAddress}) on {formatInstantDate(escalation.createdAt)}:{' '}
                  <strong className={status.tag}>{status.label}</strong>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{status.detail}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      <h3 className="govuk-heading-s">Actions</h3>
      <dl className="govuk-summary-list">
        {entry.actions.map((action) => (
          <div key={action.id} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">
              <Link className="govuk-link" to={`/actions/${action.id}`}>
                {action.ref}
              </Link>
            </dt>
            <dd className="govuk-summary-list__value">
              <strong className={ACTION_STATE_TAGS[action.state]}>{actionStateInWords(action.state, action.answeredAt)}</strong>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One person asked: their link and its use, their emails, and revoking the link (asked twice, since it cannot be undone). */
function Recipient({ chaseId, recipient, onRevoked }: { chaseId: number; recipient: ChaseRecipient; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const link = LINK_STATUS_TAGS[recipient.linkStatus];
  return (
    <>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-2 app-break-anywhere">
        {recipient.name}, {recipient.email}
      </h4>
      <dl className="govuk-summary-list govuk-!-margin-bottom-3">
        <Row label="Personal link">
          <strong className={link.tag}>{link.label}</strong>{' '}
          <span className="govuk-!-display-block">{linkStatusInWords(recipient)}</span>
        </Row>
        <Row label="Link last used">{formatDateTime(recipient.linkLastUsedAt, 'Not used yet')}</Row>
        <Row label="Emails">
          <EmailList emails={recipient.emails} />
        </Row>
      </dl>
      {recipient.linkStatus === 'active' ? (
        confirming ? (
          <ConfirmRevoke
            chaseId={chaseId}
            recipient={recipient}
            onCancel={() => {
              setConfirming(false);
              // Back to the button that opened the question, once it is drawn again.
              requestAnimationFrame(() => revokeButton.current?.focus());
            }}
            onRevoked={() => {
              setConfirming(false);
              onRevoked();
            }}
          />
        ) : (
          <button type="button" className="govuk-button govuk-button--warning" ref={revokeButton} onClick={() => setConfirming(true)}>
            Revoke the link sent to {recipient.name}
          </button>
        )
      ) : null}
    </>
  );
}

function ConfirmRevoke({
  chaseId,
  recipient,
  onCancel,
  onRevoked,
}: {
  chaseId: number;
  recipient: ChaseRecipient;
  onCancel: () => void;
  onRevoked: () => void;
}) {
  const revoke = useRevokeReplyLink();
  const [failed, setFailed] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const headingId = `revoke-recipient-${recipient.id}`;
  return (
    <div className="app-inline-panel" role="group" aria-labelledby={headingId}>
      <h5 className="govuk-heading-s app-break-anywhere" id={headingId} tabIndex={-1} ref={heading}>
        Revoke the link sent to {recipient.name}?
      </h5>
      {failed ? (
        <div className="govuk-error-summary" role="alert">
          <h6 className="govuk-error-summary__title">There is a problem</h6>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{failed}</p>
          </div>
        </div>
      ) : null}
      <p className="govuk-body">
        It stops working at once: {recipient.name} can no longer read or answer these actions through it. A revoked link cannot be turned
        back on.
      </p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          disabled={revoke.isPending}
          aria-disabled={revoke.isPending}
          onClick={() => {
            setFailed(null);
            // Awaited rather than given callbacks: the answer redraws the recipient as revoked, which takes this
            // question away before a callback of `mutate` would run, and the page must still hear of it.
            void revoke.mutateAsync({ chaseId, recipientId: recipient.id }).then(onRevoked, (error: unknown) =>
              setFailed(isApiError(error) ? error.problem.detail : 'The link could not be revoked. Try again.'),
            );
          }}
        >
          {revoke.isPending ? 'Revoking…' : 'Yes, revoke the link'}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
