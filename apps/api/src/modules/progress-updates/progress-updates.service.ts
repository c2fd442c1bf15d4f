import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { ProgressUpdate, ProgressUpdateCreate } from '@lrt/contracts';
import type { ProgressUpdateCreate as ProgressUpdateCreateSchema } from '@lrt/contracts';
import { actionAgencies, actions, progressUpdates, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { z } from 'zod';
import { checkStatusChange, defaultUpdateAgency, progressUpdatePermission } from '@lrt/domain';
import { TEXT_THEN_ID, decodeCursor, toPage } from '../../lib/pagination';
import { nowIso } from '../../lib/persistence';
import { ProblemError, forbidden, notFound, unprocessable, versionConflict } from '../../plugins/problems';
import { auditable, getAction } from '../actions/actions.service';
import { changedFields, recordAudit, type Actor } from '../../lib/audit';
import type { PlanClock } from '../settings/settings.service';

type Row = typeof progressUpdates.$inferSelect;
type ParsedCreate = z.output<typeof ProgressUpdateCreateSchema>;

const toDto = (row: Row): ProgressUpdate => ({
  id: row.id,
  actionId: row.actionId,
  authorName: row.authorName,
  agencyId: row.agencyId,
  createdAt: row.createdAt,
  note: row.note,
  confidence: row.confidence,
  statusChange: row.statusFrom && row.statusTo ? { from: row.statusFrom, to: row.statusTo } : null,
  evidence: row.evidence,
  evidenceOfImpact: row.evidenceOfImpact,
  reason: row.reason,
});

function requireAction(db: Db | Tx, id: number) {
  const action = db.select().from(actions).where(eq(actions.id, id)).get();
  if (!action) throw notFound('action', id);
  return action;
}

/** An action's history, newest first. */
export function listProgressUpdates(db: Db, actionId: number, query: { limit: number; cursor?: string | undefined }) {
  requireAction(db, actionId);
  const after = decodeCursor(query.cursor, TEXT_THEN_ID);
  const rows = db
    .select()
    .from(progressUpdates)
    .where(
      and(
        eq(progressUpdates.actionId, actionId),
        after
          ? or(
              lt(progressUpdates.createdAt, after[0] as string),
              and(eq(progressUpdates.createdAt, after[0] as string), lt(progressUpdates.id, after[1] as number)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(progressUpdates.createdAt), desc(progressUpdates.id))
    .limit(query.limit + 1)
    .all();
  const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * Appends a dated note to an action, and with it any change of status the workflow and the author's role allow.
 * The action's status, latest confidence and last update move in the same transaction, with their audit events,
 * so the history, the action and the trail never disagree.
 */
export function postProgressUpdate(db: Db, actionId: number, input: ProgressUpdateCreate, clock: PlanClock, actor: Actor): ProgressUpdate {
  const body = input as ParsedCreate;
  const author = clock.viewer;
  if (!author) throw new ProblemError(401, 'auth.unauthenticated', 'Sign in', 'Sign in to post a progress update.');
  return writeTransaction(db, (tx) => {
    const action = requireAction(tx, actionId);
    const agencyIds = [action.ownerAgencyId, ...tx.select().from(actionAgencies).where(eq(actionAgencies.actionId, actionId)).all().map((a) => a.agencyId)];
    const permission = progressUpdatePermission(author, { status: action.status, agencyIds, subgroupId: action.subgroupId });
    if (!permission.canPostUpdate) throw forbidden("You may post updates only on your own agency's actions, or on those your subgroup oversees.");

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
    if (body.actionVersion !== undefined && body.actionVersion !== action.version) {
      throw versionConflict('action', getAction(tx, actionId, clock));
    }
    const to = body.statusChange?.to;
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
    const before = auditable(getAction(tx, actionId, clock));
    // Instants order the history: never let a new update sort before the latest one.
    const at = nowIso(clock.now) > (action.lastUpdateAt ?? '') ? nowIso(clock.now) : (action.lastUpdateAt as string);
    const row = tx
      .insert(progressUpdates)
      .values({
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
        evidenceOfImpact: to === 'assured' ? (body.evidenceOfImpact?.trim() ?? null) : null,
        reason: to === 'withdrawn' ? (body.reason?.trim() ?? null) : null,
      })
      .returning()
      .get();
    tx.update(actions)
      .set({
        lastUpdateAt: at,
        latestConfidence: body.confidence,
        updatedAt: nowIso(clock.now),
        version: action.version + 1,
        ...(to ? { status: to } : {}),
        ...(to === 'assured' ? { evidenceOfImpact: body.evidenceOfImpact!.trim() } : {}),
        ...(to === 'withdrawn' ? { withdrawnReason: body.reason!.trim() } : {}),
      })
      .where(eq(actions.id, actionId))
      .run();
    const update = toDto(row);
    const changes = changedFields(before, auditable(getAction(tx, actionId, clock)));
    recordAudit(tx, actor, { entity: 'action', entityId: actionId, operation: 'progress_update', before: changes?.before ?? null, after: { ...changes?.after, progressUpdateId: update.id, note: update.note }, at: clock.now });
    return update;
  });
}

const refusal = (refusals: ReturnType<typeof checkStatusChange>) =>
  unprocessable(
    refusals[0]!.code,
    refusals.map(({ path, message }) => ({ path, message })),
  );
