import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type {
  ActionChase,
  ChaseCandidateAction,
  ChaseCandidateAgency,
  ChaseCandidates,
  ChaseCreate,
  ChaseCreated,
  ChaseDetail,
  ChaseMessage,
  ChaseReason,
  ChaseSummary,
  Settings,
} from '@lrt/contracts';
import {
  actions,
  agencies,
  chaseActions,
  chaseRecipients,
  chases,
  emails,
  replyLinks,
  reviews,
  subgroups,
  userAgencies,
  userRoles,
  users,
  first,
  forDialect,
  inJsonIds,
  rowsOf,
  writeTransaction,
  type Db,
  type Tx,
} from '@lrt/db';
import { addDays, assessAction, BRAG_ATTENTION_ORDER, isOpen, type ActionAssessment, type Principal } from '@lrt/domain';
import { recordAudit, type Actor } from '../../lib/audit';
import { ProblemError, forbidden, notFound, unprocessable } from '../../plugins/problems';
import { latestUpdates } from '../actions/actions.service';
import { actionRulesSql } from '../actions/action-rules.sql';
import { getSettings, type PlanClock } from '../settings/settings.service';
import { chaseEmail } from './chase-messages';
import { enqueueEmail, LINK_PLACEHOLDER } from '../mail/outbox.service';

/**
 * At most this many actions are listed per agency on the chase page (more when one agency is asked for); the
 * counts say how many there are. A partnership's agency owes tens at most: these bound the page at 100 times that.
 */
export const LISTED_PER_AGENCY = 20;
export const LISTED_FOR_ONE_AGENCY = 500;
/** A message lists at most this many actions, most pressing first, and says how many more its link opens. */
export const LISTED_PER_MESSAGE = 50;

/** Appends to the list under a key (a fresh list the first time). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ChaseScope {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
}

/** The subgroups whose actions this person may chase: every one for the business unit, else those they chair. */
export function chaseableSubgroups(principal: Principal): number[] | 'all' {
  if (principal.roles.includes('admin')) return 'all';
  if (principal.roles.includes('subgroup_chair')) return [...principal.subgroupIds];
  return [];
}

async function checkScope(db: Db | Tx, principal: Principal, scope: ChaseScope) {
  const exists = async (query: PromiseLike<unknown[]>) => (await first(query)) !== undefined;
  const errors: { path: string; message: string }[] = [];
  if (scope.reviewId !== undefined && !(await exists(db.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, scope.reviewId))))) {
    errors.push({ path: 'reviewId', message: 'is not a review of the partnership' });
  }
  if (scope.subgroupId !== undefined && !(await exists(db.select({ id: subgroups.id }).from(subgroups).where(eq(subgroups.id, scope.subgroupId))))) {
    errors.push({ path: 'subgroupId', message: 'is not a subgroup of the partnership' });
  }
  if (scope.agencyId !== undefined && !(await exists(db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, scope.agencyId))))) {
    errors.push({ path: 'agencyId', message: 'is not an agency of the partnership' });
  }
  if (errors.length > 0) throw unprocessable('validation.failed', errors);
  const allowed = chaseableSubgroups(principal);
  if (allowed !== 'all' && scope.subgroupId !== undefined && !allowed.includes(scope.subgroupId)) {
    throw forbidden('You may chase only the actions of the subgroups you chair.');
  }
}

/**
 * SQLite's CROSS JOIN is an inner join whose left table the planner keeps as the outer loop (a hint these queries
 * rely on); PostgreSQL refuses `cross join … on` and plans the join order itself, so there it is a plain join.
 */
const crossJoin = (db: Db | Tx) => forDialect(db, { sqlite: sql`cross join`, postgres: sql`join` });

/** An open action under one of its agencies, with what the rules say of it. */
interface CandidateRow {
  id: number;
  agencyId: number;
  ref: string;
  status: 'not_started' | 'in_progress';
  targetDate: string | null;
  latestConfidence: 'on_track' | 'at_risk' | 'off_track' | null;
  lastUpdateAt: string | null;
  createdAt: string;
  returnedAt: string | null;
  returnedReplyBy: string | null;
  assessment: ActionAssessment;
  reasons: ChaseReason[];
}

/**
 * The open actions that need an update, once for each of their agencies (the owner, and each partner agency of a
 * multi-agency action), most pressing first: overdue, stale, due within the due-soon window, or returned for more
 * information and not yet answered; or exactly the actions ticked by hand (open ones).
 *
 * The database narrows with a cheap superset of "needs an update" (open, and due by the end of the due-soon
 * window, or quiet since before the staleness cut-off, or returned) and reads only the facts the rules need; the
 * rules themselves (`assessAction` in the domain) then decide each row, so the chase agrees with every other page
 * and nothing is restated. Details (the action's words, its review) are read afterwards, for the listed rows only.
 */
async function candidateRows(
  db: Db | Tx,
  clock: PlanClock,
  principal: Principal,
  scope: ChaseScope,
  actionIds?: number[],
): Promise<CandidateRow[]> {
  const allowed = chaseableSubgroups(principal);
  const where: SQL[] = [sql`${actions.status} in ('not_started', 'in_progress')`];
  if (actionIds) where.push(inJsonIds(db, actions.id, JSON.stringify(actionIds)));
  else {
    where.push(sql`((${actions.targetDate} is not null and ${actions.targetDate} <= ${clock.dueSoonBy})
      or coalesce(${actions.lastUpdateAt}, ${actions.createdAt}) < ${clock.staleBefore}
      or ${actions.returnedReplyBy} is not null)`);
  }
  if (scope.reviewId !== undefined) where.push(sql`${actions.reviewId} = ${scope.reviewId}`);
  if (scope.subgroupId !== undefined) where.push(sql`${actions.subgroupId} = ${scope.subgroupId}`);
  if (allowed !== 'all') where.push(allowed.length === 0 ? sql`false` : inJsonIds(db, actions.subgroupId, JSON.stringify(allowed)));
  const columns = sql`${actions.id} as id, ${actions.ref} as ref, ${actions.status} as status, ${actions.targetDate} as "targetDate",
      ${actions.latestConfidence} as "latestConfidence", ${actions.lastUpdateAt} as "lastUpdateAt", ${actions.createdAt} as "createdAt",
      ${actions.returnedAt} as "returnedAt", ${actions.returnedReplyBy} as "returnedReplyBy"`;
  const owners = [...where, ...(scope.agencyId !== undefined ? [sql`${actions.ownerAgencyId} = ${scope.agencyId}`] : [])];
  const partners = [...where, ...(scope.agencyId !== undefined ? [sql`action_agencies.agency_id = ${scope.agencyId}`] : [])];
  const facts = await rowsOf<Omit<CandidateRow, 'assessment' | 'reasons'>>(db, sql`
    select ${actions.ownerAgencyId} as "agencyId", ${columns} from ${actions} where ${sql.join(owners, sql` and `)}
    union all
    select action_agencies.agency_id as "agencyId", ${columns} from action_agencies ${crossJoin(db)} ${actions} on ${actions.id} = action_agencies.action_id
    where ${sql.join(partners, sql` and `)}`);
  const rows: CandidateRow[] = [];
  for (const fact of facts) {
    const assessment = assessAction(fact, clock);
    const returned = fact.status === 'in_progress' && fact.returnedReplyBy !== null;
    const reasons: ChaseReason[] = [];
    if (assessment.overdue) reasons.push('overdue');
    if (assessment.stale) reasons.push('stale');
    if (assessment.dueSoon) reasons.push('due_soon');
    if (returned) reasons.push('returned');
    if (actionIds || reasons.length > 0) rows.push({ ...fact, assessment, reasons });
  }
  // One sort key per row, compared as plain strings (localeCompare would cost more than the query).
  const keyed = rows.map((row) => ({
    row,
    key: `${String(row.agencyId).padStart(12, '0')}${BRAG_ATTENTION_ORDER[row.assessment.brag ?? 'none']}${row.targetDate ?? '9999-99-99'}\u0000${row.ref}`,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

/**
 * Rows as the chase page and messages list them: with the action's words, review and subgroup, any question
 * asked, and (if wanted) the latest note, read for these rows only.
 */
async function describe(db: Db | Tx, rows: CandidateRow[], withNotes: boolean): Promise<ChaseCandidateAction[]> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const details = new Map<number, { reviewId: number; subgroupId: number | null; action: string; returnedQuestion: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await db
      .select({ id: actions.id, reviewId: actions.reviewId, subgroupId: actions.subgroupId, action: actions.action, returnedQuestion: actions.returnedQuestion })
      .from(actions)
      .where(inArray(actions.id, ids.slice(i, i + 500)));
    for (const { id, ...rest } of chunk) details.set(id, rest);
  }
  const notes = withNotes ? await latestNotes(db, ids) : new Map<number, string>();
  return rows.map((row) => {
    const detail = details.get(row.id)!;
    return {
      id: row.id,
      ref: row.ref,
      reviewId: detail.reviewId,
      subgroupId: detail.subgroupId,
      action: detail.action,
      targetDate: row.targetDate,
      status: row.status,
      brag: row.assessment.brag,
      bragReason: row.assessment.bragReason,
      reasons: row.reasons,
      returnedQuestion: row.returnedReplyBy ? detail.returnedQuestion : null,
      lastUpdateAt: row.lastUpdateAt,
      latestNote: notes.get(row.id) ?? null,
    };
  });
}

/** The latest word on each action (not a comment), in chunks the query planner handles well. */
async function latestNotes(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  const notes = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const [id, update] of await latestUpdates(db, ids.slice(i, i + 500))) notes.set(id, update.note);
  }
  return notes;
}

/** These actions as a message lists them (each once, the fifty most pressing), most pressing first. */
export async function candidateActions(
  db: Db | Tx,
  clock: PlanClock,
  principal: Principal,
  actionIds: number[],
  withNotes: boolean,
): Promise<ChaseCandidateAction[]> {
  const seen = new Set<number>();
  const rows = (await candidateRows(db, clock, principal, {}, actionIds))
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, LISTED_PER_MESSAGE);
  return describe(db, rows, withNotes);
}

type Lead = { userId: number; name: string; email: string };

/** The active agency leads of these agencies, by agency, in name order. */
async function leadsOf(db: Db | Tx, agencyIds: number[]): Promise<Map<number, Lead[]>> {
  const leads = new Map<number, Lead[]>();
  if (agencyIds.length === 0) return leads;
  const rows = await db
    .select({ agencyId: userAgencies.agencyId, userId: users.id, name: users.name, email: users.email })
    .from(userAgencies)
    .innerJoin(users, eq(users.id, userAgencies.userId))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'agency_lead')))
    .where(and(inArray(userAgencies.agencyId, agencyIds), eq(users.active, true)))
    .orderBy(users.name, users.id);
  for (const { agencyId, ...lead } of rows) pushTo(leads, agencyId, lead);
  return leads;
}

async function agencyRows(db: Db | Tx, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, typeof agencies.$inferSelect>();
  return new Map((await db.select().from(agencies).where(inArray(agencies.id, agencyIds))).map((a) => [a.id, a]));
}

interface AgencyCounts {
  needingUpdate: number;
  overdue: number;
  stale: number;
  dueSoon: number;
  returned: number;
}

/**
 * The chase page's figures in one pass over the actions: per agency, how many actions need an update and why
 * (counted in SQL by the rules of action-rules.sql.ts), and which are its `cap` most pressing. Only those are
 * read out and described, so the page costs the same whether an agency owes ten actions or ten thousand.
 */
/** The open actions needing an update, once per agency (owner and partners), with what the ranking reads. */
function candidateSources(db: Db | Tx, clock: PlanClock, principal: Principal, scope: ChaseScope) {
  const rules = actionRulesSql(clock);
  const allowed = chaseableSubgroups(principal);
  const where: SQL[] = [rules.open, sql`(${rules.overdue} or ${rules.stale} or ${rules.dueSoon} or ${rules.returned})`];
  if (scope.reviewId !== undefined) where.push(sql`${actions.reviewId} = ${scope.reviewId}`);
  if (scope.subgroupId !== undefined) where.push(sql`${actions.subgroupId} = ${scope.subgroupId}`);
  if (allowed !== 'all') where.push(allowed.length === 0 ? sql`false` : inJsonIds(db, actions.subgroupId, JSON.stringify(allowed)));
  const select = (agency: SQL, from: SQL, conditions: SQL[]) => sql`
    select ${agency} as "agencyId", ${actions.id} as id, ${actions.ref} as ref, ${actions.targetDate} as "targetDate", ${rules.attention} as attention,
      ${rules.overdue} as overdue, ${rules.stale} as stale, ${rules.dueSoon} as "dueSoon", ${rules.returned} as returned
    from ${from} where ${sql.join(conditions, sql` and `)}`;
  // Owners and partners are read apart (each one indexed pass, no union to materialise) and merged by the caller.
  // Both read the actions from actions_rating_idx alone (it holds every column used here); the partners' pass keeps
  // the actions as its outer loop (CROSS JOIN, on SQLite) and finds each one's partners by the primary key of action_agencies.
  return {
    owned: select(sql`${actions.ownerAgencyId}`, sql`${actions}`, [...where, ...(scope.agencyId !== undefined ? [sql`${actions.ownerAgencyId} = ${scope.agencyId}`] : [])]),
    shared: select(sql`action_agencies.agency_id`, sql`${actions} ${crossJoin(db)} action_agencies on action_agencies.action_id = ${actions.id}`, [
      ...where,
      ...(scope.agencyId !== undefined ? [sql`action_agencies.agency_id = ${scope.agencyId}`] : []),
    ]),
  };
}

type Ranked = { agencyId: number; id: number; attention: number; targetDate: string | null; ref: string };

// Plain comparisons, as SQLite's: the dates are ISO days and the refs compared as the query compares them.
const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byAttention = (a: Ranked, b: Ranked) =>
  a.attention - b.attention || Number(a.targetDate === null) - Number(b.targetDate === null) || compare(a.targetDate ?? '', b.targetDate ?? '') || compare(a.ref, b.ref);
const PRESSING_FIRST = sql`attention, "targetDate" is null, "targetDate", ref`;

/** Each agency's actions (owned, then shared, merged), most pressing first. */
function mergeByAgency(owned: Ranked[], shared: Ranked[], cap: number) {
  const byAgency = new Map<number, Ranked[]>();
  for (const row of owned) pushTo(byAgency, row.agencyId, row);
  for (const row of shared) pushTo(byAgency, row.agencyId, row);
  const listed = new Map<number, number[]>();
  for (const agencyId of [...byAgency.keys()].sort((a, b) => a - b)) {
    const rows = byAgency.get(agencyId)!;
    listed.set(agencyId, (shared.length === 0 ? rows : rows.sort(byAttention)).slice(0, cap).map((r) => r.id));
  }
  return listed;
}

/** Who owes what: each agency's counts, and its `cap` most pressing actions. */
async function rankedCandidates(db: Db | Tx, clock: PlanClock, principal: Principal, scope: ChaseScope, cap: number) {
  const sources = candidateSources(db, clock, principal, scope);
  type Counted = Ranked & AgencyCounts;
  // The rules' flags are 1/0 on SQLite and booleans on PostgreSQL: counted with FILTER, which both read alike. The
  // counts are cast to integer: PostgreSQL's bigint would come back through drizzle as text.
  const ranked = (source: SQL) =>
    rowsOf<Counted>(db, sql`
      select * from (
        select "agencyId", id, attention, "targetDate", ref,
          row_number() over (partition by "agencyId" order by ${PRESSING_FIRST}) as rn,
          cast(count(*) over agency as integer) as "needingUpdate", cast(count(*) filter (where overdue) over agency as integer) as overdue,
          cast(count(*) filter (where stale) over agency as integer) as stale,
          cast(count(*) filter (where "dueSoon") over agency as integer) as "dueSoon",
          cast(count(*) filter (where returned) over agency as integer) as returned
        from (${source}) as candidates
        window agency as (partition by "agencyId")) as ranked
      where rn <= ${cap}`);
  const owned = await ranked(sources.owned);
  const shared = await ranked(sources.shared);
  const counts = new Map<number, AgencyCounts>();
  const seen = new Set<string>();
  const tagged = [...owned.map((row) => ({ row, branch: 'owner' })), ...shared.map((row) => ({ row, branch: 'partner' }))];
  for (const { row, branch: side } of tagged) {
    // Each branch repeats its agency's counts on every row: add each branch's once.
    const branch = `${row.agencyId}:${side}`;
    if (seen.has(branch)) continue;
    seen.add(branch);
    const c = counts.get(row.agencyId) ?? { needingUpdate: 0, overdue: 0, stale: 0, dueSoon: 0, returned: 0 };
    counts.set(row.agencyId, {
      needingUpdate: c.needingUpdate + row.needingUpdate,
      overdue: c.overdue + row.overdue,
      stale: c.stale + row.stale,
      dueSoon: c.dueSoon + row.dueSoon,
      returned: c.returned + row.returned,
    });
  }
  return { counts, listed: mergeByAgency(owned, shared, cap) };
}

/** Every action a chase of this scope asks about, by agency, most pressing first (no counts, no cap: one sort). */
async function everyCandidate(db: Db | Tx, clock: PlanClock, principal: Principal, scope: ChaseScope) {
  const sources = candidateSources(db, clock, principal, scope);
  const ordered = (source: SQL) =>
    rowsOf<Ranked>(db, sql`select "agencyId", id, attention, "targetDate", ref from (${source}) as candidates order by "agencyId", ${PRESSING_FIRST}`);
  const owned = await ordered(sources.owned);
  const shared = await ordered(sources.shared);
  return mergeByAgency(owned, shared, Number.MAX_SAFE_INTEGER);
}

export async function listCandidates(db: Db, clock: PlanClock, principal: Principal, scope: ChaseScope): Promise<ChaseCandidates> {
  await checkScope(db, principal, scope);
  const cap = scope.agencyId !== undefined ? LISTED_FOR_ONE_AGENCY : LISTED_PER_AGENCY;
  const { counts, listed } = await rankedCandidates(db, clock, principal, scope, cap);
  const agencyIds = [...counts.keys()];
  const ids = [...new Set([...listed.values()].flat())];
  // The listed actions, decided by the domain's rules like every other page (and so agreeing with the SQL counts).
  const described = new Map((await describe(db, await candidateRows(db, clock, principal, {}, ids), true)).map((a) => [a.id, a]));
  const leads = await leadsOf(db, agencyIds);
  const info = await agencyRows(db, agencyIds);
  const asked = await lastAsked(db, agencyIds);
  const answered = await lastAnswered(db, agencyIds);
  const overdueReplies = await repliesOverdue(db, clock.today, agencyIds);

  const result: ChaseCandidateAgency[] = agencyIds.map((agencyId) => {
    const agency = info.get(agencyId)!;
    return {
      agency: { id: agency.id, name: agency.name, shortName: agency.shortName },
      leads: leads.get(agencyId) ?? [],
      seniorContact: agency.seniorContactEmail ? { name: agency.seniorContactName ?? agency.seniorContactEmail, email: agency.seniorContactEmail } : null,
      counts: counts.get(agencyId)!,
      actions: (listed.get(agencyId) ?? []).map((id) => described.get(id)!),
      lastAskedAt: asked.get(agencyId)?.at ?? null,
      lastReplyBy: asked.get(agencyId)?.replyBy ?? null,
      lastAnsweredAt: answered.get(agencyId) ?? null,
      repliesOverdue: overdueReplies.get(agencyId) ?? 0,
    };
  });
  result.sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.needingUpdate - a.counts.needingUpdate || a.agency.name.localeCompare(b.agency.name));
  return { defaultReplyBy: addDays(clock.today, (await getSettings(db)).replyPeriodDays), agencies: result };
}

async function lastAsked(db: Db | Tx, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, { at: string; replyBy: string }>();
  const rows = await rowsOf<{ agencyId: number; at: string; replyBy: string }>(db, sql`
    select r.agency_id as "agencyId", c.created_at as at, c.reply_by as "replyBy"
    from chases c join (select agency_id, max(chase_id) as chase_id from chase_actions
      where ${inJsonIds(db, sql`agency_id`, JSON.stringify(agencyIds))} group by agency_id) r on r.chase_id = c.id`);
  return new Map(rows.map((r) => [r.agencyId, { at: r.at, replyBy: r.replyBy }]));
}

async function lastAnswered(db: Db | Tx, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, string>();
  const rows = await rowsOf<{ agencyId: number; at: string }>(db, sql`
    select g.id as "agencyId", (select max(created_at) from progress_updates pu where pu.agency_id = g.id and pu.kind = 'progress') as at
    from agencies g where ${inJsonIds(db, sql`g.id`, JSON.stringify(agencyIds))}`);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.agencyId, r.at]));
}

/** An answer to a request: the agency's first progress update on the action at or after the request. */
const answeredAtSql = (chaseCreatedAt: SQL, agencyId: SQL, actionId: SQL) =>
  sql`(select min(pu.created_at) from progress_updates pu where pu.action_id = ${actionId} and pu.agency_id = ${agencyId} and pu.kind = 'progress' and pu.created_at >= ${chaseCreatedAt})`;

/** Actions asked of each agency whose reply-by day has passed with no answer (open actions only: a closed one asks nothing more). */
async function repliesOverdue(db: Db | Tx, today: string, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, number>();
  const rows = await rowsOf<{ agencyId: number; n: number }>(db, sql`
    select ca.agency_id as "agencyId", cast(count(distinct ca.action_id) as integer) as n
    from chase_actions ca join chases c on c.id = ca.chase_id join actions a on a.id = ca.action_id
    where ${inJsonIds(db, sql`ca.agency_id`, JSON.stringify(agencyIds))} and c.reply_by < ${today}
      and a.status in ('not_started', 'in_progress')
      and ${answeredAtSql(sql`c.created_at`, sql`ca.agency_id`, sql`ca.action_id`)} is null
    group by ca.agency_id`);
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}

export interface MailContext {
  publicUrl: string;
}

interface PlannedMessage {
  agencyId: number;
  lead: Lead | null;
  actionIds: number[];
  subject: string;
  text: string;
  html: string;
}

interface Plan {
  asks: { agencyId: number; actionId: number }[];
  messages: PlannedMessage[];
  withoutLead: { id: number; name: string }[];
  settings: Settings;
}

/**
 * What a chase would send: for each agency with actions in it, one message to each of its leads listing exactly
 * that agency's actions. Reads only; `sendChase` writes what it planned.
 */
async function planMessages(
  db: Db | Tx,
  clock: PlanClock,
  principal: Principal,
  byAgency: Map<number, number[]>,
  request: { kind: 'chase' | 'return'; replyBy: string; question?: string | undefined; askedBy: string },
  mail: MailContext,
): Promise<Plan> {
  const settings = await getSettings(db as Db);
  const agencyIds = [...byAgency.keys()];
  const listedIds = [...new Set([...byAgency.values()].flatMap((ids) => ids.slice(0, LISTED_PER_MESSAGE)))];
  const listed = await candidateRows(db, clock, principal, {}, listedIds);
  const described = new Map((await describe(db, listed, settings.chaseMessageDetail === 'notes')).map((a) => [a.id, a]));
  const leads = await leadsOf(db, agencyIds);
  const info = await agencyRows(db, agencyIds);
  const messages: PlannedMessage[] = [];
  const withoutLead: Plan['withoutLead'] = [];
  const expiresOn = addDays(request.replyBy, settings.replyLinkGraceDays);
  for (const [agencyId, ids] of byAgency) {
    const agency = info.get(agencyId)!;
    const agencyLeads = leads.get(agencyId) ?? [];
    if (agencyLeads.length === 0) withoutLead.push({ id: agency.id, name: agency.name });
    const items = ids.slice(0, LISTED_PER_MESSAGE).map((id) => described.get(id)!);
    for (const lead of agencyLeads) {
      const body = chaseEmail({
        kind: request.kind,
        partnershipName: settings.partnershipName,
        detail: settings.chaseMessageDetail,
        recipientName: lead.name,
        agencyName: agency.name,
        askedBy: request.askedBy,
        replyBy: request.replyBy,
        expiresOn,
        question: request.question,
        actions: items,
        moreActions: ids.length - items.length,
        link: LINK_PLACEHOLDER,
        signInUrl: `${mail.publicUrl}/my-agency`,
      });
      messages.push({ agencyId, lead, actionIds: ids, ...body });
    }
  }
  withoutLead.sort((a, b) => a.name.localeCompare(b.name));
  const asks = [...byAgency].flatMap(([agencyId, ids]) => ids.map((actionId) => ({ agencyId, actionId })));
  return { asks, messages, withoutLead, settings };
}

/** The actions of some rows, by agency, in the rows' order. */
function idsByAgency(rows: { agencyId: number; id: number }[]) {
  const byAgency = new Map<number, number[]>();
  for (const row of rows) pushTo(byAgency, row.agencyId, row.id);
  return byAgency;
}

const toMessages = (plan: Plan, agencyNames: Map<number, string>, linkText: string): ChaseMessage[] =>
  plan.messages.map((m) => ({
    agencyId: m.agencyId,
    agencyName: agencyNames.get(m.agencyId) ?? '',
    to: m.lead,
    subject: m.subject,
    text: m.text.split(LINK_PLACEHOLDER).join(linkText),
    actionIds: m.actionIds,
  }));

/**
 * Records an update request and queues its messages, in the caller's transaction: the request, what it asked of
 * each agency, one recipient (with a reply link made when the message is sent) per lead, and the audit event.
 */
async function recordChase(
  tx: Tx,
  plan: Plan,
  request: { kind: 'chase' | 'return'; replyBy: string; question?: string | undefined; scope: ChaseScope; byHand: boolean },
  clock: PlanClock,
  actor: Actor,
): Promise<number> {
  const at = clock.now.toISOString();
  const [chase] = await tx
    .insert(chases)
    .values({
      kind: request.kind,
      createdAt: at,
      createdByUserId: actor.id,
      createdByName: actor.name,
      replyBy: request.replyBy,
      reviewId: request.scope.reviewId ?? null,
      subgroupId: request.scope.subgroupId ?? null,
      agencyId: request.scope.agencyId ?? null,
      byHand: request.byHand,
      question: request.question ?? null,
    })
    .returning({ id: chases.id });
  const chaseId = chase!.id;
  for (let i = 0; i < plan.asks.length; i += 500) {
    await tx
      .insert(chaseActions)
      .values(plan.asks.slice(i, i + 500).map((ask) => ({ chaseId, ...ask })))
      .onConflictDoNothing();
  }
  const linkExpiresOn = addDays(request.replyBy, plan.settings.replyLinkGraceDays);
  for (const message of plan.messages) {
    if (!message.lead) continue;
    const [recipient] = await tx
      .insert(chaseRecipients)
      .values({ chaseId, agencyId: message.agencyId, userId: message.lead.userId, name: message.lead.name, email: message.lead.email, linkExpiresOn })
      .returning({ id: chaseRecipients.id });
    await enqueueEmail(tx, {
      kind: request.kind,
      to: { name: message.lead.name, address: message.lead.email },
      subject: message.subject,
      text: message.text,
      html: message.html,
      chaseId,
      replyRecipientId: recipient!.id,
      at: clock.now,
    });
  }
  await recordAudit(tx, actor, {
    entity: 'chase',
    entityId: chaseId,
    operation: 'create',
    after: {
      kind: request.kind,
      replyBy: request.replyBy,
      ...request.scope,
      byHand: request.byHand,
      actions: [...new Set(plan.asks.map((a) => a.actionId))].length,
      agencies: [...new Set(plan.asks.map((a) => a.agencyId))],
      recipients: plan.messages.flatMap((m) => (m.lead ? [m.lead.email] : [])),
      agenciesWithoutLead: plan.withoutLead.map((a) => a.id),
    },
    at: clock.now,
  });
  return chaseId;
}

/**
 * Previews or sends an update request: for the scope chosen (or the actions ticked by hand), one message per lead
 * of each agency with actions in it. Agencies with no lead are named, never skipped silently. A preview writes
 * nothing.
 */
export async function sendChase(db: Db, input: ChaseCreate, clock: PlanClock, actor: Actor, mail: MailContext): Promise<ChaseCreated> {
  const principal = clock.viewer!;
  const scope: ChaseScope = { reviewId: input.reviewId, subgroupId: input.subgroupId, agencyId: input.agencyId };
  if (input.replyBy < clock.today) throw unprocessable('validation.failed', [{ path: 'replyBy', message: 'must be today or later' }]);
  await checkScope(db, principal, scope);
  const work = async (tx: Db | Tx): Promise<ChaseCreated> => {
    let byAgency: Map<number, number[]>;
    if (input.actionIds) {
      const ids = [...new Set(input.actionIds)];
      const found = await tx
        .select({ id: actions.id, status: actions.status, subgroupId: actions.subgroupId, ref: actions.ref })
        .from(actions)
        .where(inArray(actions.id, ids));
      const unknown = ids.filter((id) => !found.some((f) => f.id === id));
      if (unknown.length > 0) throw unprocessable('validation.failed', [{ path: 'actionIds', message: `are not actions of the partnership: ${unknown.join(', ')}` }]);
      const closed = found.filter((f) => !isOpen(f.status));
      if (closed.length > 0) {
        throw unprocessable('validation.failed', [
          { path: 'actionIds', message: `only open actions (not started or in progress) can be chased; not ${closed.map((c) => c.ref).join(', ')}` },
        ]);
      }
      const allowed = chaseableSubgroups(principal);
      if (allowed !== 'all' && found.some((f) => f.subgroupId === null || !allowed.includes(f.subgroupId))) {
        throw forbidden('You may chase only the actions of the subgroups you chair.');
      }
      byAgency = idsByAgency(await candidateRows(tx, clock, principal, scope, ids));
    } else {
      byAgency = await everyCandidate(tx, clock, principal, scope);
    }
    if (byAgency.size === 0) {
      throw new ProblemError(422, 'chase.nothing_to_ask', 'Nothing to ask', 'No open action in this scope needs an update: none is overdue, stale, due soon or returned. Tick actions by hand to ask about others.');
    }
    const plan = await planMessages(tx, clock, principal, byAgency, { kind: 'chase', replyBy: input.replyBy, askedBy: actor.name }, mail);
    const names = new Map([...(await agencyRows(tx, [...byAgency.keys()])).values()].map((a) => [a.id, a.name]));
    if (input.preview) return { id: null, messages: toMessages(plan, names, '[personal link, made when the message is sent]'), agenciesWithoutLead: plan.withoutLead };
    const request = { kind: 'chase' as const, replyBy: input.replyBy, scope, byHand: Boolean(input.actionIds) };
    const id = await recordChase(tx as Tx, plan, request, clock, actor);
    return { id, messages: toMessages(plan, names, '[personal link, made when the message is sent]'), agenciesWithoutLead: plan.withoutLead };
  };
  return input.preview ? work(db) : writeTransaction(db, work);
}

/**
 * A return for more information asks again: a request for that action alone, with the question, to the leads of
 * the agency that owns it (in the transaction of the decision, so the two never disagree).
 */
export async function askAgainOnReturn(
  tx: Tx,
  actionId: number,
  question: string,
  replyBy: string,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
): Promise<number | null> {
  const owner = (await first(tx.select({ agencyId: actions.ownerAgencyId }).from(actions).where(eq(actions.id, actionId))))!;
  const everything: Principal = { id: 0, name: 'System', roles: ['admin'], agencyIds: [], subgroupIds: [] };
  const byAgency = idsByAgency(await candidateRows(tx, clock, everything, { agencyId: owner.agencyId }, [actionId]));
  if (byAgency.size === 0) return null;
  const plan = await planMessages(tx, clock, everything, byAgency, { kind: 'return', replyBy, question, askedBy: actor.name }, mail);
  return recordChase(tx, plan, { kind: 'return', replyBy, question, scope: { agencyId: owner.agencyId }, byHand: true }, clock, actor);
}

type ChaseRow = typeof chases.$inferSelect;

async function summaries(db: Db, rows: ChaseRow[], today: string): Promise<ChaseSummary[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const counts = await rowsOf<{ chaseId: number; agencies: number; actions: number; answered: number }>(db, sql`
    select ca.chase_id as "chaseId", cast(count(distinct ca.agency_id) as integer) as agencies, cast(count(*) as integer) as actions,
      cast(count(*) filter (where ${answeredAtSql(sql`c.created_at`, sql`ca.agency_id`, sql`ca.action_id`)} is not null) as integer) as answered
    from chase_actions ca join chases c on c.id = ca.chase_id
    where ${inJsonIds(db, sql`ca.chase_id`, ids)} group by ca.chase_id`);
  // `failing` is 1/0 on SQLite, true/false on PostgreSQL: read with Boolean(). Counts cast as in rankedCandidates.
  const mail = await rowsOf<{ chaseId: number; status: string; failing: number | boolean; n: number }>(db, sql`
    select chase_id as "chaseId", status, attempts > 0 and status = 'queued' as failing, cast(count(*) as integer) as n from emails
    where ${inJsonIds(db, sql`chase_id`, ids)} group by chase_id, status, failing`);
  return rows.map((row) => {
    const c = counts.find((x) => x.chaseId === row.id) ?? { agencies: 0, actions: 0, answered: 0 };
    const m = mail.filter((x) => x.chaseId === row.id);
    const sum = (pick: (x: (typeof m)[number]) => boolean) => m.filter(pick).reduce((n, x) => n + x.n, 0);
    return {
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      createdByName: row.createdByName,
      replyBy: row.replyBy,
      reviewId: row.reviewId,
      subgroupId: row.subgroupId,
      agencyId: row.agencyId,
      byHand: row.byHand,
      question: row.question,
      agencies: c.agencies,
      actions: c.actions,
      answered: c.answered ?? 0,
      replyOverdue: row.replyBy < today ? c.actions - (c.answered ?? 0) : 0,
      mail: {
        queued: sum((x) => (x.status === 'queued' || x.status === 'sending') && !x.failing),
        retrying: sum((x) => Boolean(x.failing)),
        sent: sum((x) => x.status === 'sent' || x.status === 'logged'),
      },
    };
  });
}

/** What a chair may see of the chase history: the requests that asked about their subgroups' actions. */
function visibleChaseCondition(db: Db | Tx, principal: Principal): SQL | undefined {
  const allowed = chaseableSubgroups(principal);
  if (allowed === 'all') return undefined;
  return sql`exists (select 1 from chase_actions ca join actions a on a.id = ca.action_id where ca.chase_id = ${chases.id}
    and ${inJsonIds(db, sql`a.subgroup_id`, JSON.stringify(allowed))})`;
}

export async function listChases(db: Db, clock: PlanClock, principal: Principal, query: { limit: number; cursor?: string | undefined; agencyId?: number | undefined }) {
  const before = query.cursor ? Number(query.cursor) : undefined;
  if (query.cursor !== undefined && !Number.isInteger(before)) throw unprocessable('validation.failed', [{ path: 'cursor', message: 'is not a cursor this list gave' }]);
  const conditions = [
    before !== undefined ? sql`${chases.id} < ${before}` : undefined,
    query.agencyId !== undefined ? sql`exists (select 1 from chase_actions ca where ca.chase_id = ${chases.id} and ca.agency_id = ${query.agencyId})` : undefined,
    visibleChaseCondition(db, principal),
  ].filter((c) => c !== undefined);
  const rows = await db
    .select()
    .from(chases)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(chases.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items: await summaries(db, items, clock.today), nextCursor: rows.length > query.limit ? String(items.at(-1)!.id) : null };
}

const linkStatus = (recipient: typeof chaseRecipients.$inferSelect, today: string) =>
  recipient.revokedAt ? ('revoked' as const) : recipient.linkExpiresOn < today ? ('expired' as const) : ('active' as const);

export async function getChase(db: Db, id: number, clock: PlanClock, principal: Principal): Promise<ChaseDetail> {
  const visible = visibleChaseCondition(db, principal);
  const row = await first(db.select().from(chases).where(visible ? and(eq(chases.id, id), visible) : eq(chases.id, id)));
  if (!row) throw notFound('chase', id);
  const [summary] = await summaries(db, [row], clock.today);
  const asks = await rowsOf<{ agencyId: number; actionId: number; ref: string; answeredAt: string | null }>(db, sql`
    select ca.agency_id as "agencyId", ca.action_id as "actionId", a.ref as ref,
      ${answeredAtSql(sql`${row.createdAt}`, sql`ca.agency_id`, sql`ca.action_id`)} as "answeredAt"
    from chase_actions ca join actions a on a.id = ca.action_id where ca.chase_id = ${id} order by a.ref`);
  const recipients = await db.select().from(chaseRecipients).where(eq(chaseRecipients.chaseId, id)).orderBy(chaseRecipients.name);
  const mail = await db.select().from(emails).where(eq(emails.chaseId, id)).orderBy(emails.id);
  const used = recipients.length
    ? await db
        .select({ recipientId: replyLinks.recipientId, at: sql<string | null>`max(${replyLinks.lastUsedAt})` })
        .from(replyLinks)
        .where(inArray(replyLinks.recipientId, recipients.map((r) => r.id)))
        .groupBy(replyLinks.recipientId)
    : [];
  const info = await agencyRows(db, [...new Set(asks.map((a) => a.agencyId))]);
  const toEmail = (e: (typeof mail)[number]) => ({
    id: e.id,
    kind: e.kind,
    status: e.status,
    createdAt: e.createdAt,
    sentAt: e.sentAt,
    attempts: e.attempts,
    lastError: e.lastError,
    nextAttemptAt: e.nextAttemptAt,
  });
  const byAgency = [...info.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((agency) => ({
      agency: { id: agency.id, name: agency.name, shortName: agency.shortName },
      recipients: recipients
        .filter((r) => r.agencyId === agency.id)
        .map((r) => ({
          id: r.id,
          userId: r.userId,
          name: r.name,
          email: r.email,
          linkExpiresOn: r.linkExpiresOn,
          linkStatus: linkStatus(r, clock.today),
          revokedAt: r.revokedAt,
          revokedByName: r.revokedByName,
          linkLastUsedAt: used.find((u) => u.recipientId === r.id)?.at ?? null,
          emails: mail.filter((e) => e.replyRecipientId === r.id).map(toEmail),
        })),
      escalations: mail
        .filter((e) => e.kind === 'escalation' && e.dedupeKey === escalationKey(id, agency.id))
        .map((e) => ({ ...toEmail(e), toName: e.toName, toAddress: e.toAddress })),
      actions: asks
        .filter((a) => a.agencyId === agency.id)
        .map((a) => ({
          id: a.actionId,
          ref: a.ref,
          answeredAt: a.answeredAt,
          state: a.answeredAt ? ('answered' as const) : row.replyBy < clock.today ? ('reply_overdue' as const) : ('requested' as const),
        })),
    }));
  return { ...summary!, byAgency };
}

/** The outbox keys that make each reminder and escalation go once (reminders.ts builds the same keys in SQL from these prefixes). */
export const REMINDER_KEY_PREFIX = 'reminder:';
export const ESCALATION_KEY_PREFIX = 'escalation:';
export const escalationKey = (chaseId: number, agencyId: number) => `${ESCALATION_KEY_PREFIX}${chaseId}:${agencyId}`;
export const reminderKey = (recipientId: number) => `${REMINDER_KEY_PREFIX}${recipientId}`;

/** Revokes a recipient's reply link (every copy of it: the message's and any reminder's). */
export async function revokeRecipient(db: Db, chaseId: number, recipientId: number, clock: PlanClock, actor: Actor): Promise<ChaseDetail> {
  const principal = clock.viewer!;
  await writeTransaction(db, async (tx) => {
    const visible = visibleChaseCondition(tx, principal);
    const chase = await first(tx.select({ id: chases.id }).from(chases).where(visible ? and(eq(chases.id, chaseId), visible) : eq(chases.id, chaseId)));
    if (!chase) throw notFound('chase', chaseId);
    const recipient = await first(tx.select().from(chaseRecipients).where(and(eq(chaseRecipients.id, recipientId), eq(chaseRecipients.chaseId, chaseId))));
    if (!recipient) throw notFound('chase recipient', recipientId);
    if (recipient.revokedAt) return;
    await tx.update(chaseRecipients).set({ revokedAt: clock.now.toISOString(), revokedByName: actor.name }).where(eq(chaseRecipients.id, recipientId));
    await recordAudit(tx, actor, { entity: 'reply_link', entityId: recipientId, operation: 'revoke', after: { chaseId, recipient: recipient.email }, at: clock.now });
  });
  return getChase(db, chaseId, clock, principal);
}

/** The update requests that named one action, newest first, with what became of each. */
export async function actionChases(db: Db, actionId: number, clock: PlanClock): Promise<ActionChase[]> {
  if (!(await first(db.select({ id: actions.id }).from(actions).where(eq(actions.id, actionId))))) throw notFound('action', actionId);
  const rows = await rowsOf<{ chaseId: number; kind: 'chase' | 'return'; createdAt: string; createdByName: string; replyBy: string; agencyId: number; agencyName: string; answeredAt: string | null }>(db, sql`
    select c.id as "chaseId", c.kind as kind, c.created_at as "createdAt", c.created_by_name as "createdByName", c.reply_by as "replyBy",
      ca.agency_id as "agencyId", g.name as "agencyName",
      ${answeredAtSql(sql`c.created_at`, sql`ca.agency_id`, sql`ca.action_id`)} as "answeredAt"
    from chase_actions ca join chases c on c.id = ca.chase_id join agencies g on g.id = ca.agency_id
    where ca.action_id = ${actionId} order by c.id desc, g.name`);
  const recipients = rows.length
    ? await db
        .select({ chaseId: chaseRecipients.chaseId, agencyId: chaseRecipients.agencyId, name: chaseRecipients.name })
        .from(chaseRecipients)
        .where(inArray(chaseRecipients.chaseId, [...new Set(rows.map((r) => r.chaseId))]))
    : [];
  return rows.map((r) => ({
    ...r,
    sentTo: recipients.filter((x) => x.chaseId === r.chaseId && x.agencyId === r.agencyId).map((x) => x.name),
    state: r.answeredAt ? 'answered' : r.replyBy < clock.today ? 'reply_overdue' : 'requested',
  }));
}
