import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACCOUNT_LINK_PURPOSES } from '@lrt/contracts';
import { inList, nowIso } from './columns';
import { users } from './users';

/**
 * A single-use link sent by email to set a password: an invitation to a new account, or a reset of a forgotten
 * password. The token is made when the email is sent and only its SHA-256 is kept; it expires, and once used (or
 * superseded by a newer link of the same purpose) it opens nothing.
 */
export const accountLinks = sqliteTable(
  'account_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ACCOUNT_LINK_PURPOSES }).notNull(),
    tokenHash: text('token_hash'),
    createdAt: text('created_at').notNull().default(nowIso),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [
    uniqueIndex('account_links_token_unique').on(t.tokenHash),
    index('account_links_user_idx').on(t.userId, t.purpose),
    check('account_links_purpose_check', sql`${t.purpose} in (${inList(ACCOUNT_LINK_PURPOSES)})`),
  ],
);
