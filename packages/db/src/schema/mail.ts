import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { EMAIL_KINDS, EMAIL_STATUSES } from '@lrt/contracts';
import { inList, nowIso } from './columns';
import { chases, chaseRecipients } from './chase';
import { accountLinks } from './account-links';

/**
 * The outbox: every email the tracker sends, kept. A message is written in the transaction of what caused it and
 * sent afterwards by the scheduler, so nothing is lost while the SMTP server is down; a failure is retried later
 * with back-off. A message that carries a personal link holds `{{link}}` until it is sent: the link's token is
 * made then, and only its hash is kept (once sent, the kept copy says where the link was, not what it was).
 */
export const emails = sqliteTable(
  'emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: EMAIL_KINDS }).notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    toName: text('to_name').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    chaseId: integer('chase_id').references(() => chases.id, { onDelete: 'set null' }),
    /** A reply link for this recipient is made when the message is sent. */
    replyRecipientId: integer('reply_recipient_id').references(() => chaseRecipients.id, { onDelete: 'set null' }),
    /** An account link (invitation or password reset) whose token is made when the message is sent. */
    accountLinkId: integer('account_link_id').references(() => accountLinks.id, { onDelete: 'set null' }),
    /** Makes a scheduled message (a reminder, an escalation) once only, whichever process plans it and however often. */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull().default(nowIso),
    lastError: text('last_error'),
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    sentAt: text('sent_at'),
    messageId: text('message_id'),
  },
  (t) => [
    uniqueIndex('emails_dedupe_unique').on(t.dedupeKey),
    index('emails_due_idx').on(t.status, t.nextAttemptAt),
    index('emails_created_idx').on(t.createdAt, t.id),
    index('emails_chase_idx').on(t.chaseId),
    check('emails_kind_check', sql`${t.kind} in (${inList(EMAIL_KINDS)})`),
    check('emails_status_check', sql`${t.status} in (${inList(EMAIL_STATUSES)})`),
  ],
);
