import { asc, eq, inArray, and } from 'drizzle-orm';
import type { Action } from '@lrt/contracts';
import { targetDateChanges, targetDateRequests, type Db, type Tx } from '@lrt/db';

interface TargetDateFacts {
  history: Action['targetDateHistory'];
  pending: Action['pendingTargetDateRequest'];
}

/**
 * The target-date history and any pending request of a page of actions, in two indexed queries. The original
 * date comes first: the `from` of the first revision, or the date as it is when it was never revised.
 */
export function targetDateFacts(
  db: Db | Tx,
  rows: readonly { id: number; targetDate: string | null; createdAt: string }[],
): Map<number, TargetDateFacts> {
  const ids = rows.map((row) => row.id);
  const facts = new Map<number, TargetDateFacts>();
  if (ids.length === 0) return facts;
  const changes = db
    .select()
    .from(targetDateChanges)
    .where(inArray(targetDateChanges.actionId, ids))
    .orderBy(asc(targetDateChanges.changedAt), asc(targetDateChanges.id))
    .all();
  const pending = db
    .select()
    .from(targetDateRequests)
    .where(and(inArray(targetDateRequests.actionId, ids), eq(targetDateRequests.state, 'pending')))
    .all();
  for (const row of rows) {
    const mine = changes.filter((change) => change.actionId === row.id);
    const request = pending.find((p) => p.actionId === row.id);
    facts.set(row.id, {
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
    });
  }
  return facts;
}
