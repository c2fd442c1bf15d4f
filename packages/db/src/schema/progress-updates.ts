import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTION_STATUSES, CONFIDENCE_LEVELS, PROGRESS_UPDATE_KINDS } from '@lrt/contracts';
import { actions } from './actions';
import { agencies } from './agencies';
import { inList, nowIso } from './columns';

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const progressUpdates = sqliteTable(
  'progress_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'restrict' }),
    authorName: text('author_name').notNull(),
    /** The signed-in user who posted it (null for histories imported or seeded without accounts). */
    authorUserId: integer('author_user_id'),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    createdAt: text('created_at').notNull().default(nowIso),
    /** An agency's progress note, or a sign-off decision (assure, return) that carries no confidence. */
    kind: text('kind', { enum: PROGRESS_UPDATE_KINDS }).notNull().default('progress'),
    note: text('note').notNull(),
    /** The author's confidence that the action is on track: only an agency's progress note has one. */
    confidence: text('confidence', { enum: CONFIDENCE_LEVELS }),
    statusFrom: text('status_from', { enum: ACTION_STATUSES }),
    statusTo: text('status_to', { enum: ACTION_STATUSES }),
    /** Links (`url`) and evidence documents (`fileId`, see evidence_files). */
    evidence: text('evidence', { mode: 'json' })
      .$type<({ label: string; url: string } | { label: string; fileId: number })[]>()
      .notNull()
      .default(sql`'[]'`),
    evidenceOfImpact: text('evidence_of_impact'),
    reason: text('reason'),
    /** A return's question to the agency, and the day its answer is due. */
    question: text('question'),
    replyBy: text('reply_by'),
    /** The spreadsheet a note was brought in from (its author is who imported it). */
    importedFrom: text('imported_from'),
  },
  (t) => [
    index('progress_updates_action_created_idx').on(t.actionId, t.createdAt),
    /** When each agency last answered (the chase page). */
    index('progress_updates_agency_created_idx').on(t.agencyId, t.createdAt),
    index('progress_updates_status_change_idx').on(t.actionId, t.createdAt).where(sql`${t.statusTo} is not null`),
    check('progress_updates_kind_check', sql`${t.kind} in (${inList(PROGRESS_UPDATE_KINDS)})`),
    check(
      'progress_updates_confidence_check',
      sql`(${t.kind} = 'progress' and ${t.confidence} in (${inList(CONFIDENCE_LEVELS)})) or (${t.kind} <> 'progress' and ${t.confidence} is null)`,
    ),
    check('progress_updates_return_check', sql`${t.kind} <> 'return' or (${t.question} is not null and ${t.replyBy} is not null)`),
    check(
      'progress_updates_status_check',
      sql`(${t.statusFrom} is null and ${t.statusTo} is null) or (${t.statusFrom} in (${inList(ACTION_STATUSES)}) and ${t.statusTo} in (${inList(ACTION_STATUSES)}))`,
    ),
  ],
);
