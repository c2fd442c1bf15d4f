import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '@lrt/contracts';
import { agencies } from './agencies';
import { inList, nowIso, timestamps, versionColumn } from './columns';
import { subgroups } from './subgroups';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`: the parameters travel with each hash so they can be raised later. */
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: text('last_sign_in_at'),
    /** Set when an admin typed the password: the user can do nothing but change it. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    passwordChangedAt: text('password_changed_at'),
    /** The TOTP secret (base32) once confirmed; a second factor is on exactly when this is set. */
    totpSecret: text('totp_secret'),
    /** A secret being enrolled: not asked for at sign-in until a code from it is confirmed. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: text('totp_enabled_at'),
    /** The last TOTP time step accepted, so a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    /** `<issuer> <sub>` of the single sign-on identity this account was matched to. */
    oidcSubject: text('oidc_subject'),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`), uniqueIndex('users_oidc_subject_unique').on(t.oidcSubject)],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check('user_roles_role_check', sql`${t.role} in (${inList(ROLES)})`)],
);

/** The agencies an agency lead speaks for. */
export const userAgencies = sqliteTable(
  'user_agencies',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.agencyId] }), index('user_agencies_agency_idx').on(t.agencyId)],
);

/** The subgroups a subgroup chair chairs. */
export const userSubgroups = sqliteTable(
  'user_subgroups',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subgroupId: integer('subgroup_id')
      .notNull()
      .references(() => subgroups.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.subgroupId] }), index('user_subgroups_subgroup_idx').on(t.subgroupId)],
);

/** Server-side sessions. Only a SHA-256 of the session id is stored, so a copy of the database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    lastSeenAt: text('last_seen_at').notNull().default(nowIso),
    /** The absolute end, however active the session is. */
    expiresAt: text('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** How it began: with a password (and a second factor, if the user has one), or with single sign-on. */
    signInMethod: text('sign_in_method', { enum: ['password', 'single_sign_on'] }).notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Sign-in attempts that have not (yet) succeeded, by account, by address and by the two together, for throttling.
 * An attempt is counted before its password is checked. Old rows are pruned.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('sign_in_failures_key_at_idx').on(t.key, t.at)],
);

/** The addresses each user has signed in from: an attack on an account elsewhere never slows them here. */
export const signInAddresses = sqliteTable(
  'sign_in_addresses',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip').notNull(),
    lastSuccessAt: text('last_success_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);
