import { and, eq } from 'drizzle-orm';
import type { Action, TargetDateDecision, TargetDateRequest, TargetDateRequestCreate } from '@lrt/contracts';
import { actionAgencies, actions, first, targetDateRequests, writeTransaction, type Db, type Tx } from '@lrt/db';
import { defaultUpdateAgency, progressUpdatePermission, type Principal, type UpdatePermission } from '@lrt/domain';
import { changedFields, recordAudit, type Actor } from '../../lib/audit';
import { newestFirst, toPage } from '../../lib/pagination';
import { nowIso, recordCreation } from '../../lib/persistence';
import { ProblemError, forbidden, notFound, unprocessable } from '../../plugins/problems';
import { auditable, getAction } from '../actions/actions.service';
import type { PlanClock } from '../settings/settings.service';
import { isTargetDateRevision, recordTargetDateChange } from './target-dates.service';

type RequestRow = typeof targetDateRequests.$inferSelect;
type ActionRow = typeof actions.$inferSelect;

const toDto = (row: RequestRow): TargetDateRequest => ({
  id: row.id,
  actionId: row.actionId,
  currentTargetDate: row.currentTargetDate,
  requestedTargetDate: row.requestedTargetDate,
  reason: row.reason,
  requestedBy: row.requestedByName,
  agencyId: row.agencyId,
  requestedAt: row.requestedAt,
  state: row.state,
  decidedBy: row.decidedByName,
  decidedAt: row.decidedAt,
  decisionNote: row.decisionNote,
});

async function requireAction(db: Db | Tx, id: number): Promise<ActionRow> {
  const action = await first(db.select().from(actions).where(eq(actions.id, id)));
  if (!action) throw notFound('action', id);
  return action;
}

function signedIn(clock: PlanClock): Principal {
  if (!clock.viewer) throw new ProblemError(401, 'auth.unauthenticated', 'Sign in', 'Sign in to ask for or decide a new target date.');
  return clock.viewer;
}

interface Permissions {
  /** What the person may do with the action as it is now. */
  now: UpdatePermission;
  /**
   * What they could do were the action still open: who they are, apart from the action's status. A closed action
   * is then refused as closed (422), not as someone else's (403).
   */
  whileOpen: UpdatePermission;
}

async function permissionsOn(tx: Tx, principal: Principal, action: ActionRow): Promise<Permissions> {
  const partners = await tx.select({ agencyId: actionAgencies.agencyId }).from(actionAgencies).where(eq(actionAgencies.actionId, action.id));
  const scope = { agencyIds: [action.ownerAgencyId, ...partners.map((p) => p.agencyId)], subgroupId: action.subgroupId };
  return {
    now: progressUpdatePermission(principal, { ...scope, status: action.status }),
    whileOpen: progressUpdatePermission(principal, { ...scope, status: 'in_progress' }),
  };
}

const closedAction = (action: ActionRow, path: string) =>
  unprocessable('target_date_request.action_closed', [
    { path, message: `this action is ${action.status.replace('_', ' ')}: its target date no longer changes` },
  ]);

const pendingOf = (tx: Db | Tx, actionId: number) =>
  first(
    tx
      .select()
      .from(targetDateRequests)
      .where(and(eq(targetDateRequests.actionId, actionId), eq(targetDateRequests.state, 'pending'))),
  );

/**
 * An agency lead asks for a new target date, saying why. The action itself does not change (its version stays):
 * it shows the request as pending until an admin or the overseeing subgroup's chair decides it. One pending
 * request per action, so a decider never weighs two dates against each other.
 */
export async function requestTargetDate(
  db: Db,
  actionId: number,
  input: TargetDateRequestCreate,
  clock: PlanClock,
  actor: Actor,
): Promise<TargetDateRequest> {
  return writeTransaction(db, async (tx) => {
    const principal = signedIn(clock);
    const action = await requireAction(tx, actionId);
    const permission = await permissionsOn(tx, principal, action);
    if (!permission.now.canRequestTargetDate) {
      if (permission.whileOpen.canRequestTargetDate) throw closedAction(action, 'targetDate');
      throw forbidden("Only a lead of one of this action's agencies may ask for a new target date.");
    }
    const pending = await pendingOf(tx, actionId);
    if (pending) {
      throw new ProblemError(
        409,
        'target_date_request.pending',
        'Already asked',
        `A request for ${pending.requestedTargetDate} is awaiting a decision; it must be decided before another is made.`,
        [{ path: 'targetDate', message: `a request for ${pending.requestedTargetDate} is already awaiting a decision` }],
      );
    }
    if (input.targetDate === action.targetDate) {
      throw unprocessable('target_date_request.same_date', [{ path: 'targetDate', message: 'is already the target date of this action' }]);
    }
    if (input.targetDate < clock.today) {
      throw unprocessable('target_date_request.date_in_past', [{ path: 'targetDate', message: 'must be today or later' }]);
    }
    const [row] = await tx
      .insert(targetDateRequests)
      .values({
        actionId,
        currentTargetDate: action.targetDate,
        requestedTargetDate: input.targetDate,
        reason: input.reason,
        requestedByUserId: principal.id,
        requestedByName: principal.name,
        agencyId: defaultUpdateAgency(principal, permission.now.agencyIds, action.ownerAgencyId),
        requestedAt: nowIso(clock.now),
      })
      .returning();
    const request = toDto(row!);
    await recordCreation(tx, actor, 'target_date_request', request, clock.now);
    return request;
  });
}

/** An action's requests for new target dates, whatever became of them, newest first. */
export async function listTargetDateRequests(db: Db, actionId: number, query: { limit: number; cursor?: string | undefined }) {
  await requireAction(db, actionId);
  const order = newestFirst(targetDateRequests.requestedAt, targetDateRequests.id, query.cursor);
  const rows = await db
    .select()
    .from(targetDateRequests)
    .where(and(eq(targetDateRequests.actionId, actionId), order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.requestedAt, r.id]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * An admin or the chair of the overseeing subgroup agrees or refuses a pending request. Agreeing moves the
 * action's target date (a new version), appends the revision to its history with the request's reason and who
 * decided, and records both changes in the trail, all in one transaction. Refusing leaves the action as it is.
 * A request on an action closed since it was made may still be refused (to clear it), never agreed.
 */
export async function decideTargetDateRequest(
  db: Db,
  requestId: number,
  decision: TargetDateDecision,
  clock: PlanClock,
  actor: Actor,
): Promise<{ request: TargetDateRequest; action: Action }> {
  return writeTransaction(db, async (tx) => {
    const principal = signedIn(clock);
    const request = await first(tx.select().from(targetDateRequests).where(eq(targetDateRequests.id, requestId)));
    if (!request) throw notFound('target_date_request', requestId);
    const action = await requireAction(tx, request.actionId);
    const permission = await permissionsOn(tx, principal, action);
    if (!permission.whileOpen.canDecideTargetDate) {
      throw forbidden('Only the business unit or the chair of the subgroup overseeing this action may decide a new target date.');
    }
    if (request.state !== 'pending') {
      const message = `this request was already ${request.state} by ${request.decidedByName ?? 'someone'}`;
      throw new ProblemError(409, 'target_date_request.decided', 'Already decided', `${message}.`, [{ path: 'agree', message }]);
    }
    if (decision.agree && !permission.now.canDecideTargetDate) throw closedAction(action, 'agree');
    if (decision.agree && request.requestedTargetDate < clock.today) {
      throw unprocessable('target_date_request.date_in_past', [
        { path: 'agree', message: `the date asked for (${request.requestedTargetDate}) has passed: refuse this request and ask for a new date` },
      ]);
    }

    const note = decision.note ? decision.note : null;
    const decidedAt = nowIso(clock.now);
    const before = toDto(request);
    await tx
      .update(targetDateRequests)
      .set({
        state: decision.agree ? 'agreed' : 'refused',
        decidedByUserId: actor.id,
        decidedByName: actor.name,
        decidedAt,
        decisionNote: note,
        version: request.version + 1,
      })
      .where(eq(targetDateRequests.id, requestId));
    const decided = toDto((await first(tx.select().from(targetDateRequests).where(eq(targetDateRequests.id, requestId))))!);
    const requestChanges = changedFields(before, decided);
    await recordAudit(tx, actor, {
      entity: 'target_date_request',
      entityId: requestId,
      operation: 'update',
      ...requestChanges,
      at: clock.now,
    });

    // Agreeing to the date the action already has (set directly meanwhile) changes nothing more.
    if (decision.agree && request.requestedTargetDate !== action.targetDate) {
      const actionBefore = auditable(await getAction(tx, action.id, clock));
      if (await isTargetDateRevision(tx, action.id, action.targetDate)) {
        await recordTargetDateChange(tx, {
          actionId: action.id,
          from: action.targetDate,
          to: request.requestedTargetDate,
          reason: note ? `${request.reason} — decision note: ${note}` : request.reason,
          decidedBy: { id: actor.id, name: actor.name },
          requestId,
          at: clock.now,
        });
      }
      await tx
        .update(actions)
        .set({ targetDate: request.requestedTargetDate, version: action.version + 1, updatedAt: decidedAt })
        .where(and(eq(actions.id, action.id), eq(actions.version, action.version)));
      const actionChanges = changedFields(actionBefore, auditable(await getAction(tx, action.id, clock)));
      await recordAudit(tx, actor, {
        entity: 'action',
        entityId: action.id,
        operation: 'update',
        before: actionChanges?.before ?? null,
        after: { ...actionChanges?.after, targetDateRequestId: requestId },
        at: clock.now,
      });
    }
    return { request: decided, action: await getAction(tx, action.id, clock) };
  });
}
