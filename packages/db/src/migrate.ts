import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { dialectOf, type Dialect } from './dialect';
import { rowOf } from './query';
import { isConnectionFailure, poolOf } from './postgres/client';

/**
 * The committed drizzle-kit migrations: one folder per database (`sqlite/`, `postgres/`) in `migrations/`.
 * Resolved from this file in the source tree and from the bundled server alike (both sit three folders below the
 * repository root); falls back to ./migrations.
 */
export function defaultMigrationsFolder(): string {
  const beside = fileURLToPath(new URL('../../../migrations', import.meta.url));
  return existsSync(beside) ? beside : resolve('migrations');
}

/** The number every instance's migration takes a lock on (pg_advisory_lock), so that they migrate one at a time. */
export const MIGRATION_LOCK = 7_305_121_409;

/**
 * Brings the database up to the newest committed migration of its dialect (each runs once; a migrated database
 * is left alone). On PostgreSQL several instances may start together: each takes the same advisory lock first,
 * so one migrates while the others wait, then find nothing left to do.
 */
export async function migrateDatabase(db: Db, migrationsRoot = defaultMigrationsFolder()): Promise<void> {
  const dialect = dialectOf(db);
  const migrationsFolder = join(migrationsRoot, dialect);
  if (dialect === 'sqlite') {
    migrateSqlite(db, { migrationsFolder });
    return;
  }
  const lock = await poolOf(db).connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePostgres(db as never, { migrationsFolder, migrationsSchema: 'public', migrationsTable: '__drizzle_migrations' });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    lock.release();
  }
}

const latest = new Map<string, { tag: string; at: number }>();

/** The newest committed migration of a dialect's folder: its name and when drizzle-kit made it. */
export function latestMigration(dialect: Dialect, migrationsRoot = defaultMigrationsFolder()): { tag: string; at: number } {
  const folder = join(migrationsRoot, dialect);
  let found = latest.get(folder);
  if (!found) {
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const last = journal.entries.at(-1)!;
    found = { tag: last.tag, at: last.when };
    latest.set(folder, found);
  }
  return found;
}

/** Whether the database has applied every committed migration of its dialect (the health check reports it). */
export async function isMigrated(db: Db, migrationsRoot = defaultMigrationsFolder()): Promise<boolean> {
  const { at } = latestMigration(dialectOf(db), migrationsRoot);
  try {
    const row = await rowOf<{ at: number | string | null }>(db, sql`select max(created_at) as at from __drizzle_migrations`);
    return row?.at !== null && row?.at !== undefined && Number(row.at) >= at;
  } catch (error) {
    // No server is an answer of its own (503); no migrations table means not migrated.
    if (isConnectionFailure(error)) throw error;
    return false;
  }
}

/** The lock the demo seed is loaded under, so two instances starting on an empty database load it once. */
export const SEED_LOCK = 7_305_121_411;

/**
 * Runs `work` while holding a lock that every instance sharing the database takes (PostgreSQL: an advisory lock
 * on a connection of its own); on SQLite, where one process serves the file, it simply runs it.
 */
export async function exclusively<T>(db: Db, lock: number, work: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') return work();
  const client = await poolOf(db).connect();
  try {
    await client.query('select pg_advisory_lock($1)', [lock]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [lock]).catch(() => {});
    client.release();
  }
}
