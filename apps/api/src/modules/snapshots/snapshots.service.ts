import type { Brag, Snapshot, SnapshotCreate, ActionStatus } from '@lrt/contracts';
import { writeTransaction, type Db } from '@lrt/db';
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

// SQLite only: snapshots are read and written with raw better-sqlite3 SQL on db.$client.
const SUMMARY_SQL = `
select s.id, s.name, s.as_at as asAt, s.created_at as createdAt, s.created_by_name as createdBy,
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
  return db.$client.prepare('select id, name, as_at as asAt, created_at as createdAt, created_by_name as createdByName from snapshots where id = ?').get(id) as
    | SnapshotRecord
    | undefined;
}

export async function getSnapshot(db: Db, id: number): Promise<Snapshot> {
  const row = db.$client.prepare(`${SUMMARY_SQL} where s.id = ?`).get(id) as SummaryRow | undefined;
  if (!row) throw notFound('snapshot', id);
  return toDto(row);
}

/** Newest first: the last board meeting is the one a chair compares with. */
export async function listSnapshots(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, ['number']);
  const rows = db.$client
    .prepare(`${SUMMARY_SQL} where (? is null or s.id < ?) order by s.id desc limit ?`)
    .all(after?.[0] ?? null, after?.[0] ?? null, query.limit + 1) as SummaryRow[];
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
    const taken = tx.$client.prepare('select 1 from snapshots where lower(name) = lower(?)').get(input.name);
    if (taken) throw conflict('snapshot.name_taken', 'name', `a snapshot is already called "${input.name}"`);
    const created = tx.$client
      .prepare('insert into snapshots (name, as_at, created_at, created_by_user_id, created_by_name) values (?, ?, ?, ?, ?) returning id')
      .get(input.name, input.asAt, now.toISOString(), actor.id, actor.name) as { id: number };
    const insert = tx.$client.prepare(
      `insert into snapshot_actions (snapshot_id, action_id, ref, review_id, subgroup_id, owner_agency_id, status, brag, overdue, stale, target_date)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of await actionsAsAt(tx, await clockAsAt(tx, input.asAt, now))) {
      insert.run(created.id, a.id, a.ref, a.reviewId, a.subgroupId, a.ownerAgencyId, a.status, a.brag, a.overdue ? 1 : 0, a.stale ? 1 : 0, a.targetDate);
    }
    await recordCreation(tx, actor, 'snapshot', { id: created.id, name: input.name, asAt: input.asAt }, now);
    return getSnapshot(tx, created.id);
  });
}

/** A snapshot's actions within a report's scope (an agency's: those it owned then, or shares now). */
export async function snapshotRows(db: Db, snapshotId: number, scope: AsAtScope): Promise<SnapshotRow[]> {
  return (
    db.$client
      .prepare(
        `select action_id as actionId, ref, review_id as reviewId, subgroup_id as subgroupId, owner_agency_id as ownerAgencyId, status, brag,
                overdue, stale, target_date as targetDate
           from snapshot_actions s
          where snapshot_id = @snapshotId and (@reviewId is null or review_id = @reviewId) and (@subgroupId is null or subgroup_id = @subgroupId)
            and (@agencyId is null or owner_agency_id = @agencyId
                 or exists (select 1 from action_agencies p where p.action_id = s.action_id and p.agency_id = @agencyId))`,
      )
      .all({ snapshotId, reviewId: scope.reviewId ?? null, subgroupId: scope.subgroupId ?? null, agencyId: scope.agencyId ?? null }) as (Omit<
      SnapshotRow,
      'overdue' | 'stale'
    > & { overdue: number; stale: number })[]
  ).map((r) => ({ ...r, overdue: r.overdue === 1, stale: r.stale === 1 }));
}
