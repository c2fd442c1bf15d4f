import type { Brag, Snapshot, SnapshotCreate, ActionStatus } from '@lrt/contracts';
import { rawRow, rawRows, snapshotActions, snapshots, writeTransaction, type Db } from '@lrt/db';
import { conflict, notFound, unprocessable } from '../../plugins/problems';
import { recordCreation } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';
import { decodeCursor, toPage } from '../../lib/pagination';
import { actionsAsAt, asAtDayProblem, clockAsAt, type AsAtScope } from '../history/as-at';

export interface SnapshotRow {
  actionId: number;
  ref: string;
  reviewId: number;
  subgroupId: number | null;
  ownerAgencyId: number;
  status: ActionStatus;
  brag: Brag | null;
  overdue: boolean;
  stale: boolean;
  targetDate: string | null;
}

interface SnapshotRecord {
  id: number;
  name: string;
  asAt: string;
  createdAt: string;
  createdByName: string;
}

// Snapshots are read with hand-written SQL (one text for both databases) and written with drizzle.
const SUMMARY_SQL = `
select s.id, s.name, s.as_at as "asAt", s.created_at as "createdAt", s.created_by_name as "createdBy",
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id) as actions,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.brag = 'blue') as blue,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.brag = 'green') as green,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.brag = 'amber') as amber,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.brag = 'red') as red,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.brag is null) as withdrawn,
  (select count(*) from snapshot_actions a where a.snapshot_id = s.id and a.overdue) as overdue
from snapshots s`;

type SummaryRow = Omit<Snapshot, 'byBrag'> & { blue: number; green: number; amber: number; red: number; withdrawn: number };
const toDto = ({ blue, green, amber, red, withdrawn, ...rest }: SummaryRow): Snapshot => ({ ...rest, byBrag: { blue, green, amber, red, withdrawn } });

export async function findSnapshot(db: Db, id: number): Promise<SnapshotRecord | undefined> {
  return rawRow<SnapshotRecord>(db, 'select id, name, as_at as "asAt", created_at as "createdAt", created_by_name as "createdByName" from snapshots where id = ?', [id]);
}

export async function getSnapshot(db: Db, id: number): Promise<Snapshot> {
  const row = await rawRow<SummaryRow>(db, `${SUMMARY_SQL} where s.id = ?`, [id]);
  if (!row) throw notFound('snapshot', id);
  return toDto(row);
}

/** Newest first: the last board meeting is the one a chair compares with. */
export async function listSnapshots(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, ['number']);
  // The type of a parameter only tested for null is given: PostgreSQL cannot infer it (SQLite reads it the same).
  const rows = await rawRows<SummaryRow>(db, `${SUMMARY_SQL} where (cast(? as integer) is null or s.id < ?) order by s.id desc limit ?`, [
    after?.[0] ?? null,
    after?.[0] ?? null,
    query.limit + 1,
  ]);
  const page = toPage(rows, query.limit, (r) => [r.id]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * Freezes the plan as at the end of a day under a name: each action's state then is copied into the snapshot in
 * one transaction, so later edits, and later changes of the rules' settings, never alter what the board saw.
 */
export async function createSnapshot(db: Db, input: SnapshotCreate, now: Date, actor: Actor): Promise<Snapshot> {
  const day = await asAtDayProblem(db, input.asAt, now);
  if (day) throw unprocessable('validation.failed', [{ path: 'asAt', message: day }]);
  // The answer is read inside the transaction: a failure there saves nothing, so a 500 never hides a snapshot.
  return writeTransaction(db, async (tx) => {
    const taken = await rawRow(tx, 'select 1 as taken from snapshots where lower(name) = lower(?)', [input.name]);
    if (taken) throw conflict('snapshot.name_taken', 'name', `a snapshot is already called "${input.name}"`);
    const [created] = await tx
      .insert(snapshots)
      .values({ name: input.name, asAt: input.asAt, createdAt: now.toISOString(), createdByUserId: actor.id, createdByName: actor.name })
      .returning({ id: snapshots.id });
    const snapshotId = created!.id;
    const rows = (await actionsAsAt(tx, await clockAsAt(tx, input.asAt, now))).map((a) => ({
      snapshotId,
      actionId: a.id,
      ref: a.ref,
      reviewId: a.reviewId,
      subgroupId: a.subgroupId,
      ownerAgencyId: a.ownerAgencyId,
      status: a.status,
      brag: a.brag,
      overdue: a.overdue,
      stale: a.stale,
      targetDate: a.targetDate,
    }));
    // In chunks of 500 rows (11 parameters each): well under either database's limit on a statement's parameters.
    for (let i = 0; i < rows.length; i += 500) await tx.insert(snapshotActions).values(rows.slice(i, i + 500));
    await recordCreation(tx, actor, 'snapshot', { id: snapshotId, name: input.name, asAt: input.asAt }, now);
    return getSnapshot(tx, snapshotId);
  });
}

/** A snapshot's actions within a report's scope (an agency's: those it owned then, or shares now). */
export async function snapshotRows(db: Db, snapshotId: number, scope: AsAtScope): Promise<SnapshotRow[]> {
  const reviewId = scope.reviewId ?? null;
  const subgroupId = scope.subgroupId ?? null;
  const agencyId = scope.agencyId ?? null;
  // overdue and stale are 1/0 on SQLite, booleans on PostgreSQL: read with Boolean().
  const rows = await rawRows<Omit<SnapshotRow, 'overdue' | 'stale'> & { overdue: number | boolean; stale: number | boolean }>(
    db,
    `select action_id as "actionId", ref, review_id as "reviewId", subgroup_id as "subgroupId", owner_agency_id as "ownerAgencyId", status, brag,
            overdue, stale, target_date as "targetDate"
       from snapshot_actions s
      where snapshot_id = ? and (cast(? as integer) is null or review_id = ?) and (cast(? as integer) is null or subgroup_id = ?)
        and (cast(? as integer) is null or owner_agency_id = ?
             or exists (select 1 from action_agencies p where p.action_id = s.action_id and p.agency_id = ?))`,
    [snapshotId, reviewId, reviewId, subgroupId, subgroupId, agencyId, agencyId, agencyId],
  );
  return rows.map((r) => ({ ...r, overdue: Boolean(r.overdue), stale: Boolean(r.stale) }));
}
