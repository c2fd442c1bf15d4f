import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { dialectOf } from './dialect';
import { poolOf } from './postgres/client';

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

/** Whether every committed migration of the database's dialect has been applied (the health check reports it). */
export async function isMigrated(db: Db, migrationsRoot = defaultMigrationsFolder()): Promise<boolean> {
  const dialect = dialectOf(db);
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const expected = readMigrationFiles({ migrationsFolder: join(migrationsRoot, dialect) });
  const last = expected.at(-1);
  if (!last) return true;
  try {
    const query = sql`select max(created_at) as at from __drizzle_migrations`;
    const row =
      dialect === 'sqlite'
        ? (db.get(query) as { at: number | null } | undefined)
        : ((await (db as unknown as { execute: (q: unknown) => Promise<{ rows: { at: string | number | null }[] }> }).execute(query)).rows[0] as
            | { at: number | null }
            | undefined);
    return row?.at !== null && row?.at !== undefined && Number(row.at) >= last.folderMillis;
  } catch {
    return false;
  }
}
