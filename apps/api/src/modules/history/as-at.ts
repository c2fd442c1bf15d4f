import type { ActionKind, ActionStatus, Confidence } from '@lrt/contracts';
import { rawRow, rawRows, type Db, type Dialect, type RawSql } from '@lrt/db';
import { addDays, assessAction, daysBetween, londonEndOfDay, londonToday, staleBefore, type ActionAssessment, type AssessmentClock } from '@lrt/domain';

/**
 * The plan as it stood at the end of a past day, rebuilt exactly from what the database keeps:
 * - the fields an edit changes (ref, text, owner, kind, recommendation, subgroup, target date) from the reverse
 *   deltas in `action_revisions`: the value in the first revision made after the day, or today's value;
 * - status, confidence, the latest word, returns, assurance and withdrawal from the progress updates, which are
 *   append-only and are the only way any of them changes;
 * - the cadence and due-soon window in force then from `settings_revisions`;
 * then rated by the same rule as today's (`assessAction`). "As at today" is now, so it equals the live state.
 *
 * The reads are hand-written statements (rawRows), one text for both databases except where SQLite reads a JSON
 * list of ids with json_each and PostgreSQL with json_array_elements_text.
 */

/**
 * Hand-written SQL taking a JSON array of ids as one `?` parameter wherever `inIds(column)` is used: `column in`
 * those ids, in each engine's words (SQLite's json_each, PostgreSQL's json_array_elements_text).
 */
export function withJsonIds(build: (inIds: (column: string) => string) => string): RawSql {
  return {
    sqlite: build((column) => `${column} in (select value from json_each(?))`),
    postgres: build((column) => `${column} in (select value::integer from json_array_elements_text(cast(? as json)))`),
  };
}

export interface AsAtClock extends AssessmentClock {
  /** The day asked for. */
  date: string;
  /** The instant the plan is rebuilt at: the end of that day in London, or now when the day is today. */
  instant: string;
  updateCadenceDays: number;
  dueSoonDays: number;
  partnershipName: string;
}

export interface AsAtNote {
  id: number;
  on: string;
  author: string;
  text: string;
  kind: string;
  confidence: Confidence | null;
}

export interface AsAtAction extends ActionAssessment {
  id: number;
  ref: string;
  reviewId: number;
  recommendationId: number | null;
  kind: ActionKind;
  ownerAgencyId: number;
  learningNeed: string;
  action: string;
  successMeasure: string;
  targetDate: string | null;
  subgroupId: number | null;
  status: ActionStatus;
  latestConfidence: Confidence | null;
  lastUpdateAt: string | null;
  createdAt: string;
  returnedAt: string | null;
  returnedQuestion: string | null;
  returnedReplyBy: string | null;
  evidenceOfImpact: string | null;
  withdrawnReason: string | null;
  /** The latest entry that is not a comment, as the action page's "latest word". */
  latestNote: AsAtNote | null;
}

export interface AsAtScope {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  /** Actions the agency owned at the time, or shares. */
  agencyId?: number | undefined;
  actionIds?: readonly number[] | undefined;
}

/** The clock of a past day: its London date, the end of it (or now, for today) and the settings in force then. */
export async function clockAsAt(db: Db, date: string, now: Date): Promise<AsAtClock> {
  const today = londonToday(now);
  const instant = date >= today ? now.toISOString() : londonEndOfDay(date);
  type InForce = { updateCadenceDays: number; dueSoonDays: number; partnershipName: string };
  const settings = await rawRow<InForce>(
    db,
    `select update_cadence_days as "updateCadenceDays", due_soon_days as "dueSoonDays", partnership_name as "partnershipName"
       from settings_revisions where changed_at > ? order by changed_at, id limit 1`,
    [instant],
  );
  const inForce =
    settings ??
    (await rawRow<InForce>(
      db,
      'select update_cadence_days as "updateCadenceDays", due_soon_days as "dueSoonDays", partnership_name as "partnershipName" from settings where id = 1',
    ))!;
  const day = date >= today ? today : date;
  return {
    date: day,
    instant,
    today: day,
    staleBefore: staleBefore(new Date(instant), inForce.updateCadenceDays),
    dueSoonBy: addDays(day, inForce.dueSoonDays),
    ...inForce,
  };
}

/**
 * What is wrong with a day asked for "as at", in words, or null: a day in the future has no plan yet, and a day
 * before the partnership's first record (its first review or action) has none either. One rule for the report,
 * snapshots and the list.
 */
export async function asAtDayProblem(db: Db, date: string, now: Date): Promise<string | null> {
  const today = londonToday(now);
  if (date > today) return `must not be in the future (today is ${today})`;
  const first = await firstRecordAt(db);
  const firstDay = first ? londonToday(new Date(first)) : today;
  if (date < firstDay) return `must not be before the partnership's first record, on ${firstDay}`;
  return null;
}

/** The earliest instant the partnership has any record of (its first review or action), or null when empty. */
async function firstRecordAt(db: Db): Promise<string | null> {
  const row = await rawRow<{ at: string | null }>(
    db,
    'select min(at) as at from (select min(created_at) as at from reviews union all select min(created_at) from actions) as firsts',
  );
  return row?.at ?? null;
}

const REVISED = ['ref', 'recommendation_id', 'kind', 'owner_agency_id', 'learning_need', 'action', 'success_measure', 'target_date', 'subgroup_id'] as const;
/** The long texts a light rebuild (counts and ratings only) leaves out, to spare the memory. */
const TEXTS = new Set(['learning_need', 'action', 'success_measure']);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * One statement for any scope: each action's first revision after the instant, its status from the status
 * changes either side of it, and its latest entries up to it, each found by an index seek on (action, time).
 * Written with named parameters (@at); `positional` numbers them. PostgreSQL is told the type of a parameter
 * that is only tested for null (it cannot infer one), and reads the JSON list of ids its own way.
 */
const asAtSql = (light: boolean, dialect: Dialect) => {
  const orNull = (name: string, type: string) => (dialect === 'postgres' ? `cast(@${name} as ${type})` : `@${name}`);
  const inActionIds =
    dialect === 'postgres' ? 'a.id in (select value::integer from json_array_elements_text(cast(@actionIds as json)))' : 'a.id in (select value from json_each(@actionIds))';
  return `
with scoped as (
  select a.* from actions a
   where a.created_at <= @at
     and (${orNull('reviewId', 'integer')} is null or a.review_id = @reviewId)
     and (${orNull('actionIds', 'text')} is null or ${inActionIds})
     and (${orNull('subgroupId', 'integer')} is null or a.subgroup_id = @subgroupId
          or exists (select 1 from action_revisions r where r.action_id = a.id and r.subgroup_id = @subgroupId))
     and (${orNull('agencyId', 'integer')} is null or a.owner_agency_id = @agencyId
          or exists (select 1 from action_agencies p where p.action_id = a.id and p.agency_id = @agencyId)
          or exists (select 1 from action_revisions r where r.action_id = a.id and r.owner_agency_id = @agencyId))
), marked as (
  select s.*,
    (select r.id from action_revisions r where r.action_id = s.id and r.changed_at > @at order by r.changed_at, r.id limit 1) as revision_id,
    (select p.id from progress_updates p where p.action_id = s.id and p.kind = 'progress' and p.created_at <= @at
      order by p.created_at desc, p.id desc limit 1) as progress_id,
    (select p.id from progress_updates p where p.action_id = s.id and p.kind <> 'comment' and p.created_at <= @at
      order by p.created_at desc, p.id desc limit 1) as latest_id,
    coalesce(
      (select p.status_to from progress_updates p where p.action_id = s.id and p.status_to is not null and p.created_at <= @at
        order by p.created_at desc, p.id desc limit 1),
      (select p.status_from from progress_updates p where p.action_id = s.id and p.status_to is not null and p.created_at > @at
        order by p.created_at, p.id limit 1),
      s.status) as status_then
  from scoped s
)
select m.id, m.review_id as "reviewId", m.created_at as "createdAt", m.status_then as status,
  ${REVISED.map((c) => (light && TEXTS.has(c) ? `'' as "${camel(c)}"` : `case when v.id is null then m.${c} else v.${c} end as "${camel(c)}"`)).join(',\n  ')},
  lp.created_at as "lastUpdateAt", lp.confidence as "latestConfidence",
  lu.id as "latestId", lu.kind as "latestKind", lu.created_at as "latestAt",
  ${light ? `'' as "latestAuthor", '' as "latestText"` : 'lu.author_name as "latestAuthor", lu.note as "latestText"'},
  lu.confidence as "latestNoteConfidence", lu.question as "latestQuestion", lu.reply_by as "latestReplyBy",
  case when m.status_then = 'assured' then
    (select p.evidence_of_impact from progress_updates p where p.action_id = m.id and p.status_to = 'assured' and p.created_at <= @at
      order by p.created_at desc, p.id desc limit 1) end as "evidenceOfImpact",
  case when m.status_then = 'withdrawn' then
    coalesce((select p.reason from progress_updates p where p.action_id = m.id and p.status_to = 'withdrawn' and p.created_at <= @at
      order by p.created_at desc, p.id desc limit 1), m.withdrawn_reason) end as "withdrawnReason"
from marked m
left join action_revisions v on v.id = m.revision_id
left join progress_updates lp on lp.id = m.progress_id
left join progress_updates lu on lu.id = m.latest_id
order by m.id`;
};

/** A text written with named parameters (`@name`) as one with `?`, and the names in the order their `?` come. */
function positional(text: string): { text: string; names: string[] } {
  const names: string[] = [];
  return { text: text.replace(/@([A-Za-z]+)/g, (_, name: string) => (names.push(name), '?')), names };
}

/** The rebuild's statement (full or light), both texts, built once. Both name the parameters in the same order. */
const statements = new Map<boolean, { query: RawSql; names: string[] }>();
function asAtStatement(light: boolean) {
  let statement = statements.get(light);
  if (!statement) {
    const sqlite = positional(asAtSql(light, 'sqlite'));
    const postgres = positional(asAtSql(light, 'postgres'));
    statement = { query: { sqlite: sqlite.text, postgres: postgres.text }, names: sqlite.names };
    statements.set(light, statement);
  }
  return statement;
}

interface AsAtRow {
  id: number;
  reviewId: number;
  createdAt: string;
  status: ActionStatus;
  ref: string;
  recommendationId: number | null;
  kind: ActionKind;
  ownerAgencyId: number;
  learningNeed: string;
  action: string;
  successMeasure: string;
  targetDate: string | null;
  subgroupId: number | null;
  lastUpdateAt: string | null;
  latestConfidence: Confidence | null;
  latestId: number | null;
  latestKind: string | null;
  latestAt: string | null;
  latestAuthor: string | null;
  latestText: string | null;
  latestNoteConfidence: Confidence | null;
  latestQuestion: string | null;
  latestReplyBy: string | null;
  evidenceOfImpact: string | null;
  withdrawnReason: string | null;
}

/**
 * Every action in scope as it stood at the clock's instant, in id order. Actions created later are not there.
 * `light` leaves the long texts (learning need, action, success measure, the latest note's words) empty: for counts.
 */
export async function actionsAsAt(
  db: Db,
  clock: AsAtClock,
  scope: AsAtScope = {},
  options: { light?: boolean } = {},
): Promise<AsAtAction[]> {
  const statement = asAtStatement(options.light ?? false);
  const params: Record<string, unknown> = {
    at: clock.instant,
    reviewId: scope.reviewId ?? null,
    subgroupId: scope.subgroupId ?? null,
    agencyId: scope.agencyId ?? null,
    actionIds: scope.actionIds ? JSON.stringify(scope.actionIds) : null,
  };
  const rows = await rawRows<AsAtRow>(db, statement.query, statement.names.map((name) => params[name]));
  const partners = scope.agencyId === undefined ? null : await sharedWith(db, scope.agencyId);
  const out: AsAtAction[] = [];
  for (const row of rows) {
    // The candidates were chosen by any owner or subgroup they ever had: keep those that had it then.
    if (scope.subgroupId !== undefined && row.subgroupId !== scope.subgroupId) continue;
    if (scope.agencyId !== undefined && row.ownerAgencyId !== scope.agencyId && !partners!.has(row.id)) continue;
    out.push(toAsAtAction(row, clock));
  }
  return out;
}

async function sharedWith(db: Db, agencyId: number): Promise<Set<number>> {
  const rows = await rawRows<{ id: number }>(db, 'select action_id as id from action_agencies where agency_id = ?', [agencyId]);
  return new Set(rows.map((r) => r.id));
}

function toAsAtAction(row: AsAtRow, clock: AsAtClock): AsAtAction {
  // Returned for more information when the latest entry (not a comment) up to then was the return itself.
  const returned = row.latestKind === 'return' && row.status === 'in_progress';
  const facts = {
    status: row.status,
    targetDate: row.targetDate,
    latestConfidence: row.latestConfidence,
    lastUpdateAt: row.lastUpdateAt,
    createdAt: row.createdAt,
    returnedAt: returned ? row.latestAt : null,
    returnedReplyBy: returned ? row.latestReplyBy : null,
  };
  return {
    id: row.id,
    ref: row.ref,
    reviewId: row.reviewId,
    recommendationId: row.recommendationId,
    kind: row.kind,
    ownerAgencyId: row.ownerAgencyId,
    learningNeed: row.learningNeed,
    action: row.action,
    successMeasure: row.successMeasure,
    targetDate: row.targetDate,
    subgroupId: row.subgroupId,
    status: row.status,
    latestConfidence: row.latestConfidence,
    lastUpdateAt: row.lastUpdateAt,
    createdAt: row.createdAt,
    returnedAt: facts.returnedAt,
    returnedQuestion: returned ? row.latestQuestion : null,
    returnedReplyBy: facts.returnedReplyBy,
    evidenceOfImpact: row.evidenceOfImpact,
    withdrawnReason: row.withdrawnReason,
    latestNote:
      row.latestAt === null
        ? null
        : { id: row.latestId ?? 0, on: row.latestAt, author: row.latestAuthor ?? '', text: row.latestText ?? '', kind: row.latestKind ?? 'progress', confidence: row.latestNoteConfidence },
    ...assessAction(facts, clock),
  };
}

/** The whole days from a target date to the clock's day, when the action is overdue. */
export function daysOverdue(action: Pick<AsAtAction, 'overdue' | 'targetDate'>, clock: Pick<AsAtClock, 'today'>): number {
  if (!action.overdue || action.targetDate === null) return 0;
  return daysBetween(action.targetDate, clock.today);
}
