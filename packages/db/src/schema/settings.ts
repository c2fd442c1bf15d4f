import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Role } from '@lrt/contracts';
import { timestamps, versionColumn } from './columns';

/** One row: the partnership's own settings. */
export const settings = sqliteTable(
  'settings',
  {
    id: integer('id').primaryKey(),
    partnershipName: text('partnership_name').notNull().default('Safeguarding Children Partnership'),
    updateCadenceDays: integer('update_cadence_days').notNull().default(56),
    dueSoonDays: integer('due_soon_days').notNull().default(28),
    replyPeriodDays: integer('reply_period_days').notNull().default(28),
    evidenceMaxMegabytes: integer('evidence_max_megabytes').notNull().default(20),
    /** The roles whose members must sign in with a second factor (password accounts). */
    requireMfaRoles: text('require_mfa_roles', { mode: 'json' }).$type<Role[]>().notNull().default(sql`'[]'`),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_cadence_check', sql`${t.updateCadenceDays} between 7 and 366`),
    check('settings_due_soon_check', sql`${t.dueSoonDays} between 1 and 366`),
    check('settings_reply_period_check', sql`${t.replyPeriodDays} between 1 and 366`),
    check('settings_evidence_max_check', sql`${t.evidenceMaxMegabytes} between 1 and 100`),
  ],
);
