import type { ChaseActionState, ChaseDetail, ChaseReason, ChaseRecipient, ChaseSummary } from '@lrt/contracts';
import { formatDate, formatDateTime, formatInstantDate, pluralise } from '@/lib/format';
import { SIGN_IN_PATH } from '@/lib/return-to';

type ChaseEmail = ChaseRecipient['emails'][number] | ChaseDetail['byAgency'][number]['escalations'][number];

/** Why an action is on a chase, in words. */
export const REASON_LABELS: Record<ChaseReason, string> = {
  overdue: 'Overdue',
  stale: 'No update within the update cadence',
  due_soon: 'Due soon',
  returned: 'Returned for more information',
};

export const reasonsInWords = (reasons: readonly ChaseReason[]) =>
  reasons.length === 0 ? 'Chosen by hand' : reasons.map((reason) => REASON_LABELS[reason]).join('; ');

export const CHASE_KIND_LABELS: Record<ChaseSummary['kind'], string> = {
  chase: 'Chase',
  return: 'Returned for more information',
};

/** What became of one action of a request: "Requested", "Answered on 3 March 2026", "Reply overdue". */
export function actionStateInWords(state: ChaseActionState, answeredAt: string | null): string {
  if (state === 'answered') return answeredAt ? `Answered on ${formatInstantDate(answeredAt)}` : 'Answered';
  if (state === 'reply_overdue') return 'Reply overdue';
  return 'Requested';
}

export const ACTION_STATE_TAGS: Record<ChaseActionState, string> = {
  requested: 'govuk-tag govuk-tag--blue',
  answered: 'govuk-tag govuk-tag--green',
  reply_overdue: 'govuk-tag govuk-tag--red',
};

/** Where the emails of a request are: "3 sent, 1 queued, 1 retrying"; zeros are left out. */
export function mailInWords(mail: ChaseSummary['mail']): string {
  const parts = [
    mail.sent > 0 ? `${mail.sent} sent` : null,
    mail.queued > 0 ? `${mail.queued} queued` : null,
    mail.retrying > 0 ? `${mail.retrying} retrying` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'No emails';
}

/** "2 of 5 answered, 1 reply overdue". */
export const answersInWords = (summary: Pick<ChaseSummary, 'actions' | 'answered' | 'replyOverdue'>) =>
  `${summary.answered} of ${pluralise(summary.actions, 'action')} answered${
    summary.replyOverdue > 0 ? `, ${pluralise(summary.replyOverdue, 'reply', 'replies')} overdue` : ''
  }`;

/** The link text of a request in lists: "Chase sent 3 March 2026 at 2:05pm". */
export const requestTitle = (summary: Pick<ChaseSummary, 'kind' | 'createdAt'>) =>
  `${CHASE_KIND_LABELS[summary.kind]} sent ${formatDateTime(summary.createdAt)}`;

export const EMAIL_KIND_LABELS: Record<ChaseEmail['kind'], string> = {
  chase: 'Update request',
  return: 'Return for more information',
  reminder: 'Reminder',
  escalation: 'Escalation',
  invitation: 'Invitation',
  password_reset: 'Password reset',
};

/** Where one email is, in words: sent when, still queued, failing and being retried (how often, why, when next), or only logged. */
export function emailStatusInWords(email: Pick<ChaseEmail, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt'>): {
  label: string;
  detail: string;
  tag: string;
} {
  switch (email.status) {
    case 'sent':
      return { label: 'Sent', detail: `Sent ${formatDateTime(email.sentAt)}`, tag: 'govuk-tag govuk-tag--green' };
    case 'logged':
      return {
        label: 'Kept in the outbox',
        detail: 'No mail server is set up: the message is kept in the outbox and the log, not sent',
        tag: 'govuk-tag govuk-tag--grey',
      };
    case 'sending':
      return { label: 'Sending', detail: 'Being sent now', tag: 'govuk-tag govuk-tag--blue' };
    case 'queued':
      return email.attempts > 0
        ? {
            label: 'Retrying',
            detail: `${pluralise(email.attempts, 'attempt')} failed${email.lastError ? ` (last error: ${email.lastError})` : ''}. Next try ${formatDateTime(email.nextAttemptAt)}`,
            tag: 'govuk-tag govuk-tag--orange',
          }
        : { label: 'Queued', detail: `Waiting to be sent, from ${formatDateTime(email.nextAttemptAt)}`, tag: 'govuk-tag govuk-tag--yellow' };
  }
}

export const LINK_STATUS_TAGS: Record<ChaseRecipient['linkStatus'], { label: string; tag: string }> = {
  active: { label: 'Active', tag: 'govuk-tag govuk-tag--green' },
  expired: { label: 'Expired', tag: 'govuk-tag govuk-tag--grey' },
  revoked: { label: 'Revoked', tag: 'govuk-tag govuk-tag--red' },
};

/** "Works until the end of 31 March 2026", "Stopped working at the end of …", "Revoked on … by …". */
export function linkStatusInWords(recipient: Pick<ChaseRecipient, 'linkStatus' | 'linkExpiresOn' | 'revokedAt' | 'revokedByName'>): string {
  switch (recipient.linkStatus) {
    case 'active':
      return `Works until the end of ${formatDate(recipient.linkExpiresOn)}`;
    case 'expired':
      return `Stopped working at the end of ${formatDate(recipient.linkExpiresOn)}`;
    case 'revoked':
      return `Revoked ${formatDateTime(recipient.revokedAt)}${recipient.revokedByName ? ` by ${recipient.revokedByName}` : ''}`;
  }
}

/** Where someone holding a link who also has an account can post instead, once the link no longer works. */
export const SIGN_IN_TO_MY_AGENCY = `${SIGN_IN_PATH}?returnTo=${encodeURIComponent('/my-agency')}`;
