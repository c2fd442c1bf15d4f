import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkpointWhenIdle, closeDatabase, migrateDatabase, openDatabase, refreshPlannerStatistics, type Db } from '@lrt/db';
import { factories, testDialect } from '@lrt/db/testing';

// SQLite only: the WAL file, its checkpoints, the synchronous pragma and sqlite_stat1 belong to a SQLite file (these
// tests open one themselves); a PostgreSQL server keeps its own write-ahead log and statistics.
const sqliteTest = test.skipIf(testDialect === 'postgres');

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lrt-wal-'));
  db = openDatabase(join(dir, 'tracker.db'));
  await migrateDatabase(db);
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const walBytes = () => statSync(join(dir, 'tracker.db-wal')).size;
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

sqliteTest('every commit is synced to disk before it is acknowledged (synchronous = FULL)', () => {
  expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
});

sqliteTest('a WAL that grew behind a long read is emptied once the writes stop and the read ends', async () => {
  // A long read (a report, an export) on another connection holds checkpoints back while writes go on.
  const reader = new Database(join(dir, 'tracker.db'), { readonly: true });
  reader.exec('begin');
  reader.prepare('select count(*) from actions').get();
  for (let i = 0; i < 300; i++) await factories.agency(db, { name: `Agency ${i} ${'x'.repeat(2000)}` });
  expect(walBytes()).toBeGreaterThan(500_000);

  const stop = checkpointWhenIdle(db, 20);
  try {
    await new Promise((r) => setTimeout(r, 100));
    // Still held back while the read lasts: nothing is lost, nothing waits.
    expect(walBytes()).toBeGreaterThan(500_000);
    reader.exec('commit');
    reader.close();
    await until(() => walBytes() === 0);
    expect(walBytes()).toBe(0);
    expect(db.$client.prepare('select count(*) as n from agencies').get()).toEqual({ n: 300 });
  } finally {
    stop();
  }
});

sqliteTest('the query planner is given the tables\' statistics at start-up, so it plans for the partnership\'s size', async () => {
  for (let i = 0; i < 300; i++) await factories.agency(db, { name: `Agency ${i}` });
  refreshPlannerStatistics(db);
  const stat = db.$client.prepare("select stat from sqlite_stat1 where tbl = 'agencies' and idx = 'agencies_name_unique'").get() as { stat: string } | undefined;
  expect(stat?.stat.split(' ')[0], 'rows counted in the name index').toBe('300');
});
