import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from './client';
import { migrateDatabase } from './migrate';
import { poolOf } from './postgres/client';
import { postgresTables } from './postgres/schema';
import * as postgresExports from './postgres/tables';
import * as schema from './schema';
import { createTestDatabase, testDialect } from './testing';

/**
 * The two databases as their migrations leave them, compared column by column: the same tables, each with the
 * same columns (name, kind of value, whether it may be empty, whether it has a default), the same indexes, the
 * same foreign keys, and the same guards (triggers). Runs where a PostgreSQL server is given (the suite's
 * PostgreSQL run); the derivation of the PostgreSQL tables from the one schema is checked everywhere.
 */

const sqliteTables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

describe('the PostgreSQL tables derived from the one schema', () => {
  it('has every table of the schema, each with the same columns, and drizzle-kit sees every one', () => {
    const exported = new Set((Object.values(postgresExports) as Parameters<typeof getTableName>[0][]).map((table) => getTableName(table)));
    for (const table of sqliteTables) {
      const name = getTableName(table);
      expect(exported.has(name), `postgres/tables.ts exports ${name}`).toBe(true);
      const derived = postgresTables.get(name)!;
      const columns = (t: object) =>
        (Object.values(getTableColumns(t as SQLiteTable)) as { name: string; notNull: boolean; hasDefault: boolean; primary: boolean }[]).map((c) => [c.name, c.notNull, c.hasDefault, c.primary]);
      expect(columns(derived), name).toEqual(columns(table));
    }
    expect(exported.size).toBe(sqliteTables.length);
  });
});

type Column = { table: string; name: string; kind: string; notNull: boolean; hasDefault: boolean };

describe.skipIf(testDialect !== 'postgres')('the SQLite and PostgreSQL databases, migrated', () => {
  let sqlite: Db;
  let postgres: Db;
  beforeAll(async () => {
    sqlite = openDatabase(':memory:');
    await migrateDatabase(sqlite);
    postgres = await createTestDatabase();
  });
  afterAll(async () => {
    await closeDatabase(sqlite);
    await closeDatabase(postgres);
  });

  const booleanColumns = new Set(
    sqliteTables.flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((c) => c.columnType === 'SQLiteBoolean')
        .map((c) => `${getTableName(table)}.${c.name}`),
    ),
  );
  const ownTables = new Set(sqliteTables.map(getTableName));

  const sqliteColumns = (): Column[] =>
    [...ownTables].sort().flatMap((table) =>
      (sqlite.$client.prepare(`select name, type, "notnull" as not_null, dflt_value as dflt, pk from pragma_table_info(?)`).all(table) as {
        name: string;
        type: string;
        not_null: number;
        dflt: string | null;
        pk: number;
      }[]).map((c) => ({
        table,
        name: c.name,
        kind: booleanColumns.has(`${table}.${c.name}`) ? 'boolean' : c.type.toLowerCase(),
        // SQLite's INTEGER PRIMARY KEY is never empty and numbers itself, as PostgreSQL's identity does.
        notNull: c.not_null === 1 || c.pk > 0,
        hasDefault: c.dflt !== null || (c.pk === 1 && c.type === 'INTEGER' && (sqlite.$client.prepare(`select count(*) as n from pragma_table_info(?) where pk > 0`).get(table) as { n: number }).n === 1),
      })),
    );

  const postgresColumns = async (): Promise<Column[]> => {
    const { rows } = await poolOf(postgres).query<{ table: string; name: string; type: string; nullable: string; dflt: string | null; identity: string }>(
      `select table_name as table, column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity
         from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
    );
    return rows
      .filter((c) => ownTables.has(c.table))
      .map((c) => ({ table: c.table, name: c.name, kind: c.type, notNull: c.nullable === 'NO', hasDefault: c.dflt !== null || c.identity === 'YES' }));
  };

  it('has the same tables and, in each, the same columns with the same kind of value, emptiness and default', async () => {
    const fromSqlite = sqliteColumns();
    const fromPostgres = await postgresColumns();
    expect(fromPostgres.length).toBeGreaterThan(300);
    const key = (c: Column) => `${c.table}.${c.name}`;
    const byKey = new Map(fromPostgres.map((c) => [key(c), c]));
    for (const column of fromSqlite) {
      const other = byKey.get(key(column));
      expect(other, `${key(column)} is in PostgreSQL`).toBeDefined();
      expect(other, key(column)).toEqual(column);
    }
    expect(fromPostgres.map(key).sort()).toEqual(fromSqlite.map(key).sort());
  });

  it('has the same indexes, the same foreign keys and the same guards', async () => {
    const sqliteIndexes = (
      sqlite.$client.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' and tbl_name not like 'actions_fts%'`).all() as { name: string }[]
    ).map((r) => r.name);
    const { rows: pgIndexes } = await poolOf(postgres).query<{ name: string }>(
      `select indexname as name from pg_indexes where schemaname = 'public' and indexname not like '%_pkey' and tablename <> 'actions_search'`,
    );
    // PostgreSQL makes an index of its own for each UNIQUE or PRIMARY KEY constraint, named after it; SQLite calls those sqlite_autoindex_*.
    const { rows: uniqueConstraints } = await poolOf(postgres).query<{ name: string }>(
      `select conname as name from pg_constraint where contype in ('u', 'p') and connamespace = 'public'::regnamespace`,
    );
    const constraintNames = new Set(uniqueConstraints.map((r) => r.name));
    expect(pgIndexes.map((r) => r.name).filter((n) => !constraintNames.has(n)).sort()).toEqual([...sqliteIndexes].sort());

    const sqliteForeignKeys = [...ownTables]
      .flatMap((table) =>
        (sqlite.$client.prepare(`select "table" as target, "from" as column, on_delete as onDelete from pragma_foreign_key_list(?)`).all(table) as {
          target: string;
          column: string;
          onDelete: string;
        }[]).map((fk) => `${table}.${fk.column} -> ${fk.target} (${fk.onDelete.toLowerCase()})`),
      )
      .sort();
    const { rows: pgForeignKeys } = await poolOf(postgres).query<{ fk: string }>(
      `select c.conrelid::regclass::text || '.' || a.attname || ' -> ' || c.confrelid::regclass::text || ' (' ||
              case c.confdeltype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade' when 'n' then 'set null' else 'set default' end || ')' as fk
         from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text <> 'actions_search'`,
    );
    expect(pgForeignKeys.map((r) => r.fk).sort()).toEqual(sqliteForeignKeys);

    // Every trigger but SQLite's full-text ones has a namesake; PostgreSQL keeps its search table by triggers of its own.
    const sqliteTriggers = (sqlite.$client.prepare(`select name from sqlite_master where type = 'trigger'`).all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !n.includes('_fts_'));
    const { rows: pgTriggers } = await poolOf(postgres).query<{ name: string }>(`select tgname as name from pg_trigger where not tgisinternal`);
    expect(pgTriggers.map((r) => r.name).filter((n) => !n.includes('_search_')).sort()).toEqual(sqliteTriggers.sort());
  });

  it('starts with the same rows: the settings and the plan version', async () => {
    const { rows } = await poolOf(postgres).query<{ n: number }>(`select (select count(*) from settings) + (select count(*) from plan_version) as n`);
    const fromSqlite = sqlite.$client.prepare(`select (select count(*) from settings) + (select count(*) from plan_version) as n`).get() as { n: number };
    expect(Number(rows[0]!.n)).toBe(fromSqlite.n);
  });
});
