import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHASE_KINDS } from '@lrt/contracts';
import { actions } from './actions';
import { agencies } from './agencies';
import { inList, nowIso } from './columns';
import { reviews } from './reviews';
import { subgroups } from './subgroups';
import { users } from './users';

/**
 * An update request: who asked, when, in what scope and by when the agencies should answer. A chase is sent by
 * the business unit or a subgroup chair; a return for more information makes one of its own (kind `return`) for
 * that action alone, with the question.
 */
export const chases = sqliteTable(
  'chases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: CHASE_KINDS }).notNull().default('chase'),
    createdAt: text('created_at').notNull().default(nowIso),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    /** The calendar day (London) the agencies are asked to answer by. */
    replyBy: text('reply_by').notNull(),
    /** The scope it was sent for, as chosen (null: not narrowed that way). */
    reviewId: integer('review_id').references(() => reviews.id, { onDelete: 'set null' }),
    subgroupId: integer('subgroup_id').references(() => subgroups.id, { onDelete: 'set null' }),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    /** The actions were ticked by hand rather than chosen by the rules. */
    byHand: integer('by_hand', { mode: 'boolean' }).notNull().default(false),
    /** A return's question, quoted in its message. */
    question: text('question'),
  },
  (t) => [index('chases_created_idx').on(t.createdAt, t.id), check('chases_kind_check', sql`${t.kind} in (${inList(CHASE_KINDS)})`)],
);

/** The actions a chase asked of each agency: an action shared by two agencies is asked of both. */
export const chaseActions = sqliteTable(
  'chase_actions',
  {
    chaseId: integer('chase_id')
      .notNull()
      .references(() => chases.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.chaseId, t.agencyId, t.actionId] }),
    index('chase_actions_action_idx').on(t.actionId, t.chaseId),
    index('chase_actions_agency_idx').on(t.agencyId, t.chaseId),
  ],
);

/**
 * One person a chase was sent to: a lead of the agency, who receives one message listing the agency's actions in
 * it, with a personal reply link. The name and address are kept as they were when it was sent.
 */
export const chaseRecipients = sqliteTable(
  'chase_recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chaseId: integer('chase_id')
      .notNull()
      .references(() => chases.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** The last day (London) the reply link works: the reply-by date plus the partnership's grace period. */
    linkExpiresOn: text('link_expires_on').notNull(),
    revokedAt: text('revoked_at'),
    revokedByName: text('revoked_by_name'),
  },
  (t) => [index('chase_recipients_chase_idx').on(t.chaseId, t.agencyId), index('chase_recipients_user_idx').on(t.userId)],
);

/**
 * The personal links that let a recipient read and answer the actions of their message without signing in. A
 * token is made when its message is sent (the message and any reminder each carry their own) and only its
 * SHA-256 is kept. Expiry and revocation are the recipient's.
 */
export const replyLinks = sqliteTable(
  'reply_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => chaseRecipients.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('reply_links_token_unique').on(t.tokenHash), index('reply_links_recipient_idx').on(t.recipientId)],
);
