import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACTION_KINDS, ACTION_STATUSES, CONFIDENCE_LEVELS } from '@lrt/contracts';
import { agencies } from './agencies';
import { inList, timestamps, versionColumn } from './columns';
import { recommendations } from './recommendations';
import { reviews } from './reviews';
import { subgroups } from './subgroups';
import { themes } from './themes';

export const actions = sqliteTable(
  'actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ref: text('ref').notNull(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'restrict' }),
    recommendationId: integer('recommendation_id').references(() => recommendations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    ownerAgencyId: integer('owner_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    learningNeed: text('learning_need').notNull(),
    action: text('action').notNull(),
    successMeasure: text('success_measure').notNull().default(''),
    targetDate: text('target_date'),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('not_started'),
    evidenceOfImpact: text('evidence_of_impact'),
    withdrawnReason: text('withdrawn_reason'),
    subgroupId: integer('subgroup_id').references(() => subgroups.id, { onDelete: 'restrict' }),
    /**
     * Kept from the latest progress update, in the same transaction that appends it,
     * so that BRAG, stale and overdue filter in SQL over large plans without a subquery per row.
     */
    lastUpdateAt: text('last_update_at'),
    latestConfidence: text('latest_confidence', { enum: CONFIDENCE_LEVELS }),
    /**
     * Set while the action is returned for more information (from the return's progress update, in the same
     * transaction), cleared by the agency's next progress update: the answer.
     */
    returnedAt: text('returned_at'),
    returnedQuestion: text('returned_question'),
    returnedReplyBy: text('returned_reply_by'),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('actions_ref_unique').on(sql`lower(${t.ref})`),
    index('actions_review_idx').on(t.reviewId),
    index('actions_recommendation_idx').on(t.recommendationId),
    index('actions_subgroup_idx').on(t.subgroupId),
    index('actions_status_target_idx').on(t.status, t.targetDate),
    index('actions_target_date_idx').on(t.targetDate, t.id),
    index('actions_last_update_idx').on(t.lastUpdateAt, t.id),
    /**
     * The list's sorts by target date and by last update, exactly as actions.service.ts writes them (no date
     * sorts after every date; no update before every update), so a page is read off the index, not sorted.
     */
    index('actions_target_sort_idx').on(sql`coalesce(${t.targetDate}, '9999-12-31')`, t.id),
    index('actions_last_update_sort_idx').on(sql`coalesce(${t.lastUpdateAt}, '')`, t.id),
    /**
     * Every column the BRAG rules (apps/api/src/modules/actions/action-rules.sql.ts), the overview's filters and
     * the chase's ranking read, owner first (it serves lookups by owner too): the dashboard and who owes updates
     * rate every action from this index alone, never reading the wide rows with their texts (ten times faster at
     * 200,000 actions).
     */
    index('actions_rating_idx').on(
      t.ownerAgencyId,
      t.status,
      t.targetDate,
      t.returnedReplyBy,
      t.latestConfidence,
      t.lastUpdateAt,
      t.createdAt,
      t.reviewId,
      t.subgroupId,
      t.ref,
    ),
    /** The next open action to go stale is the first entry (apps/api/src/lib/plan-cache.ts). */
    index('actions_next_stale_idx')
      .on(sql`coalesce(${t.lastUpdateAt}, ${t.createdAt})`)
      .where(sql`${t.status} in ('not_started', 'in_progress')`),
    check('actions_kind_check', sql`${t.kind} in (${inList(ACTION_KINDS)})`),
    check('actions_status_check', sql`${t.status} in (${inList(ACTION_STATUSES)})`),
    check(
      'actions_confidence_check',
      sql`${t.latestConfidence} is null or ${t.latestConfidence} in (${inList(CONFIDENCE_LEVELS)})`,
    ),
    check('actions_assured_evidence_check', sql`${t.status} <> 'assured' or ${t.evidenceOfImpact} is not null`),
    check('actions_withdrawn_reason_check', sql`${t.status} <> 'withdrawn' or ${t.withdrawnReason} is not null`),
    check(
      'actions_returned_check',
      sql`(${t.returnedAt} is null and ${t.returnedQuestion} is null and ${t.returnedReplyBy} is null) or (${t.status} = 'in_progress' and ${t.returnedAt} is not null and ${t.returnedQuestion} is not null and ${t.returnedReplyBy} is not null)`,
    ),
  ],
);

/** The other agencies of a multi-agency action. */
export const actionAgencies = sqliteTable(
  'action_agencies',
  {
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.agencyId] }), index('action_agencies_agency_idx').on(t.agencyId)],
);

export const actionThemes = sqliteTable(
  'action_themes',
  {
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.themeId] }), index('action_themes_theme_idx').on(t.themeId)],
);
