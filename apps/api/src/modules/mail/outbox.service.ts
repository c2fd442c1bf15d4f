import { emails, type Tx } from '@lrt/db';
import type { EMAIL_KINDS } from '@lrt/contracts';

/** Where a personal link goes in a queued message: the token is made when the message is sent (see mail-sender.ts). */
export const LINK_PLACEHOLDER = '{{link}}';

export interface OutgoingEmail {
  kind: (typeof EMAIL_KINDS)[number];
  to: { name: string; address: string };
  subject: string;
  /** Both parts; a message with a personal link holds LINK_PLACEHOLDER where it goes. */
  text: string;
  html: string;
  chaseId?: number | null;
  /** Make a reply link for this chase recipient when the message is sent. */
  replyRecipientId?: number | null;
  /** Make the token of this account link (invitation, password reset) when the message is sent. */
  accountLinkId?: number | null;
  /** A scheduled message is queued once only under this key, whoever plans it and however often. */
  dedupeKey?: string | null;
  at: Date;
}

/**
 * Puts a message in the outbox, in the caller's transaction: it is sent by the scheduler once the transaction
 * commits, and never if it rolls back. Answers the new message's id, or null when a message with the same
 * `dedupeKey` is already queued or sent.
 */
export async function enqueueEmail(tx: Tx, email: OutgoingEmail): Promise<number | null> {
  const at = email.at.toISOString();
  const [row] = await tx
    .insert(emails)
    .values({
      kind: email.kind,
      createdAt: at,
      nextAttemptAt: at,
      toName: email.to.name,
      toAddress: email.to.address,
      subject: email.subject,
      text: email.text,
      html: email.html,
      chaseId: email.chaseId ?? null,
      replyRecipientId: email.replyRecipientId ?? null,
      accountLinkId: email.accountLinkId ?? null,
      dedupeKey: email.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: emails.id });
  return row?.id ?? null;
}
