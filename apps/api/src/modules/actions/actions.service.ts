import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Action, ActionCreate, ActionPatch, ActionSort } from '@lrt/contracts';
import type { ActionListQuery as ActionListQuerySchema } from '@lrt/contracts';
import {
  actionAgencies,
  actionThemes,
  actions,
  agencies,
  progressUpdates,
  recommendations,
  reviews,
  subgroups,
  themes,
  forDialect,
  readTransaction,
  writeTransaction,
  type Db,
  type Tx,
} from '@lrt/db';
import type { z } from 'zod';
import { assessAction, hasCapability, progressUpdatePermission, type Principal } from '@lrt/domain';
import { decodeCursor, toPage, type CursorShape } from '../../lib/pagination';
import { explainConstraint, nowIso, prepared, recordCreation, replaceLinks, requireReferences, updateVersioned } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';
import { notFound, unprocessable } from '../../plugins/problems';
import type { PlanClock } from '../settings/settings.service';
import { actionRulesSql } from './action-rules.sql';
import {
  isTargetDateRevision,
  recordTargetDateChange,
  targetDateFacts,
  targetDateFactsOf,
  type TargetDateChangeFacts,
  type TargetDateFacts,
  type TargetDateRequestFacts,
} from '../target-dates/target-dates.service';

type ActionRow = typeof actions.$inferSelect;
export type ParsedActionListQuery = z.output<typeof ActionListQuerySchema>;

/** Written into the SQL, not bound, so the sort matches its expression index (see the actions schema). */
const FAR_FUTURE = sql.raw(`'9999-12-31'`);

/** Each sort is a list of keys in one direction; the action id breaks ties so keyset paging is exact. */
function sortKeys(sort: ActionSort, rules: ReturnType<typeof actionRulesSql>): { keys: SQL[]; dir: 'asc' | 'desc'; kinds?: CursorShape } {
  const target = sql`coalesce(${actions.targetDate}, ${FAR_FUTURE})`;
  switch (sort) {
    case 'targetDate':
      return { keys: [target], dir: 'asc' };
    case '-targetDate':
      return { keys: [target], dir: 'desc' };
    case 'ref':
      return { keys: [sql`lower(${actions.ref})`], dir: 'asc' };
    case '-ref':
      return { keys: [sql`lower(${actions.ref})`], dir: 'desc' };
    case 'lastUpdateAt':
      return { keys: [sql`coalesce(${actions.lastUpdateAt}, ${sql.raw(`''`)})`], dir: 'asc' };
    case '-lastUpdateAt':
      return { keys: [sql`coalesce(${actions.lastUpdateAt}, ${sql.raw(`''`)})`], dir: 'desc' };
    case 'createdAt':
      return { keys: [actions.createdAt as unknown as SQL], dir: 'asc' };
    case '-createdAt':
      return { keys: [actions.createdAt as unknown as SQL], dir: 'desc' };
    case 'attention':
      return { keys: [rules.attention, target], dir: 'asc', kinds: ['number', 'string'] };
  }
}

/** The words of a search box that can match anything: those with a letter or a digit, without double quotes. */
function searchWords(q: string): string[] {
  return q
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Words of a search box as an FTS5 query: every word must appear, each as a prefix ("chron" finds "chronology"). */
export function toMatchQuery(q: string): string | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}"*`).join(' ');
}

/**
 * The same words as PostgreSQL's tsquery text (for `to_tsquery`): every word must appear, each as a prefix
 * (`chron sta` is `'chron':* & 'sta':*`). Each word is quoted as one lexeme, its quotes and backslashes escaped,
 * so nothing typed is read as tsquery syntax (`&`, `|`, `!`, `:`, parentheses).
 */
export function toTsQuery(q: string): string | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return words.map((w) => `'${w.replace(/[\\']/g, (c) => (c === "'" ? "''" : '\\\\'))}':*`).join(' & ');
}

/** The actions whose text has every word of the search box (SQLite: the FTS5 table; PostgreSQL: actions_search). */
function searchFilter(db: Db | Tx, q: string): SQL {
  const words = forDialect(db, { sqlite: toMatchQuery, postgres: toTsQuery })(q);
  if (words === undefined) return sql`false`;
  return forDialect(db, {
    sqlite: sql`${actions.id} in (select rowid from actions_fts where actions_fts match ${words})`,
    postgres: sql`${actions.id} in (select action_id from actions_search where document @@ to_tsquery('english', ${words}))`,
  });
}

export function actionFilters(db: Db | Tx, query: Partial<ParsedActionListQuery>, rules: ReturnType<typeof actionRulesSql>): (SQL | undefined)[] {
  const anyOf = <T>(values: T[] | undefined, build: (values: T[]) => SQL | undefined) => (values?.length ? build(values) : undefined);
  return [
    anyOf(query.reviewId, (ids) => inArray(actions.reviewId, ids)),
    anyOf(query.recommendationId, (ids) => inArray(actions.recommendationId, ids)),
    // The agency's own actions (by the owner index) and those it shares (by the partners' agency index), as one
    // set of ids: no action is rated, or its row read, before it is known to be the agency's.
    anyOf(query.agencyId, (ids) => {
      const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
      return sql`${actions.id} in (select owned.id from actions owned where owned.owner_agency_id in (${list})
        union all select shared.action_id from action_agencies shared where shared.agency_id in (${list}))`;
    }),
    anyOf(query.subgroupId, (ids) => inArray(actions.subgroupId, ids)),
    anyOf(query.themeId, (ids) => sql`exists (select 1 from ${actionThemes} where ${actionThemes.actionId} = ${actions.id} and ${inArray(actionThemes.themeId, ids)})`),
    anyOf(query.status, (statuses) => inArray(actions.status, statuses)),
    anyOf(query.kind, (kinds) => inArray(actions.kind, kinds)),
    anyOf(query.brag, (colours) => sql`${rules.brag} in ${colours}`),
    query.overdue === undefined ? undefined : query.overdue ? rules.overdue : sql`not ${rules.overdue}`,
    query.stale === undefined ? undefined : query.stale ? rules.stale : sql`not ${rules.stale}`,
    query.dueSoon === undefined ? undefined : query.dueSoon ? rules.dueSoon : sql`not ${rules.dueSoon}`,
    query.returned === undefined ? undefined : query.returned ? rules.returned : sql`not ${rules.returned}`,
    query.dueBefore ? lte(actions.targetDate, query.dueBefore) : undefined,
    query.dueAfter ? gte(actions.targetDate, query.dueAfter) : undefined,
    query.q === undefined || query.q === '' ? undefined : searchFilter(db, query.q),
  ];
}

/** What an action shows besides its own row: its links, its latest word, its target dates, who proposed its completion. */
interface ActionFacts {
  partnerAgencyIds: number[];
  themeIds: number[];
  latestUpdate: Action['latestUpdate'];
  dates: TargetDateFacts;
  completionProposedBy: number | null;
}

async function toDtos(db: Db | Tx, rows: ActionRow[], clock: PlanClock): Promise<Action[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const partners = await db.select().from(actionAgencies).where(inArray(actionAgencies.actionId, ids)).orderBy(actionAgencies.agencyId);
  const themeLinks = await db.select().from(actionThemes).where(inArray(actionThemes.actionId, ids)).orderBy(actionThemes.themeId);
  const latest = await latestUpdates(db, ids);
  const proposers = await completionProposers(db, rows.filter((r) => r.status === 'completed').map((r) => r.id));
  const dates = await targetDateFacts(db, rows);
  return rows.map((row) =>
    toDto(
      row,
      {
        partnerAgencyIds: partners.filter((p) => p.actionId === row.id).map((p) => p.agencyId),
        themeIds: themeLinks.filter((t) => t.actionId === row.id).map((t) => t.themeId),
        latestUpdate: latest.get(row.id) ?? null,
        dates: dates.get(row.id) ?? { history: [], pending: null },
        completionProposedBy: proposers.get(row.id) ?? null,
      },
      clock,
    ),
  );
}

function toDto(row: ActionRow, facts: ActionFacts, clock: PlanClock): Action {
  return {
    id: row.id,
    ref: row.ref,
    reviewId: row.reviewId,
    recommendationId: row.recommendationId,
    kind: row.kind,
    ownerAgencyId: row.ownerAgencyId,
    partnerAgencyIds: facts.partnerAgencyIds,
    learningNeed: row.learningNeed,
    action: row.action,
    successMeasure: row.successMeasure,
    targetDate: row.targetDate,
    targetDateHistory: facts.dates.history,
    pendingTargetDateRequest: facts.dates.pending,
    status: row.status,
    returned:
      row.returnedAt && row.returnedQuestion && row.returnedReplyBy
        ? { on: row.returnedAt, question: row.returnedQuestion, replyBy: row.returnedReplyBy }
        : null,
    ...assessAction(row, clock),
    lastUpdateAt: row.lastUpdateAt,
    latestConfidence: row.latestConfidence,
    latestUpdate: facts.latestUpdate,
    evidenceOfImpact: row.evidenceOfImpact,
    withdrawnReason: row.withdrawnReason,
    themeIds: facts.themeIds,
    subgroupId: row.subgroupId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    permissions: permissionsOn(clock.viewer, row, facts.partnerAgencyIds, facts.completionProposedBy),
  };
}

/**
 * One action with all its facts in one prepared statement: the read every write makes before and after itself
 * (for its audit event and its answer), so a batch of writes (an import) pays for one statement, not six. The
 * facts are read as toDtos reads them for a page: the same orders, the same latest entry.
 */
// Drizzle writes a column of the only table without its table's name: inside a subquery that would name the
// subquery's own column, so the action's are written out.
const OUTER_ID = sql.raw('"actions"."id"');
const OUTER_STATUS = sql.raw('"actions"."status"');
/** The facts of actionView, as each database writes them (both give the lists and objects as JSON text). */
const actionFactColumns = (db: Db | Tx) =>
  forDialect(db, {
    sqlite: {
      partnerAgencyIds: sql<string>`(select json_group_array(agency_id) from (select agency_id from action_agencies where action_id = ${OUTER_ID} order by agency_id))`,
      themeIds: sql<string>`(select json_group_array(theme_id) from (select theme_id from action_themes where action_id = ${OUTER_ID} order by theme_id))`,
      latestUpdate: sql<string | null>`(select json_object('id', pu.id, 'createdAt', pu.created_at, 'authorName', pu.author_name, 'note', pu.note) from progress_updates pu where pu.action_id = ${OUTER_ID} and pu.kind <> 'comment' order by pu.created_at desc, pu.id desc limit 1)`,
      changes: sql<string>`(select json_group_array(json_object('fromDate', from_date, 'toDate', to_date, 'reason', reason, 'decidedByName', decided_by_name, 'changedAt', changed_at)) from (select * from target_date_changes where action_id = ${OUTER_ID} order by changed_at, id))`,
      pending: sql<string | null>`(select json_object('id', id, 'requestedTargetDate', requested_target_date, 'reason', reason, 'requestedByName', requested_by_name, 'requestedAt', requested_at) from target_date_requests where action_id = ${OUTER_ID} and state = 'pending' order by id limit 1)`,
    },
    // json_agg orders inside the aggregate; ::text keeps the answer JSON text, as SQLite's is (the driver would
    // otherwise parse a json value itself).
    postgres: {
      partnerAgencyIds: sql<string>`(select coalesce(json_agg(agency_id order by agency_id)::text, '[]') from action_agencies where action_id = ${OUTER_ID})`,
      themeIds: sql<string>`(select coalesce(json_agg(theme_id order by theme_id)::text, '[]') from action_themes where action_id = ${OUTER_ID})`,
      latestUpdate: sql<string | null>`(select json_build_object('id', pu.id, 'createdAt', pu.created_at, 'authorName', pu.author_name, 'note', pu.note)::text from progress_updates pu where pu.action_id = ${OUTER_ID} and pu.kind <> 'comment' order by pu.created_at desc, pu.id desc limit 1)`,
      changes: sql<string>`(select coalesce(json_agg(json_build_object('fromDate', from_date, 'toDate', to_date, 'reason', reason, 'decidedByName', decided_by_name, 'changedAt', changed_at) order by changed_at, id)::text, '[]') from target_date_changes where action_id = ${OUTER_ID})`,
      pending: sql<string | null>`(select json_build_object('id', id, 'requestedTargetDate', requested_target_date, 'reason', reason, 'requestedByName', requested_by_name, 'requestedAt', requested_at)::text from target_date_requests where action_id = ${OUTER_ID} and state = 'pending' order by id limit 1)`,
    },
  });
const actionView = (db: Db | Tx) =>
  prepared(db, 'actions.view', (d) => {
    const facts = actionFactColumns(d);
    return d
      .select({
        row: actions,
        partnerAgencyIds: facts.partnerAgencyIds,
        themeIds: facts.themeIds,
        latestUpdate: facts.latestUpdate,
        completionProposedBy: sql<number | null>`(case when ${OUTER_STATUS} = 'completed' then (select pu.author_user_id from progress_updates pu where pu.action_id = ${OUTER_ID} and pu.status_to = 'completed' order by pu.created_at desc, pu.id desc limit 1) end)`,
        changes: facts.changes,
        pending: facts.pending,
      })
      .from(actions)
      .where(eq(actions.id, sql.placeholder('id')))
      .prepare();
  });

async function readAction(db: Db | Tx, id: number, clock: PlanClock): Promise<Action | undefined> {
  const found = await actionView(db).get({ id });
  if (!found) return undefined;
  const changes = JSON.parse(found.changes) as TargetDateChangeFacts[];
  const pending = found.pending === null ? undefined : (JSON.parse(found.pending) as TargetDateRequestFacts);
  return toDto(
    found.row,
    {
      partnerAgencyIds: JSON.parse(found.partnerAgencyIds) as number[],
      themeIds: JSON.parse(found.themeIds) as number[],
      latestUpdate: found.latestUpdate === null ? null : (JSON.parse(found.latestUpdate) as Action['latestUpdate']),
      dates: targetDateFactsOf(found.row, changes, pending),
      completionProposedBy: found.completionProposedBy,
    },
    clock,
  );
}

/** The ids, one row `a` each, of a JSON array given as one parameter (SQLite's json_each, PostgreSQL's json_array_elements_text). */
const eachOf = (db: Db | Tx, ids: number[]) =>
  forDialect(db, { sqlite: sql`json_each(${JSON.stringify(ids)}) a`, postgres: sql`json_array_elements_text(${JSON.stringify(ids)}::json) a` });
/** The id of the row `a` of eachOf. */
const eachId = (db: Db | Tx) => forDialect(db, { sqlite: sql.raw('a.value'), postgres: sql.raw('a.value::integer') });

/**
 * The newest entry of each action's history that is not a comment, in one indexed query for a whole page: "the
 * latest word" stays the agency's (or the sign-off's), never a chair's or the business unit's remark.
 */
export async function latestUpdates(db: Db | Tx, actionIds: number[]) {
  const rows = await db
    .select({ id: progressUpdates.id, actionId: progressUpdates.actionId, createdAt: progressUpdates.createdAt, authorName: progressUpdates.authorName, note: progressUpdates.note })
    .from(progressUpdates)
    .where(
      sql`${progressUpdates.id} in (select (select pu.id from progress_updates pu where pu.action_id = ${eachId(db)} and pu.kind <> 'comment' order by pu.created_at desc, pu.id desc limit 1) from ${eachOf(db, actionIds)})`,
    );
  return new Map(rows.map(({ actionId, ...update }) => [actionId, update]));
}

/**
 * Who proposed each of these completed actions as completed: the user who posted its latest move to completed
 * (null when that entry has no user, as in a demo or imported history). Nobody signs off their own proposal.
 */
export async function completionProposers(db: Db | Tx, actionIds: number[]): Promise<Map<number, number | null>> {
  if (actionIds.length === 0) return new Map();
  const rows = await db
    .select({ actionId: progressUpdates.actionId, authorUserId: progressUpdates.authorUserId })
    .from(progressUpdates)
    .where(
      sql`${progressUpdates.id} in (select (select pu.id from progress_updates pu where pu.action_id = ${eachId(db)} and pu.status_to = 'completed' order by pu.created_at desc, pu.id desc limit 1) from ${eachOf(db, actionIds)})`,
    );
  return new Map(rows.map((row) => [row.actionId, row.authorUserId]));
}

/** What someone may do with an action when they may do nothing: no viewer, or a past day's plan. */
export const NO_PERMISSIONS: Action['permissions'] = {
  canEdit: false,
  canPostUpdate: false,
  canComment: false,
  statusChanges: [],
  agencyIds: [],
  canDecideAssurance: false,
  proposedCompletion: false,
  canRequestTargetDate: false,
  canDecideTargetDate: false,
};

function permissionsOn(viewer: Principal | null, row: ActionRow, partnerAgencyIds: number[], completionProposedBy: number | null): Action['permissions'] {
  if (!viewer) return NO_PERMISSIONS;
  const update = progressUpdatePermission(viewer, {
    status: row.status,
    agencyIds: [row.ownerAgencyId, ...partnerAgencyIds],
    subgroupId: row.subgroupId,
    completionProposedBy,
  });
  return { canEdit: hasCapability(viewer, 'managePlans'), ...update };
}

export async function listActions(db: Db, query: ParsedActionListQuery, clock: PlanClock) {
  const rules = actionRulesSql(clock);
  const { keys, dir, kinds = keys.map(() => 'string' as const) } = sortKeys(query.sort, rules);
  const after = decodeCursor(query.cursor, [...kinds, 'number']);
  const conditions = actionFilters(db, query, rules);
  if (after) {
    const mine = sql.join([...keys, sql`${actions.id}`], sql`, `);
    const theirs = sql.join(after.map((v) => sql`${v}`), sql`, `);
    conditions.push(dir === 'asc' ? sql`(${mine}) > (${theirs})` : sql`(${mine}) < (${theirs})`);
  }
  const order = [...keys, sql`${actions.id}`].map((k) => (dir === 'asc' ? sql`${k} asc` : sql`${k} desc`));
  const keyColumns = Object.fromEntries(keys.map((k, i) => [`k${i}`, sql<string | number>`${k}`]));
  // The page is chosen first from the narrow columns alone (which actions_rating_idx covers for the BRAG filters
  // and the attention order), so filtering and sorting never drag the wide rows, texts and all, through the sort;
  // only the page's rows are read in full, in one snapshot with the choice, so another request's write cannot
  // land between the choice and the reading of the rows.
  return readTransaction(db, async (tx) => {
    const chosen = (await tx
      .select({ id: actions.id, ...keyColumns })
      .from(actions)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(query.limit + 1)) as ({ id: number } & Record<string, string | number>)[];
    const page = toPage(chosen, query.limit, (r) => [...keys.map((_, i) => r[`k${i}`] as string | number), r.id]);
    const ids = page.items.map((r) => r.id);
    const rows = ids.length === 0 ? [] : await tx.select().from(actions).where(inArray(actions.id, ids));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { items: await toDtos(tx, ids.map((id) => byId.get(id)!), clock), nextCursor: page.nextCursor };
  });
}

export async function getAction(db: Db | Tx, id: number, clock: PlanClock): Promise<Action> {
  const action = await readAction(db, id, clock);
  if (!action) throw notFound('action', id);
  return action;
}

interface ActionShape {
  reviewId: number;
  recommendationId: number | null;
  kind: ActionRow['kind'];
  ownerAgencyId: number;
  partnerAgencyIds: number[];
  themeIds: number[];
  subgroupId: number | null;
}

/** The rules an action's links must keep, checked on the action as it would be after the change. */
async function checkActionShape(tx: Tx, shape: ActionShape, changedOwner: boolean) {
  await requireReferences(tx, [
    { table: agencies, ids: shape.ownerAgencyId, path: 'ownerAgencyId', what: 'agency' },
    { table: agencies, ids: shape.partnerAgencyIds, path: 'partnerAgencyIds', what: 'agency' },
    { table: themes, ids: shape.themeIds, path: 'themeIds', what: 'theme' },
    { table: subgroups, ids: shape.subgroupId, path: 'subgroupId', what: 'subgroup' },
  ]);
  const errors = [];
  if (changedOwner) {
    const owner = await prepared(tx, 'actions.shape.owner', (d) => d.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, sql.placeholder('id'))).prepare()).get({
      id: shape.ownerAgencyId,
    });
    if (owner && !owner.active) errors.push({ path: 'ownerAgencyId', message: 'this agency is no longer active in the partnership' });
  }
  if (shape.partnerAgencyIds.includes(shape.ownerAgencyId)) {
    errors.push({ path: 'partnerAgencyIds', message: 'must not include the owner agency' });
  }
  if (shape.kind === 'single_agency' && shape.partnerAgencyIds.length > 0) {
    errors.push({ path: 'partnerAgencyIds', message: 'a single-agency action has no partner agencies' });
  }
  if (shape.kind === 'multi_agency' && shape.partnerAgencyIds.length === 0) {
    errors.push({ path: 'partnerAgencyIds', message: 'a multi-agency action needs at least one partner agency' });
  }
  if (shape.recommendationId !== null) {
    const recommendation = await prepared(tx, 'actions.shape.recommendation', (d) =>
      d.select({ reviewId: recommendations.reviewId }).from(recommendations).where(eq(recommendations.id, sql.placeholder('id'))).prepare(),
    ).get({ id: shape.recommendationId });
    if (!recommendation) errors.push({ path: 'recommendationId', message: `no recommendation with id ${shape.recommendationId}` });
    else if (recommendation.reviewId !== shape.reviewId) errors.push({ path: 'recommendationId', message: "is not one of this action's review's recommendations" });
  }
  if (errors.length > 0) throw unprocessable('action.invalid', errors);
}

async function writeLinks(tx: Tx, actionId: number, values: { partnerAgencyIds?: number[] | undefined; themeIds?: number[] | undefined }) {
  if (values.partnerAgencyIds) {
    await replaceLinks(tx, actionAgencies, actionAgencies.actionId, actionId, [...new Set(values.partnerAgencyIds)].map((agencyId) => ({ actionId, agencyId })));
  }
  if (values.themeIds) {
    await replaceLinks(tx, actionThemes, actionThemes.actionId, actionId, [...new Set(values.themeIds)].map((themeId) => ({ actionId, themeId })));
  }
}

/** How many actions a review has. */
export async function countActionsOf(tx: Db | Tx, reviewId: number): Promise<number> {
  const counted = prepared(tx, 'actions.ref.count', (d) =>
    // mapWith: drizzle's PostgreSQL driver gives a bigint count as text.
    d.select({ n: sql<number>`count(*)` }).from(actions).where(eq(actions.reviewId, sql.placeholder('reviewId'))).prepare(),
  );
  return (await counted.get({ reviewId }))?.n ?? 0;
}

/**
 * A review's count of actions kept by a caller that creates many in one transaction (an import), so that each
 * creation need not count them again: the caller adds one for each action it creates in the review (once its
 * savepoint is kept), and creates none there otherwise.
 */
export interface ReviewActionCount {
  reviewId: number;
  actions: number;
}

/** The next free `<review code>/A<n>`, from the count of the review's actions. */
async function nextRef(tx: Tx, reviewId: number, code: string, counted?: ReviewActionCount): Promise<string> {
  const taken = prepared(tx, 'actions.ref.taken', (d) =>
    d.select({ id: actions.id }).from(actions).where(sql`lower(${actions.ref}) = lower(${sql.placeholder('ref')})`).prepare(),
  );
  const count = counted?.reviewId === reviewId ? counted.actions : await countActionsOf(tx, reviewId);
  for (let n = count + 1; ; n++) {
    const ref = `${code}/A${n}`;
    if (!(await taken.get({ ref }))) return ref;
  }
}

const insertAction = (tx: Tx) =>
  prepared(tx, 'actions.insert', (d) =>
    d
      .insert(actions)
      .values({
        ref: sql.placeholder('ref'),
        reviewId: sql.placeholder('reviewId'),
        recommendationId: sql.placeholder('recommendationId'),
        kind: sql.placeholder('kind'),
        ownerAgencyId: sql.placeholder('ownerAgencyId'),
        learningNeed: sql.placeholder('learningNeed'),
        action: sql.placeholder('action'),
        successMeasure: sql.placeholder('successMeasure'),
        targetDate: sql.placeholder('targetDate'),
        subgroupId: sql.placeholder('subgroupId'),
        createdAt: sql.placeholder('createdAt'),
        updatedAt: sql.placeholder('updatedAt'),
      })
      .returning({ id: actions.id })
      .prepare(),
  );

export async function createAction(db: Db, input: ActionCreate, clock: PlanClock, actor: Actor): Promise<Action> {
  // Read back inside the transaction: if that read fails, nothing was saved, so a 500 never hides a change.
  return writeTransaction(db, async (tx) => getAction(tx, await createActionIn(tx, input, clock, actor), clock));
}

/**
 * Creates an action inside the caller's transaction (a batch of a plan's actions, an import) with the same rules
 * and audit event as a single one; returns its id. `counted` is the review's count of actions when the caller
 * keeps it (see ReviewActionCount).
 */
export async function createActionIn(
  tx: Tx,
  input: ActionCreate,
  clock: PlanClock,
  actor: Actor,
  counted?: ReviewActionCount,
): Promise<number> {
  const review = await prepared(tx, 'actions.create.review', (d) =>
    d.select({ code: reviews.code, subgroupId: reviews.subgroupId }).from(reviews).where(eq(reviews.id, sql.placeholder('id'))).prepare(),
  ).get({ id: input.reviewId });
  if (!review) throw unprocessable('validation.unknown_reference', [{ path: 'reviewId', message: `no review with id ${input.reviewId}` }]);
  const recommendationId = input.recommendationId ?? null;
  const recommendation =
    recommendationId === null
      ? undefined
      : await prepared(tx, 'actions.create.recommendation', (d) =>
          d.select({ subgroupId: recommendations.subgroupId }).from(recommendations).where(eq(recommendations.id, sql.placeholder('id'))).prepare(),
        ).get({ id: recommendationId });
  const recommendationSubgroup = recommendation?.subgroupId ?? null;
  const shape: ActionShape = {
    reviewId: input.reviewId,
    recommendationId,
    kind: input.kind ?? 'single_agency',
    ownerAgencyId: input.ownerAgencyId,
    partnerAgencyIds: input.partnerAgencyIds ?? [],
    themeIds: input.themeIds ?? [],
    subgroupId: input.subgroupId !== undefined ? input.subgroupId : (recommendationSubgroup ?? review.subgroupId),
  };
  await checkActionShape(tx, shape, true);
  try {
    const row = (await insertAction(tx).get({
      ref: input.ref ?? (await nextRef(tx, input.reviewId, review.code, counted)),
      reviewId: shape.reviewId,
      recommendationId: shape.recommendationId,
      kind: shape.kind,
      ownerAgencyId: shape.ownerAgencyId,
      learningNeed: input.learningNeed,
      action: input.action,
      successMeasure: input.successMeasure ?? '',
      targetDate: input.targetDate ?? null,
      subgroupId: shape.subgroupId,
      createdAt: nowIso(clock.now),
      updatedAt: nowIso(clock.now),
    }))!;
    await writeLinks(tx, row.id, shape);
    await recordCreation(tx, actor, 'action', auditable(await getAction(tx, row.id, clock)), clock.now);
    return row.id;
  } catch (error) {
    explainConstraint(error);
  }
}

/**
 * Changes an action's fields. Replacing a target date already set (or set once, then cleared) is a revision: it
 * needs `targetDateReason` and appends to the action's target-date history, decided by whoever patches, in the
 * same transaction; the first date set needs neither. A request for a new date still pending stays pending:
 * its decider sees it against the date as it now is, and may refuse it (nothing is decided on their behalf).
 */
export async function patchAction(db: Db, id: number, patch: ActionPatch, clock: PlanClock, actor: Actor): Promise<Action> {
  return writeTransaction(db, async (tx) => {
    await patchActionIn(tx, id, patch, clock, actor);
    return getAction(tx, id, clock);
  });
}

/** Changes an action inside the caller's transaction (an import updating the actions it came from). */
export async function patchActionIn(tx: Tx, id: number, patch: ActionPatch, clock: PlanClock, actor: Actor) {
  // The reason is kept in the history, never on the action itself.
  const { version, partnerAgencyIds, themeIds, targetDateReason, ...values } = patch;
  {
    const current = await getAction(tx, id, clock);
    const shape: ActionShape = {
      reviewId: current.reviewId,
      recommendationId: values.recommendationId !== undefined ? values.recommendationId : current.recommendationId,
      kind: values.kind ?? current.kind,
      ownerAgencyId: values.ownerAgencyId ?? current.ownerAgencyId,
      partnerAgencyIds: partnerAgencyIds ?? current.partnerAgencyIds,
      themeIds: themeIds ?? current.themeIds,
      subgroupId: values.subgroupId !== undefined ? values.subgroupId : current.subgroupId,
    };
    const revised =
      values.targetDate !== undefined &&
      values.targetDate !== current.targetDate &&
      (await isTargetDateRevision(tx, id, current.targetDate));
    const reason = targetDateReason?.trim() ?? '';
    const writeLinksToo = partnerAgencyIds || themeIds;
    await updateVersioned(tx, {
      table: actions,
      resource: 'action',
      id,
      version,
      values,
      now: clock.now,
      actor,
      check: async () => {
        await checkActionShape(tx, shape, shape.ownerAgencyId !== current.ownerAgencyId);
        if (revised && !reason) {
          throw unprocessable('action.target_date_reason_required', [{ path: 'targetDateReason', message: 'say why the target date is revised' }]);
        }
      },
      current: () => getAction(tx, id, clock),
      before: current,
      auditView: auditable,
      ...(writeLinksToo || revised
        ? {
            alsoWrite: async () => {
              if (writeLinksToo) await writeLinks(tx, id, { partnerAgencyIds, themeIds });
              if (revised) {
                await recordTargetDateChange(tx, {
                  actionId: id,
                  from: current.targetDate,
                  to: values.targetDate ?? null,
                  reason,
                  decidedBy: { id: actor.id, name: actor.name },
                  at: clock.now,
                });
              }
            },
          }
        : {}),
      ...(revised ? { alsoChanged: { before: {}, after: { targetDateReason: reason } } } : {}),
    });
  }
}

/** What an action's audit records: its own fields, not the ratings computed from them and the clock. */
export function auditable(action: Action) {
  const {
    brag: _brag,
    bragReason: _reason,
    overdue: _overdue,
    stale: _stale,
    dueSoon: _soon,
    permissions: _permissions,
    latestUpdate: _latest,
    targetDateHistory: _history,
    pendingTargetDateRequest: _pending,
    ...fields
  } = action;
  return fields;
}

