import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

/**
 * The committed drizzle-kit migrations. Resolved from this file in the source tree and from the bundled
 * server alike (both sit three folders below the repository root); falls back to ./migrations.
 */
export function defaultMigrationsFolder(): string {
  const beside = fileURLToPath(new URL('../../../migrations', import.meta.url));
  return existsSync(beside) ? beside : resolve('migrations');
}

export function migrateDatabase(db: Db, migrationsFolder = defaultMigrationsFolder()) {
  migrate(db, { migrationsFolder });
}
