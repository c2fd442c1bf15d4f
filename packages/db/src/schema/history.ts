import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACTION_KINDS, ACTION_STATUSES, ADDRESSEE_KINDS, BRAG_RATINGS, REVIEW_STAGES, REVIEW_TYPES } from '@lrt/contracts';
import { inList, nowIso } from './columns';

/*
 * The history of every field a report shows, kept as reverse deltas: each row is the state a record had *before*
 * a change, and `changed_at` the instant the change took effect. So the value of a field at the end of any day
 * is the value in the first revision changed after it, or the record's value today when none was. Records never
 * edited need no rows, and every row is written by a trigger in the migrations, inside the transaction that
 * made the change, so no writer can forget it. Append-only (triggers refuse UPDATE and DELETE).
 *
 * Status, confidence, the latest note, returns and assurance are not here: they change only through progress
 * updates, which are append-only and dated, and are rebuilt from them (see apps/api/src/modules/history).
 */

export const actionRevisions = sqliteTable(
  'action_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id').notNull(),
    changedAt: text('changed_at').notNull(),
    /** The action's version before the change. */
    version: integer('version').notNull(),
    ref: text('ref').notNull(),
    recommendationId: integer('recommendation_id'),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    ownerAgencyId: integer('owner_agency_id').notNull(),
    learningNeed: text('learning_need').notNull(),
    action: text('action').notNull(),
    successMeasure: text('success_measure').notNull(),
    targetDate: text('target_date'),
    subgroupId: integer('subgroup_id'),
  },
  (t) => [index('action_revisions_action_changed_idx').on(t.actionId, t.changedAt, t.id)],
);

export const recommendationRevisions = sqliteTable(
  'recommendation_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recommendationId: integer('recommendation_id').notNull(),
    changedAt: text('changed_at').notNull(),
    version: integer('version').notNull(),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    addressee: text('addressee', { enum: ADDRESSEE_KINDS }).notNull(),
    leadAgencyId: integer('lead_agency_id'),
    subgroupId: integer('subgroup_id'),
    targetDate: text('target_date'),
  },
  (t) => [index('recommendation_revisions_changed_idx').on(t.recommendationId, t.changedAt, t.id)],
);

export const reviewRevisions = sqliteTable(
  'review_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id').notNull(),
    changedAt: text('changed_at').notNull(),
    version: integer('version').notNull(),
    code: text('code').notNull(),
    type: text('type', { enum: REVIEW_TYPES }).notNull(),
    title: text('title').notNull(),
    stage: text('stage', { enum: REVIEW_STAGES }).notNull(),
    notifiedOn: text('notified_on'),
    rapidReviewOn: text('rapid_review_on'),
    startedOn: text('started_on'),
    completedOn: text('completed_on'),
    publishedOn: text('published_on'),
    subgroupId: integer('subgroup_id'),
  },
  (t) => [index('review_revisions_changed_idx').on(t.reviewId, t.changedAt, t.id)],
);

/** The rules' settings before each change: a past day is rated with the cadence and window in force then. */
export const settingsRevisions = sqliteTable(
  'settings_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changedAt: text('changed_at').notNull(),
    updateCadenceDays: integer('update_cadence_days').notNull(),
    dueSoonDays: integer('due_soon_days').notNull(),
    partnershipName: text('partnership_name').notNull(),
  },
  (t) => [index('settings_revisions_changed_idx').on(t.changedAt, t.id)],
);

/** A board snapshot: the plan as it stood at the end of `as_at`, frozen under a name. Immutable. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    asAt: text('as_at').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    createdByUserId: integer('created_by_user_id'),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [uniqueIndex('snapshots_name_unique').on(sql`lower(${t.name})`)],
);

/** Each action as it stood in a snapshot: what a later report compares with. */
export const snapshotActions = sqliteTable(
  'snapshot_actions',
  {
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => snapshots.id, { onDelete: 'restrict' }),
    actionId: integer('action_id').notNull(),
    ref: text('ref').notNull(),
    reviewId: integer('review_id').notNull(),
    subgroupId: integer('subgroup_id'),
    ownerAgencyId: integer('owner_agency_id').notNull(),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    brag: text('brag', { enum: BRAG_RATINGS }),
    overdue: integer('overdue', { mode: 'boolean' }).notNull(),
    stale: integer('stale', { mode: 'boolean' }).notNull(),
    targetDate: text('target_date'),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.actionId] }),
    check('snapshot_actions_status_check', sql`${t.status} in (${inList(ACTION_STATUSES)})`),
  ],
);

/**
 * One number that every change to what the overview counts moves on (triggers in the migrations, on every table
 * the dashboard and the themes matrix read), so their answers can be kept until the plan changes or the clock
 * crosses a boundary that would change a rating (see apps/api/src/lib/plan-cache.ts). `historyVersion` moves only
 * when the status history or what an action belongs to changes (an action made or removed, its created day,
 * review, owner or subgroup, its partners, a change of status): the dashboard's monthly trend is kept by it, so a
 * progress note that changes no status does not make the trend be rebuilt.
 */
export const planVersion = sqliteTable(
  'plan_version',
  {
    id: integer('id').primaryKey(),
    version: integer('version').notNull().default(0),
    historyVersion: integer('history_version').notNull().default(0),
  },
  (t) => [check('plan_version_single_row', sql`${t.id} = 1`)],
);
