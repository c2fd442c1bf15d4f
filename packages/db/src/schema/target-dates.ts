import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TARGET_DATE_REQUEST_STATES } from '@lrt/contracts';
import { actions } from './actions';
import { agencies } from './agencies';
import { inList, nowIso, versionColumn } from './columns';

/**
 * An agency lead's request for a new target date, with its reason, and the decision of an admin or the
 * overseeing subgroup's chair. Kept whatever the decision, so a board can ask how many dates were extended.
 */
export const targetDateRequests = sqliteTable(
  'target_date_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'restrict' }),
    /** The action's target date when the request was made. */
    currentTargetDate: text('current_target_date'),
    requestedTargetDate: text('requested_target_date').notNull(),
    reason: text('reason').notNull(),
    requestedByUserId: integer('requested_by_user_id'),
    requestedByName: text('requested_by_name').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    requestedAt: text('requested_at').notNull().default(nowIso),
    state: text('state', { enum: TARGET_DATE_REQUEST_STATES }).notNull().default('pending'),
    decidedByUserId: integer('decided_by_user_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    version: versionColumn(),
  },
  (t) => [
    index('target_date_requests_action_idx').on(t.actionId, t.requestedAt),
    index('target_date_requests_pending_idx').on(t.state).where(sql`${t.state} = 'pending'`),
    check('target_date_requests_state_check', sql`${t.state} in (${inList(TARGET_DATE_REQUEST_STATES)})`),
    check(
      'target_date_requests_decision_check',
      sql`(${t.state} = 'pending' and ${t.decidedAt} is null) or (${t.state} <> 'pending' and ${t.decidedAt} is not null and ${t.decidedByName} is not null)`,
    ),
  ],
);

/**
 * Every change of an action's target date after it was first set: the date it moved from, the date it moved to,
 * why, and who decided (an agreed request, or an admin's revision). Append-only: triggers in the migrations
 * refuse UPDATE and DELETE, so the original date and every revision stay visible.
 */
export const targetDateChanges = sqliteTable(
  'target_date_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'restrict' }),
    fromDate: text('from_date'),
    toDate: text('to_date'),
    reason: text('reason').notNull(),
    decidedByUserId: integer('decided_by_user_id'),
    decidedByName: text('decided_by_name').notNull(),
    changedAt: text('changed_at').notNull().default(nowIso),
    requestId: integer('request_id').references(() => targetDateRequests.id, { onDelete: 'restrict' }),
  },
  (t) => [index('target_date_changes_action_idx').on(t.actionId, t.changedAt)],
);
