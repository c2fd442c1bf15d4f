import { asc, eq, inArray, and, sql } from 'drizzle-orm';
import type { Action } from '@lrt/contracts';
import { targetDateChanges, targetDateRequests, type Db, type Tx } from '@lrt/db';
import { prepared } from '../../lib/persistence';

export interface TargetDateFacts {
  history: Action['targetDateHistory'];
  pending: Action['pendingTargetDateRequest'];
}

/** What a revision of the target date shows, of its row. */
export type TargetDateChangeFacts = Pick<typeof targetDateChanges.$inferSelect, 'fromDate' | 'toDate' | 'reason' | 'decidedByName' | 'changedAt'>;
/** What a pending request for a new date shows, of its row. */
export type TargetDateRequestFacts = Pick<typeof targetDateRequests.$inferSelect, 'id' | 'requestedTargetDate' | 'reason' | 'requestedByName' | 'requestedAt'>;

/** One action's target-date history (its revisions oldest first) and pending request, as the action shows them. */
export function targetDateFactsOf(
  row: { targetDate: string | null; createdAt: string },
  mine: readonly TargetDateChangeFacts[],
  request: TargetDateRequestFacts | undefined,
): TargetDateFacts {
  return {
    history: [
      { targetDate: mine[0] ? mine[0].fromDate : row.targetDate, from: null, reason: null, decidedBy: null, on: row.createdAt },
      ...mine.map((change) => ({
        targetDate: change.toDate,
        from: change.fromDate,
        reason: change.reason,
        decidedBy: change.decidedByName,
        on: change.changedAt,
      })),
    ],
    pending: request
      ? {
          id: request.id,
          requestedTargetDate: request.requestedTargetDate,
          reason: request.reason,
          requestedBy: request.requestedByName,
          requestedAt: request.requestedAt,
        }
      : null,
  };
}

/**
 * The target-date history and any pending request of a page of actions, in two indexed queries. The original
 * date comes first: the `from` of the first revision, or the date as it is when it was never revised.
 */
export async function targetDateFacts(
  db: Db | Tx,
  rows: readonly { id: number; targetDate: string | null; createdAt: string }[],
): Promise<Map<number, TargetDateFacts>> {
  const ids = rows.map((row) => row.id);
  const facts = new Map<number, TargetDateFacts>();
  if (ids.length === 0) return facts;
  const changes = await db
    .select()
    .from(targetDateChanges)
    .where(inArray(targetDateChanges.actionId, ids))
    .orderBy(asc(targetDateChanges.changedAt), asc(targetDateChanges.id));
  const pending = await db
    .select()
    .from(targetDateRequests)
    .where(and(inArray(targetDateRequests.actionId, ids), eq(targetDateRequests.state, 'pending')));
  for (const row of rows) {
    facts.set(
      row.id,
      targetDateFactsOf(
        row,
        changes.filter((change) => change.actionId === row.id),
        pending.find((p) => p.actionId === row.id),
      ),
    );
  }
  return facts;
}

/**
 * Whether setting a target date now would be a revision (kept in the history, with a reason) rather than the
 * action's first date: a date is already set, or one was set before and then cleared.
 */
export async function isTargetDateRevision(tx: Db | Tx, actionId: number, currentTargetDate: string | null): Promise<boolean> {
  if (currentTargetDate !== null) return true;
  const revised = prepared(tx, 'target-dates.revised', (d) =>
    d.select({ id: targetDateChanges.id }).from(targetDateChanges).where(eq(targetDateChanges.actionId, sql.placeholder('actionId'))).limit(1).prepare(),
  );
  return (await revised.get({ actionId })) !== undefined;
}

/** Appends one revision to an action's target-date history (the table refuses updates and deletes). */
export async function recordTargetDateChange(
  tx: Tx,
  change: { actionId: number; from: string | null; to: string | null; reason: string; decidedBy: { id: number | null; name: string }; requestId?: number; at: Date },
): Promise<void> {
  await tx.insert(targetDateChanges).values({
    actionId: change.actionId,
    fromDate: change.from,
    toDate: change.to,
    reason: change.reason,
    decidedByUserId: change.decidedBy.id,
    decidedByName: change.decidedBy.name,
    changedAt: change.at.toISOString(),
    requestId: change.requestId ?? null,
  });
}
