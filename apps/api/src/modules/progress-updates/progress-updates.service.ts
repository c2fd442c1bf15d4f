import { and, desc, eq, sql } from 'drizzle-orm';
import type { Action, AssuranceDecision, ProgressUpdate, ProgressUpdateCreate } from '@lrt/contracts';
import type { ProgressUpdateCreate as ProgressUpdateCreateSchema } from '@lrt/contracts';
import { actionAgencies, actions, inJsonIds, progressUpdates, userAgencies, userRoles, userSubgroups, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { z } from 'zod';
import {
  addDays,
  checkStatusChange,
  defaultUpdateAgency,
  isClosed,
  isSignOff,
  postedAs,
  progressUpdatePermission,
  type ActionScope,
  type Principal,
  type UpdatePermission,
} from '@lrt/domain';
import { newestFirst, toPage } from '../../lib/pagination';
import { nowIso, prepared } from '../../lib/persistence';
import { ProblemError, forbidden, notFound, unprocessable, versionConflict } from '../../plugins/problems';
import { auditable, completionProposers, getAction } from '../actions/actions.service';
import { changedFields, recordAudit, type Actor } from '../../lib/audit';
import { checkEvidenceFiles, describeEvidence, linkEvidenceFiles } from '../evidence/evidence.service';
import type { PlanClock } from '../settings/settings.service';
import { askAgainOnReturn, type MailContext } from '../chase/chase.service';

type Row = typeof progressUpdates.$inferSelect;
type ActionRow = typeof actions.$inferSelect;
type ParsedCreate = z.output<typeof ProgressUpdateCreateSchema>;

type Author = Pick<Principal, 'roles' | 'agencyIds' | 'subgroupIds'>;

/** The authors of some entries as they are now: their roles, agencies and subgroups, in three queries. */
async function authorsOf(db: Db | Tx, userIds: number[]): Promise<Map<number, Author>> {
  const ids = [...new Set(userIds)];
  const authors = new Map<number, { roles: Author['roles'][number][]; agencyIds: number[]; subgroupIds: number[] }>(
    ids.map((id) => [id, { roles: [], agencyIds: [], subgroupIds: [] }]),
  );
  if (ids.length === 0) return authors;
  const idsParam = sql.placeholder('ids');
  const values = { ids: JSON.stringify(ids) };
  const roles = prepared(db, 'progress-updates.author-roles', (d) => d.select().from(userRoles).where(inJsonIds(d, userRoles.userId, idsParam)).prepare());
  const agencies = prepared(db, 'progress-updates.author-agencies', (d) => d.select().from(userAgencies).where(inJsonIds(d, userAgencies.userId, idsParam)).prepare());
  const subgroups = prepared(db, 'progress-updates.author-subgroups', (d) => d.select().from(userSubgroups).where(inJsonIds(d, userSubgroups.userId, idsParam)).prepare());
  for (const r of await roles.all(values)) authors.get(r.userId)?.roles.push(r.role);
  for (const r of await agencies.all(values)) authors.get(r.userId)?.agencyIds.push(r.agencyId);
  for (const r of await subgroups.all(values)) authors.get(r.userId)?.subgroupIds.push(r.subgroupId);
  return authors;
}

/** Entries of one action's history as the API shows them; `subgroupId` is the action's, to tell its chair's word. */
async function toDtos(db: Db | Tx, rows: Row[], subgroupId: number | null): Promise<ProgressUpdate[]> {
  const evidence = await describeEvidence(db, rows.map((row) => row.evidence));
  const authors = await authorsOf(db, rows.flatMap((row) => (row.authorUserId === null ? [] : [row.authorUserId])));
  return rows.map((row, index) => ({
    id: row.id,
    actionId: row.actionId,
    authorName: row.authorName,
    agencyId: row.agencyId,
    createdAt: row.createdAt,
    kind: row.kind,
    postedAs: postedAs(row.authorUserId === null ? undefined : authors.get(row.authorUserId), row, subgroupId),
    note: row.note,
    confidence: row.confidence,
    statusChange: row.statusFrom && row.statusTo ? { from: row.statusFrom, to: row.statusTo } : null,
    evidence: evidence[index] ?? [],
    evidenceOfImpact: row.evidenceOfImpact,
    reason: row.reason,
    question: row.question,
    replyBy: row.replyBy,
    importedFrom: row.importedFrom,
  }));
}

async function requireAction(db: Db | Tx, id: number) {
  const action = await prepared(db, 'progress-updates.action', (d) =>
    d.select().from(actions).where(eq(actions.id, sql.placeholder('id'))).prepare(),
  ).get({ id });
  if (!action) throw notFound('action', id);
  return action;
}

/** An action's history, newest first. */
export async function listProgressUpdates(db: Db, actionId: number, query: { limit: number; cursor?: string | undefined }) {
  const action = await requireAction(db, actionId);
  const order = newestFirst(progressUpdates.createdAt, progressUpdates.id, query.cursor);
  const rows = await db
    .select()
    .from(progressUpdates)
    .where(and(eq(progressUpdates.actionId, actionId), order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id]);
  return { items: await toDtos(db, page.items, action.subgroupId), nextCursor: page.nextCursor };
}

interface Context {
  action: ActionRow;
  agencyIds: number[];
  permission: UpdatePermission;
  author: NonNullable<PlanClock['viewer']>;
  /** What this person could do were the action still open: tells "it is closed" from "not yours". */
  whileOpen: UpdatePermission;
}

const GENERAL_REFUSAL =
  "You may post progress only on your own agency's actions, and comment only on those your subgroup oversees.";

/** The action, who may do what with it, and the checks every entry of its history makes first. */
async function openAction(
  tx: Tx,
  actionId: number,
  clock: PlanClock,
  seen: { actionVersion?: number | undefined; from?: Action['status'] | undefined },
): Promise<Context> {
  const author = clock.viewer;
  if (!author) throw new ProblemError(401, 'auth.unauthenticated', 'Sign in', 'Sign in to post a progress update.');
  const action = await requireAction(tx, actionId);
  const partners = prepared(tx, 'progress-updates.partners', (d) =>
    d.select({ agencyId: actionAgencies.agencyId }).from(actionAgencies).where(eq(actionAgencies.actionId, sql.placeholder('actionId'))).prepare(),
  );
  const agencyIds = [action.ownerAgencyId, ...(await partners.all({ actionId })).map((a) => a.agencyId)];
  const scope: ActionScope = {
    status: action.status,
    agencyIds,
    subgroupId: action.subgroupId,
    completionProposedBy: action.status === 'completed' ? ((await completionProposers(tx, [actionId])).get(actionId) ?? null) : null,
  };
  const permission = progressUpdatePermission(author, scope);
  // What the author saw is no longer so: nothing is written, and they see the action as it is now.
  if ((seen.actionVersion !== undefined && seen.actionVersion !== action.version) || (seen.from !== undefined && seen.from !== action.status)) {
    throw versionConflict('action', await getAction(tx, actionId, clock));
  }
  return { action, agencyIds, permission, author, whileOpen: progressUpdatePermission(author, { ...scope, status: 'in_progress' }) };
}

/**
 * An assured or withdrawn action takes nothing more. Said to those who could post or comment were it open; anyone
 * else is simply not allowed.
 */
function refuseIfClosed({ action, whileOpen }: Context) {
  if (!isClosed(action.status)) return;
  if (!whileOpen.canPostUpdate && !whileOpen.canComment) throw forbidden(GENERAL_REFUSAL);
  const state = action.status === 'assured' ? 'assured' : 'withdrawn';
  throw new ProblemError(422, 'action.closed', 'Cannot be done', `This action is ${state}: it takes no more updates.`);
}

/** Instants order the history: never let a new entry sort before the latest one (a comment or a decision included). */
const entryInstant = async (tx: Tx, action: ActionRow, clock: PlanClock) => {
  const now = nowIso(clock.now);
  const newest = prepared(tx, 'progress-updates.newest', (d) =>
    d
      .select({ at: progressUpdates.createdAt })
      .from(progressUpdates)
      .where(eq(progressUpdates.actionId, sql.placeholder('actionId')))
      .orderBy(desc(progressUpdates.createdAt))
      .limit(1)
      .prepare(),
  );
  const latest = (await newest.get({ actionId: action.id }))?.at ?? '';
  const floor = latest > (action.lastUpdateAt ?? '') ? latest : (action.lastUpdateAt ?? '');
  return now > floor ? now : floor;
};

async function audit(
  tx: Tx,
  actor: Actor,
  actionId: number,
  before: ReturnType<typeof auditable>,
  clock: PlanClock,
  update: ProgressUpdate,
) {
  const changes = changedFields(before, auditable(await getAction(tx, actionId, clock)));
  await recordAudit(tx, actor, {
    entity: 'action',
    entityId: actionId,
    operation: 'progress_update',
    before: changes?.before ?? null,
    after: { ...changes?.after, progressUpdateId: update.id, kind: update.kind, postedAs: update.postedAs, agencyId: update.agencyId, note: update.note },
    at: clock.now,
  });
}

/** An agency's progress note, as postProgressUpdateIn writes it: prepared once per connection. */
const insertProgress = (tx: Tx) =>
  prepared(tx, 'progress-updates.insert', (d) =>
    d
      .insert(progressUpdates)
      .values({
        actionId: sql.placeholder('actionId'),
        authorName: sql.placeholder('authorName'),
        authorUserId: sql.placeholder('authorUserId'),
        agencyId: sql.placeholder('agencyId'),
        createdAt: sql.placeholder('createdAt'),
        kind: 'progress',
        note: sql.placeholder('note'),
        confidence: sql.placeholder('confidence'),
        statusFrom: sql.placeholder('statusFrom'),
        statusTo: sql.placeholder('statusTo'),
        evidence: sql.placeholder('evidence'),
        evidenceOfImpact: null,
        reason: sql.placeholder('reason'),
        importedFrom: sql.placeholder('importedFrom'),
      })
      .returning()
      .prepare(),
  );

/**
 * What an agency's note does to its action: its latest word and confidence, its version, any return for more
 * information answered, and its status and the reason it was withdrawn when the note changes them (null keeps them).
 */
const moveAction = (tx: Tx) =>
  prepared(tx, 'progress-updates.move-action', (d) =>
    d
      .update(actions)
      .set({
        lastUpdateAt: sql`${sql.placeholder('lastUpdateAt')}`,
        latestConfidence: sql`${sql.placeholder('latestConfidence')}`,
        updatedAt: sql`${sql.placeholder('updatedAt')}`,
        version: sql`${sql.placeholder('version')}`,
        // The agency's note is its answer to a return for more information.
        returnedAt: null,
        returnedQuestion: null,
        returnedReplyBy: null,
        status: sql`coalesce(${sql.placeholder('status')}, ${actions.status})`,
        withdrawnReason: sql`coalesce(${sql.placeholder('withdrawnReason')}, ${actions.withdrawnReason})`,
      })
      .where(eq(actions.id, sql.placeholder('id')))
      .prepare(),
  );

/**
 * Appends a dated note to an action, and with it any change of status the workflow and the author's role allow.
 * The action's status, latest confidence and last update move in the same transaction, with their audit events,
 * so the history, the action and the trail never disagree. An agency's note answers a return for more
 * information: the action is no longer returned. The business unit posts on an agency's behalf: its note names
 * the agency (the owner when left out) and counts as that agency's progress. Assuring or returning a completed
 * action through this route is a sign-off decision (see `decideAssurance`): it is recorded as one, without a
 * confidence. A comment (`kind: 'comment'`) is the chair's or the business unit's word, not the agency's: see
 * `postComment`. An assured or withdrawn action takes nothing more.
 */
export async function postProgressUpdate(
  db: Db,
  actionId: number,
  input: ProgressUpdateCreate,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
): Promise<ProgressUpdate> {
  return writeTransaction(db, (tx) => postProgressUpdateIn(tx, actionId, input, clock, actor, mail));
}

/**
 * Posts an update inside the caller's transaction. `importedFrom` marks an agency's note brought in from a
 * spreadsheet plan (by the business unit, on the agency's behalf), with the file's name.
 */
export async function postProgressUpdateIn(
  tx: Tx,
  actionId: number,
  input: ProgressUpdateCreate,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
  options: { importedFrom?: string } = {},
): Promise<ProgressUpdate> {
  const body = input as ParsedCreate;
  const context = await openAction(tx, actionId, clock, { actionVersion: body.actionVersion, from: body.statusChange?.from });
  const { action, agencyIds, permission, author } = context;
  refuseIfClosed(context);
  if (body.kind === 'comment') return postComment(tx, context, body, clock, actor);

  const to = body.statusChange?.to;
  // Signing off is for those who may sign off, whether or not they may post the agency's progress.
  if (to !== undefined && isSignOff(action.status, to)) {
    const decision: AssuranceDecision =
      to === 'assured'
        ? { decision: 'assure', evidenceOfImpact: body.evidenceOfImpact ?? '', note: body.note }
        : { decision: 'return', question: body.note };
    if (decision.decision === 'assure' && !decision.evidenceOfImpact.trim()) {
      throw unprocessable('action.evidence_of_impact_required', [{ path: 'evidenceOfImpact', message: 'assuring an action needs the evidence that practice changed' }]);
    }
    return recordDecision(tx, context, decision, clock, actor, mail);
  }
  if (!permission.canPostUpdate) {
    throw forbidden(
      permission.canComment
        ? "A subgroup chair's word on an action is a comment, not its agency's progress: post it as a comment (kind: comment), with no confidence or status change."
        : GENERAL_REFUSAL,
    );
  }

  let agencyId: number | null;
  if (body.agencyId !== undefined) {
    if (!agencyIds.includes(body.agencyId)) {
      throw unprocessable('progress_update.agency_not_on_action', [{ path: 'agencyId', message: "is not one of this action's agencies" }]);
    }
    if (!permission.agencyIds.includes(body.agencyId)) throw forbidden('You cannot post an update for an agency that is not yours.');
    agencyId = body.agencyId;
  } else {
    // The business unit speaks for the owner agency unless it names another.
    agencyId = defaultUpdateAgency(author, permission.agencyIds, action.ownerAgencyId);
  }
  if (to !== undefined) {
    const refusals = checkStatusChange({
      from: action.status,
      to,
      evidenceCount: body.evidence.length,
      evidenceOfImpact: body.evidenceOfImpact,
      reason: body.reason,
    });
    if (refusals[0]?.code === 'action.transition_not_allowed') throw refusal(refusals);
    if (!permission.statusChanges.includes(to)) throw forbidden(`Your role does not allow you to move this action to ${to.replace('_', ' ')}.`);
    if (refusals.length > 0) throw refusal(refusals);
  }
  if (!body.confidence) {
    throw unprocessable('progress_update.confidence_required', [{ path: 'confidence', message: 'say whether the action is on track, at risk or off track' }]);
  }
  await checkEvidenceFiles(tx, body.evidence, author.id);
  const before = auditable(await getAction(tx, actionId, clock));
  const at = await entryInstant(tx, action, clock);
  const row = (await insertProgress(tx).get({
    actionId,
    authorName: author.name,
    authorUserId: author.id,
    agencyId,
    createdAt: at,
    note: body.note,
    confidence: body.confidence,
    statusFrom: to ? action.status : null,
    statusTo: to ?? null,
    evidence: body.evidence,
    reason: to === 'withdrawn' ? (body.reason?.trim() ?? null) : null,
    importedFrom: options.importedFrom ?? null,
  }))!;
  await linkEvidenceFiles(tx, row.id, body.evidence);
  await moveAction(tx).run({
    id: actionId,
    lastUpdateAt: at,
    latestConfidence: body.confidence,
    updatedAt: nowIso(clock.now),
    version: action.version + 1,
    status: to ?? null,
    withdrawnReason: to === 'withdrawn' ? body.reason!.trim() : null,
  });
  const update = (await toDtos(tx, [row], action.subgroupId))[0]!;
  await audit(tx, actor, actionId, before, clock, update);
  return update;
}

/**
 * A comment of the overseeing subgroup's chair or the business unit: kept in the action's history (and the audit
 * trail) with who wrote it, and nothing else. It is not the agency's progress: it has no confidence, status change,
 * agency or evidence, and the action stays exactly as it was (its BRAG, latest confidence, staleness clock, any
 * return for more information and its version, so an agency's form open at the time is not refused for it).
 */
async function postComment(tx: Tx, context: Context, body: ParsedCreate, clock: PlanClock, actor: Actor): Promise<ProgressUpdate> {
  const { action, permission, author } = context;
  if (!permission.canComment) {
    throw forbidden(
      permission.canPostUpdate
        ? "Comments are the overseeing subgroup chair's and the business unit's: post your agency's progress as a progress update."
        : GENERAL_REFUSAL,
    );
  }
  const notOnAComment = [
    body.confidence !== undefined && { path: 'confidence', message: "a comment has no confidence: only the agency's progress update does" },
    body.statusChange !== null && { path: 'statusChange', message: "a comment cannot change the action's status" },
    body.agencyId !== undefined && { path: 'agencyId', message: 'a comment speaks for no agency' },
    body.evidence.length > 0 && { path: 'evidence', message: "a comment carries no evidence: evidence comes with the agency's progress update" },
    body.evidenceOfImpact !== undefined && { path: 'evidenceOfImpact', message: 'evidence of impact is recorded when the action is assured, not with a comment' },
    body.reason !== undefined && { path: 'reason', message: 'a comment withdraws nothing, so it has no reason' },
  ].filter((error) => error !== false);
  if (notOnAComment.length > 0) throw unprocessable('progress_update.comment_is_a_note_only', notOnAComment);

  const before = auditable(await getAction(tx, action.id, clock));
  const createdAt = await entryInstant(tx, action, clock);
  const [row] = await tx
    .insert(progressUpdates)
    .values({
      actionId: action.id,
      authorName: author.name,
      authorUserId: author.id,
      agencyId: null,
      createdAt,
      kind: 'comment',
      note: body.note,
      confidence: null,
      evidence: [],
    })
    .returning();
  const update = (await toDtos(tx, [row!], action.subgroupId))[0]!;
  await audit(tx, actor, action.id, before, clock, update);
  return update;
}

/**
 * The sign-off of a completed action by the overseeing subgroup's chair or the business unit: assure it with the
 * evidence of impact, or return it to its agency with a question and a day to answer by. Kept in the action's
 * history as a decision, with who decided; it carries no confidence and does not count as the agency's progress
 * (the staleness clock and latest confidence stay as the agency left them).
 */
export async function decideAssurance(
  db: Db,
  actionId: number,
  decision: AssuranceDecision,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
) {
  return writeTransaction(db, async (tx) => {
    const context = await openAction(tx, actionId, clock, { actionVersion: decision.actionVersion });
    refuseIfClosed(context);
    const update = await recordDecision(tx, context, decision, clock, actor, mail);
    return { update, action: await getAction(tx, actionId, clock) };
  });
}

/**
 * A return asks again: the agency's leads are sent a request for this action alone, with the question and the
 * reply-by day, in the same transaction (see `askAgainOnReturn`).
 */
async function recordDecision(
  tx: Tx,
  context: Context,
  decision: AssuranceDecision,
  clock: PlanClock,
  actor: Actor,
  mail: MailContext,
): Promise<ProgressUpdate> {
  const { action, permission, author } = context;
  if (action.status !== 'completed') {
    throw unprocessable('action.transition_not_allowed', [
      { path: 'decision', message: `only a completed action can be assured or returned; this one is ${action.status.replace('_', ' ')}` },
    ]);
  }
  if (permission.proposedCompletion) {
    // Separation of duties: whoever proposed the completion does not sign it off, the business unit included.
    throw new ProblemError(
      403,
      'action.own_proposal',
      'Not allowed',
      'You proposed this action as completed, so someone else must sign it off: another chair of the subgroup overseeing it, or the business unit.',
    );
  }
  if (!permission.canDecideAssurance) throw forbidden('Only the business unit or the chair of the subgroup overseeing this action may sign it off.');
  let replyBy: string | null = null;
  if (decision.decision === 'return') {
    replyBy = decision.replyBy ?? addDays(clock.today, clock.replyPeriodDays);
    if (replyBy < clock.today) throw unprocessable('validation.failed', [{ path: 'replyBy', message: 'must be today or later' }]);
  }
  const before = auditable(await getAction(tx, action.id, clock));
  const at = await entryInstant(tx, action, clock);
  const assure = decision.decision === 'assure';
  const [row] = await tx
    .insert(progressUpdates)
    .values({
      actionId: action.id,
      authorName: author.name,
      authorUserId: author.id,
      agencyId: null,
      createdAt: at,
      kind: assure ? 'assurance' : 'return',
      note: assure ? decision.note?.trim() || 'Assured.' : decision.question,
      confidence: null,
      statusFrom: 'completed',
      statusTo: assure ? 'assured' : 'in_progress',
      evidence: [],
      evidenceOfImpact: assure ? decision.evidenceOfImpact.trim() : null,
      question: assure ? null : decision.question,
      replyBy,
    })
    .returning();
  await tx
    .update(actions)
    .set(
      assure
        ? { status: 'assured', evidenceOfImpact: decision.evidenceOfImpact.trim(), updatedAt: nowIso(clock.now), version: action.version + 1 }
        : {
            status: 'in_progress',
            returnedAt: at,
            returnedQuestion: decision.question,
            returnedReplyBy: replyBy,
            updatedAt: nowIso(clock.now),
            version: action.version + 1,
          },
    )
    .where(eq(actions.id, action.id));
  const update = (await toDtos(tx, [row!], action.subgroupId))[0]!;
  await audit(tx, actor, action.id, before, clock, update);
  if (decision.decision === 'return') await askAgainOnReturn(tx, action.id, decision.question, replyBy!, clock, actor, mail);
  return update;
}

const refusal = (refusals: ReturnType<typeof checkStatusChange>) =>
  unprocessable(
    refusals[0]!.code,
    refusals.map(({ path, message }) => ({ path, message })),
  );
