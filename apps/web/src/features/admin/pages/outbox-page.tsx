import type { OutboxEmail } from '@lrt/contracts';
import { EMAIL_KINDS, EMAIL_STATUSES } from '@lrt/contracts/constants';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Select, TextInput } from '@/components/form-fields';
import { useShowMore } from '@/components/show-more';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { formatDateTime, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useOutbox, type OutboxPage } from '../api/get-outbox';
import { useOutboxEmail } from '../api/get-outbox-email';
import type { OutboxFilters } from '../api/keys';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { LinkedText } from '../components/linked-text';

type EmailKind = (typeof EMAIL_KINDS)[number];
type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const OUTBOX_KIND_LABELS: Record<EmailKind, string> = {
  chase: 'Chase',
  return: 'Returned for more information',
  reminder: 'Reminder',
  escalation: 'Escalation',
  invitation: 'Invitation',
  password_reset: 'Password reset',
};

/** The status filter's choices: a message being retried is queued for its next try, so the two are one choice. */
const STATUS_FILTER_LABELS: Record<EmailStatus, string> = {
  queued: 'Queued or retrying',
  sending: 'Sending',
  sent: 'Sent',
  logged: 'Kept in the outbox (not sent)',
};

const Q_MAX = 200;

function readFilters(params: URLSearchParams): OutboxFilters {
  const status = params.get('status');
  const kind = params.get('kind');
  const q = params.get('q')?.trim().slice(0, Q_MAX);
  return {
    status: status && (EMAIL_STATUSES as readonly string[]).includes(status) ? status : undefined,
    kind: kind && (EMAIL_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    q: q || undefined,
  };
}

/** Where a message is, in words: the state first (a tag, for scanning), then what to know about it. */
function EmailStatusInWords({ email }: { email: OutboxEmail }) {
  switch (email.status) {
    case 'sent':
      return (
        <>
          <strong className="govuk-tag govuk-tag--green">Sent</strong> on {formatDateTime(email.sentAt)}
        </>
      );
    case 'logged':
      return (
        <>
          <strong className="govuk-tag govuk-tag--grey">Kept in the outbox</strong> (not sent)
        </>
      );
    case 'sending':
      return <strong className="govuk-tag govuk-tag--blue">Sending</strong>;
    case 'queued':
      if (email.attempts === 0) return <strong className="govuk-tag govuk-tag--yellow">Queued</strong>;
      return (
        <>
          <strong className="govuk-tag govuk-tag--orange">Retrying</strong> — attempt {email.attempts}, last error:{' '}
          <span className="app-break-anywhere">{email.lastError ?? 'not recorded'}</span>
          <span className="app-cell-secondary">Next try {formatDateTime(email.nextAttemptAt)}</span>
        </>
      );
  }
}

export function AdminOutboxPage() {
  return (
    <AdminAccess capability="manageSettings">
      <Outbox />
    </AdminAccess>
  );
}

function Outbox() {
  useDocumentTitle('Outbox');
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const outbox = useOutbox(filters);
  const filtered = Boolean(filters.status || filters.kind || filters.q);
  const { items, focusRef, button } = useShowMore<OutboxEmail, HTMLLIElement>(outbox, 'Show more');
  const transport = outbox.data?.pages[0]?.transport;

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['status', 'kind', 'q']) {
      const value = form.get(key);
      if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
    }
    setParams(next);
  };

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body-l">
        Every email the tracker has sent or will send: update requests, reminders, escalations, invitations and password
        resets, newest first.
      </p>
      {transport ? <HowMailLeaves transport={transport} /> : null}

      <form className="app-admin-filter" onSubmit={onFilter} aria-label="Filter the outbox">
        <Select
          id="outbox-filter-status"
          name="status"
          label="Status"
          options={[{ value: '', label: 'Any status' }, ...EMAIL_STATUSES.map((status) => ({ value: status, label: STATUS_FILTER_LABELS[status] }))]}
          defaultValue={filters.status ?? ''}
          key={`status-${filters.status ?? ''}`}
        />
        <Select
          id="outbox-filter-kind"
          name="kind"
          label="Kind"
          options={[{ value: '', label: 'Any kind' }, ...EMAIL_KINDS.map((kind) => ({ value: kind, label: OUTBOX_KIND_LABELS[kind] }))]}
          defaultValue={filters.kind ?? ''}
          key={`kind-${filters.kind ?? ''}`}
        />
        <TextInput
          id="outbox-filter-q"
          name="q"
          label="Name, address or subject"
          type="search"
          maxLength={Q_MAX}
          spellCheck={false}
          className="govuk-input--width-20"
          defaultValue={filters.q ?? ''}
          key={`q-${filters.q ?? ''}`}
        />
        <div className="govuk-form-group">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show messages
          </button>
        </div>
      </form>

      {outbox.isPending ? (
        <Loading label="Loading the outbox" />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? 'No messages match these filters' : 'The outbox is empty'}>
          {filtered ? (
            <Link className="govuk-link" to="/admin/outbox">
              Show every message
            </Link>
          ) : (
            'Messages appear here as soon as the tracker has one to send: when someone sends an update request, for one.'
          )}
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body" id="outbox-count">
            {outbox.hasNextPage ? `The latest ${pluralise(items.length, 'message')}` : pluralise(items.length, 'message')}
            {filtered ? ' matching these filters' : ''}, newest first.
          </p>
          <ol className="govuk-list" aria-labelledby="outbox-count">
            {items.map((email) => (
              <OutboxItem
                key={email.id}
                email={email}
                itemRef={focusRef(email.id)}
              />
            ))}
          </ol>
          {button}
        </>
      )}
    </>
  );
}

function HowMailLeaves({ transport }: { transport: OutboxPage['transport'] }) {
  if (transport === 'log') {
    return (
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          No SMTP server is set (SMTP_URL): messages are kept here and written to the server log, not sent. Their
          personal links work: open a message and follow its link to see what its recipient would.
        </strong>
      </div>
    );
  }
  return (
    <div className="govuk-inset-text">
      Messages are sent through the SMTP server set in SMTP_URL. Once a message is sent, its personal link (to reply to
      an update request, set a password or reset one) is not kept here: the copy below says where it was.
    </div>
  );
}

function OutboxItem({ email, itemRef }: { email: OutboxEmail; itemRef: (element: HTMLLIElement | null) => void }) {
  const rows: [string, ReactNode][] = [
    ['When', formatDateTime(email.createdAt)],
    ['Kind', OUTBOX_KIND_LABELS[email.kind]],
    [
      'To',
      <>
        {email.toName} <span className="app-break-anywhere">&lt;{email.toAddress}&gt;</span>
      </>,
    ],
    ['Status', <EmailStatusInWords email={email} />],
  ];
  if (email.chaseId !== null) {
    rows.push([
      'Update request',
      <Link className="govuk-link" to={`/chase/${email.chaseId}`}>
        Open the update request <span className="govuk-visually-hidden">this message belongs to</span>
      </Link>,
    ]);
  }
  return (
    <li className="govuk-!-margin-bottom-8 app-focus-target" tabIndex={-1} ref={itemRef}>
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2 app-break-anywhere">
        {email.subject}
      </h2>
      <dl className="govuk-summary-list govuk-!-margin-bottom-3">
        {rows.map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <details className="govuk-details govuk-!-margin-bottom-2">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Read the message <span className="govuk-visually-hidden">to {email.toName}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <LinkedText text={email.text} className="govuk-!-margin-bottom-0" />
        </div>
      </details>
      <HtmlPart email={email} />
    </li>
  );
}

/**
 * The HTML part as an email programme shows it, asked for only when opened (it is not in the list). It is framed
 * with every sandbox restriction on, so nothing in it can run or reach the tracker.
 */
function HtmlPart({ email }: { email: OutboxEmail }) {
  const [open, setOpen] = useState(false);
  const detail = useOutboxEmail(email.id, { enabled: open });
  return (
    <details className="govuk-details govuk-!-margin-bottom-0" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          See the HTML version <span className="govuk-visually-hidden">of the message to {email.toName}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        {!open ? null : detail.isPending ? (
          <Loading label="Loading the HTML version" />
        ) : detail.isError ? (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <iframe
            title={`HTML version of the message to ${email.toName}: ${email.subject}`}
            srcDoc={detail.data.html}
            sandbox=""
            className="govuk-!-width-full"
            height={480}
          />
        )}
      </div>
    </details>
  );
}
