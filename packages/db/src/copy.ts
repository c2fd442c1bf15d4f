import { count, getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readTransaction, writeTransaction, type Db } from './client';
import { dialectOf } from './dialect';
import { first, rowsOf, execute } from './query';
import * as schema from './schema';

/**
 * Copies a partnership's whole database into another, empty one, on either database: every table, row for row
 * and id for id (the plan, its history, the audit trail, sessions, the outbox), then checks that every table
 * holds as many rows as the source. The target's own search index (SQLite's actions_fts, PostgreSQL's
 * actions_search) is built by its triggers as the rows go in. The whole copy is one write transaction on the
 * target: it lands whole or not at all. The source is read in one snapshot.
 */

export interface CopiedTable {
  table: string;
  rows: number;
}

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

/** The tables a migrated database starts with a row in (settings, plan_version): those rows are replaced. */
const STARTING_ROWS = new Set(['settings', 'plan_version']);

/** Rows per insert statement, kept under both engines' limits on bound values. */
const BATCH_VALUES = 30_000;

/** Every table of the schema, each after the tables its foreign keys point to. */
export function tablesInCopyOrder(): SQLiteTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const ordered: SQLiteTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: SQLiteTable) => {
    const name = getTableName(table);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`copy: the foreign keys of ${name} go round in a circle`);
    state.set(name, 'visiting');
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable);
      if (target !== name) visit(byName.get(target)!);
    }
    state.set(name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => getTableName(a).localeCompare(getTableName(b)))) visit(table);
  return ordered;
}

async function rowCount(db: Db, table: SQLiteTable): Promise<number> {
  return (await first(db.select({ n: count() }).from(table)))?.n ?? 0;
}

/** Whether the target holds anything beyond what its migrations put in. */
async function holdsData(db: Db): Promise<string | undefined> {
  for (const table of tablesInCopyOrder()) {
    if (STARTING_ROWS.has(getTableName(table))) continue;
    if ((await rowCount(db, table)) > 0) return getTableName(table);
  }
  return undefined;
}

export async function copyDatabase(
  source: Db,
  target: Db,
  options: { onTable?: (table: string, rows: number) => void } = {},
): Promise<CopiedTable[]> {
  const occupied = await holdsData(target);
  if (occupied) throw new CopyRefused(`the target database is not empty (${occupied} has rows): copy into a new, empty database`);
  const tables = tablesInCopyOrder();

  // The source, read table by table (each whole: a partnership fits in memory many times over).
  const data = await readTransaction(source, async (snapshot) => {
    const read: { table: SQLiteTable; rows: Record<string, unknown>[] }[] = [];
    for (const table of tables) read.push({ table, rows: (await snapshot.select().from(table)) as Record<string, unknown>[] });
    return read;
  });

  await writeTransaction(target, async (tx) => {
    for (const { table, rows } of data) {
      const name = getTableName(table);
      if (STARTING_ROWS.has(name)) await tx.delete(table);
      if (rows.length === 0) continue;
      const perBatch = Math.max(1, Math.floor(BATCH_VALUES / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += perBatch) await tx.insert(table).values(rows.slice(i, i + perBatch) as never);
      options.onTable?.(name, rows.length);
    }
    // The inserts moved the plan's version on (triggers): put back the source's, so caches built on either agree.
    const versions = data.find((d) => getTableName(d.table) === 'plan_version')!;
    await tx.delete(schema.planVersion);
    if (versions.rows.length > 0) await tx.insert(schema.planVersion).values(versions.rows as never);
    if (dialectOf(tx) === 'postgres') {
      // Identities carry on after the highest id copied, as SQLite's AUTOINCREMENT does by itself.
      for (const { table } of data) {
        const config = getTableConfig(table);
        if (!config.columns.some((c) => c.name === 'id' && c.primary && c.columnType === 'SQLiteInteger')) continue;
        await execute(
          tx,
          sql.raw(
            `select setval(pg_get_serial_sequence('"${config.name}"', 'id'), coalesce((select max(id) from "${config.name}"), 0) + 1, false)`,
          ),
        );
      }
    }
  });

  // The check: every table as many rows as the source, and the search index one entry per action.
  const copied: CopiedTable[] = [];
  for (const { table, rows } of data) {
    const n = await rowCount(target, table);
    if (n !== rows.length) throw new Error(`copy: ${getTableName(table)} has ${n} rows in the target, ${rows.length} in the source`);
    copied.push({ table: getTableName(table), rows: n });
  }
  const actions = data.find((d) => getTableName(d.table) === 'actions')!.rows.length;
  const searchTable = dialectOf(target) === 'postgres' ? 'actions_search' : 'actions_fts';
  const [search] = await rowsOf<{ n: number }>(target, sql.raw(`select count(*) as n from ${searchTable}`));
  if (Number(search?.n) !== actions) throw new Error(`copy: the search index has ${search?.n} entries for ${actions} actions`);
  return copied;
}
