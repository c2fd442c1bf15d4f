import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Role } from '@lrt/contracts';
import { agencies } from './agencies';
import { nowIso } from './columns';
import { subgroups } from './subgroups';
import { users } from './users';

/** One-time recovery codes for two-factor sign-in. Only a hash of each is kept; a used code stays, marked used. */
export const mfaRecoveryCodes = sqliteTable(
  'mfa_recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    usedAt: text('used_at'),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/**
 * A sign-in half done: the password was right and the second factor is awaited. Only a hash of the token the
 * browser holds is kept; it expires within minutes and after a few wrong codes.
 */
export const mfaChallenges = sqliteTable(
  'mfa_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull().default(nowIso),
    expiresAt: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    ip: text('ip'),
  },
  (t) => [index('mfa_challenges_expires_idx').on(t.expiresAt)],
);

/**
 * A single sign-on in flight: the state sent to the provider (hashed), with the nonce and PKCE verifier to check
 * its answer against, and where to go afterwards. Used once; expires within minutes.
 */
export const oidcLogins = sqliteTable(
  'oidc_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull().default('/'),
    createdAt: text('created_at').notNull().default(nowIso),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);

/**
 * Email domains whose people get an account the first time they sign in with their organisation, with these
 * roles (and agency, for agency leads). Without a row, single sign-on only opens accounts that already exist.
 */
export const ssoDomains = sqliteTable('sso_domains', {
  domain: text('domain').primaryKey(),
  roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull(),
  agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
  createdAt: text('created_at').notNull().default(nowIso),
  createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * Read-only API tokens for reporting tools (Power BI, Excel Power Query). Only a SHA-256 of the token is kept;
 * `prefix` (its first characters) lets people tell tokens apart. Optionally limited to a subgroup or an agency.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(nowIso),
    /** The last day the token works (a London calendar day, YYYY-MM-DD). */
    expiresOn: text('expires_on').notNull(),
    subgroupId: integer('subgroup_id').references(() => subgroups.id, { onDelete: 'restrict' }),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash)],
);
