import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a write transaction callback receives: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Opens the SQLite file with the pragmas the product relies on: WAL so readers never wait for the writer,
 * foreign keys enforced, and a busy timeout so a second writer waits instead of failing at once.
 * `:memory:` gives a private in-memory database (tests).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), so two writers
 * never both read and then fail to upgrade. better-sqlite3 is synchronous: `work` must not be async.
 */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}

export function closeDatabase(db: Db) {
  db.$client.close();
}
