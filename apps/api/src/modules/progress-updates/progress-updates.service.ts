import { and, eq } from 'drizzle-orm';
import type { Action, AssuranceDecision, ProgressUpdate, ProgressUpdateCreate } from '@lrt/contracts';
import type { ProgressUpdateCreate as ProgressUpdateCreateSchema } from '@lrt/contracts';
import { actionAgencies, actions, progressUpdates, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { z } from 'zod';
import { addDays, checkStatusChange, defaultUpdateAgency, isSignOff, progressUpdatePermission, type UpdatePermission } from '@lrt/domain';
import { newestFirst, toPage } from '../../lib/pagination';
import { nowIso } from '../../lib/persistence';
import { ProblemError, forbidden, notFound, unprocessable, versionConflict } from '../../plugins/problems';
import { auditable, getAction } from '../actions/actions.service';
import { changedFields, recordAudit, type Actor } from '../../lib/audit';
import { checkEvidenceFiles, describeEvidence, linkEvidenceFiles } from '../evidence/evidence.service';
import type { PlanClock } from '../settings/settings.service';

type Row = typeof progressUpdates.$inferSelect;
type ActionRow = typeof actions.$inferSelect;
type ParsedCreate = z.output<typeof ProgressUpdateCreateSchema>;

function toDtos(db: Db | Tx, rows: Row[]): ProgressUpdate[] {
  const evidence = describeEvidence(db, rows.map((row) => row.evidence));
  return rows.map((row, index) => ({
    id: row.id,
    actionId: row.actionId,
    authorName: row.authorName,
    agencyId: row.agencyId,
    createdAt: row.createdAt,
    kind: row.kind,
    note: row.note,
    confidence: row.confidence,
    statusChange: row.statusFrom && row.statusTo ? { from: row.statusFrom, to: row.statusTo } : null,
    evidence: evidence[index] ?? [],
    evidenceOfImpact: row.evidenceOfImpact,
    reason: row.reason,
    question: row.question,
    replyBy: row.replyBy,
  }));
}

function requireAction(db: Db | Tx, id: number) {
  const action = db.select().from(actions).where(eq(actions.id, id)).get();
  if (!action) throw notFound('action', id);
  return action;
}

/** An action's history, newest first. */
export function listProgressUpdates(db: Db, actionId: number, query: { limit: number; cursor?: string | undefined }) {
  requireAction(db, actionId);
  const order = newestFirst(progressUpdates.createdAt, progressUpdates.id, query.cursor);
  const rows = db
    .select()
    .from(progressUpdates)
    .where(and(eq(progressUpdates.actionId, actionId), order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
    .all();
  const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id]);
  return { items: toDtos(db, page.items), nextCursor: page.nextCursor };
}

interface Context {
  action: ActionRow;
  agencyIds: number[];
  permission: UpdatePermission;
  author: NonNullable<PlanClock['viewer']>;
}

/** The action, who may do what with it, and the checks every entry of its history makes first. */
function openAction(tx: Tx, actionId: number, clock: PlanClock, seen: { actionVersion?: number | undefined; from?: Action['status'] | undefined }): Context {
  const author = clock.viewer;
  if (!author) throw new ProblemError(401, 'auth.unauthenticated', 'Sign in', 'Sign in to post a progress update.');
  const action = requireAction(tx, actionId);
  const agencyIds = [action.ownerAgencyId, ...tx.select().from(actionAgencies).where(eq(actionAgencies.actionId, actionId)).all().map((a) => a.agencyId)];
  const permission = progressUpdatePermission(author, { status: action.status, agencyIds, subgroupId: action.subgroupId });
  // What the author saw is no longer so: nothing is written, and they see the action as it is now.
  if ((seen.actionVersion !== undefined && seen.actionVersion !== action.version) || (seen.from !== undefined && seen.from !== action.status)) {
    throw versionConflict('action', getAction(tx, actionId, clock));
  }
  return { action, agencyIds, permission, author };
}

/** Instants order the history: never let a new entry sort before the latest one. */
const entryInstant = (action: ActionRow, clock: PlanClock) => {
  const now = nowIso(clock.now);
  return now > (action.lastUpdateAt ?? '') ? now : (action.lastUpdateAt as string);
};

function audit(tx: Tx, actor: Actor, actionId: number, before: ReturnType<typeof auditable>, clock: PlanClock, update: ProgressUpdate) {
  const changes = changedFields(before, auditable(getAction(tx, actionId, clock)));
  recordAudit(tx, actor, {
    entity: 'action',
    entityId: actionId,
    operation: 'progress_update',
    before: changes?.before ?? null,
    after: { ...changes?.after, progressUpdateId: update.id, kind: update.kind, note: update.note },
    at: clock.now,
  });
}

/**
 * Appends a dated note to an action, and with it any change of status the workflow and the author's role allow.
 * The action's status, latest confidence and last update move in the same transaction, with their audit events,
 * so the history, the action and the trail never disagree. An agency's note answers a return for more
 * information: the action is no longer returned. Assuring or returning a completed action through this route is
 * a sign-off decision (see `decideAssurance`): it is recorded as one, without a confidence.
 */
export function postProgressUpdate(db: Db, actionId: number, input: ProgressUpdateCreate, clock: PlanClock, actor: Actor): ProgressUpdate {
  return writeTransaction(db, (tx) => postProgressUpdateIn(tx, actionId, input, clock, actor));
}

export function postProgressUpdateIn(tx: Tx, actionId: number, input: ProgressUpdateCreate, clock: PlanClock, actor: Actor): ProgressUpdate {
  const body = input as ParsedCreate;
  const context = openAction(tx, actionId, clock, { actionVersion: body.actionVersion, from: body.statusChange?.from });
  const { action, agencyIds, permission, author } = context;
  if (!permission.canPostUpdate) throw forbidden("You may post updates only on your own agency's actions, or on those your subgroup oversees.");

  const to = body.statusChange?.to;
  if (to !== undefined && isSignOff(action.status, to)) {
    const decision: AssuranceDecision =
      to === 'assured'
        ? { decision: 'assure', evidenceOfImpact: body.evidenceOfImpact ?? '', note: body.note }
        : { decision: 'return', question: body.note };
    if (decision.decision === 'assure' && !decision.evidenceOfImpact.trim()) {
      throw unprocessable('action.evidence_of_impact_required', [{ path: 'evidenceOfImpact', message: 'assuring an action needs the evidence that practice changed' }]);
    }
    return recordDecision(tx, context, decision, clock, actor);
  }

  let agencyId: number | null;
  if (body.agencyId !== undefined) {
    if (!agencyIds.includes(body.agencyId)) {
      throw unprocessable('progress_update.agency_not_on_action', [{ path: 'agencyId', message: "is not one of this action's agencies" }]);
    }
    if (!permission.agencyIds.includes(body.agencyId)) throw forbidden('You cannot post an update for an agency that is not yours.');
    agencyId = body.agencyId;
  } else {
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
  checkEvidenceFiles(tx, body.evidence, author.id);
  const before = auditable(getAction(tx, actionId, clock));
  const at = entryInstant(action, clock);
  const row = tx
    .insert(progressUpdates)
    .values({
      actionId,
      authorName: author.name,
      authorUserId: author.id,
      agencyId,
      createdAt: at,
      kind: 'progress',
      note: body.note,
      confidence: body.confidence,
      statusFrom: to ? action.status : null,
      statusTo: to ?? null,
      evidence: body.evidence,
      evidenceOfImpact: null,
      reason: to === 'withdrawn' ? (body.reason?.trim() ?? null) : null,
    })
    .returning()
    .get();
  linkEvidenceFiles(tx, row.id, body.evidence);
  tx.update(actions)
    .set({
      lastUpdateAt: at,
      latestConfidence: body.confidence,
      updatedAt: nowIso(clock.now),
      version: action.version + 1,
      // The agency's note is its answer to a return for more information.
      returnedAt: null,
      returnedQuestion: null,
      returnedReplyBy: null,
      ...(to ? { status: to } : {}),
      ...(to === 'withdrawn' ? { withdrawnReason: body.reason!.trim() } : {}),
    })
    .where(eq(actions.id, actionId))
    .run();
  const update = toDtos(tx, [row])[0]!;
  audit(tx, actor, actionId, before, clock, update);
  return update;
}

/**
 * The sign-off of a completed action by the overseeing subgroup's chair or the business unit: assure it with the
 * evidence of impact, or return it to its agency with a question and a day to answer by. Kept in the action's
 * history as a decision, with who decided; it carries no confidence and does not count as the agency's progress
 * (the staleness clock and latest confidence stay as the agency left them).
 */
export function decideAssurance(db: Db, actionId: number, decision: AssuranceDecision, clock: PlanClock, actor: Actor) {
  return writeTransaction(db, (tx) => {
    const context = openAction(tx, actionId, clock, { actionVersion: decision.actionVersion });
    const update = recordDecision(tx, context, decision, clock, actor);
    return { update, action: getAction(tx, actionId, clock) };
  });
}

function recordDecision(tx: Tx, context: Context, decision: AssuranceDecision, clock: PlanClock, actor: Actor): ProgressUpdate {
  const { action, permission, author } = context;
  if (action.status !== 'completed') {
    throw unprocessable('action.transition_not_allowed', [
      { path: 'decision', message: `only a completed action can be assured or returned; this one is ${action.status.replace('_', ' ')}` },
    ]);
  }
  if (!permission.canDecideAssurance) throw forbidden('Only the business unit or the chair of the subgroup overseeing this action may sign it off.');
  let replyBy: string | null = null;
  if (decision.decision === 'return') {
    replyBy = decision.replyBy ?? addDays(clock.today, clock.replyPeriodDays);
    if (replyBy < clock.today) throw unprocessable('validation.failed', [{ path: 'replyBy', message: 'must be today or later' }]);
  }
  const before = auditable(getAction(tx, action.id, clock));
  const at = entryInstant(action, clock);
  const assure = decision.decision === 'assure';
  const row = tx
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
    .returning()
    .get();
  tx.update(actions)
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
    .where(eq(actions.id, action.id))
    .run();
  const update = toDtos(tx, [row])[0]!;
  audit(tx, actor, action.id, before, clock, update);
  return update;
}

const refusal = (refusals: ReturnType<typeof checkStatusChange>) =>
  unprocessable(
    refusals[0]!.code,
    refusals.map(({ path, message }) => ({ path, message })),
  );
