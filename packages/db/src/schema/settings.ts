import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHASE_MESSAGE_DETAILS, type Role } from '@lrt/contracts';
import { inList, timestamps, versionColumn } from './columns';

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
    /** What chase messages say of each action: its latest note, or its reference only (see CHASE_MESSAGE_DETAILS). */
    chaseMessageDetail: text('chase_message_detail', { enum: CHASE_MESSAGE_DETAILS }).notNull().default('notes'),
    replyLinkGraceDays: integer('reply_link_grace_days').notNull().default(14),
    reminderDaysBefore: integer('reminder_days_before').notNull().default(3),
    escalationDaysAfter: integer('escalation_days_after').notNull().default(7),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_cadence_check', sql`${t.updateCadenceDays} between 7 and 366`),
    check('settings_due_soon_check', sql`${t.dueSoonDays} between 1 and 366`),
    check('settings_reply_period_check', sql`${t.replyPeriodDays} between 1 and 366`),
    check('settings_evidence_max_check', sql`${t.evidenceMaxMegabytes} between 1 and 100`),
    check('settings_chase_detail_check', sql`${t.chaseMessageDetail} in (${inList(CHASE_MESSAGE_DETAILS)})`),
    check('settings_reply_link_grace_check', sql`${t.replyLinkGraceDays} between 0 and 90`),
    check('settings_reminder_check', sql`${t.reminderDaysBefore} between 0 and 60`),
    check('settings_escalation_check', sql`${t.escalationDaysAfter} between 0 and 90`),
  ],
);
