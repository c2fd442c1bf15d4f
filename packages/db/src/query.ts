import { sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { dialectOf } from './dialect';

/**
 * The few ways of running a query that differ between databases, behind functions that take the database (or
 * the transaction) they run in. Services build queries with drizzle and await them; these cover the rest.
 */

interface PostgresExecute {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

/** The first row a query gives, or undefined when it gives none. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** The rows of a hand-written query. */
export async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  if (dialectOf(db) === 'postgres') return (await (db as unknown as PostgresExecute).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** The first row of a hand-written query, or undefined. */
export async function rowOf<T>(db: Db | Tx, query: SQL): Promise<T | undefined> {
  if (dialectOf(db) === 'postgres') return (await rowsOf<T>(db, query))[0];
  return db.get<T>(query);
}

/** Runs a hand-written statement that returns no rows. Call it inside a write transaction when it writes. */
export async function execute(db: Db | Tx, query: SQL): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await (db as unknown as PostgresExecute).execute(query);
    return;
  }
  db.run(query);
}

/** A prepared query as the services use it, whichever database runs it. */
export interface PreparedQuery<Row = unknown> {
  all(params?: Record<string, unknown>): Promise<Row[]>;
  get(params?: Record<string, unknown>): Promise<Row | undefined>;
  run(params?: Record<string, unknown>): Promise<unknown>;
}

/**
 * Gives a query built by drizzle's `.prepare()` the same three ways to run on both databases: SQLite's
 * prepared statement has all/get/run; PostgreSQL's has execute.
 */
export function asPrepared<Row>(db: Db | Tx, built: unknown): PreparedQuery<Row> {
  if (dialectOf(db) === 'sqlite') {
    const statement = built as { all: (p?: object) => Row[]; get: (p?: object) => Row | undefined; run: (p?: object) => unknown };
    return {
      all: async (params) => statement.all(params),
      get: async (params) => statement.get(params),
      run: async (params) => statement.run(params),
    };
  }
  const query = built as { execute: (p?: object) => Promise<Row[]> };
  return {
    all: (params) => query.execute(params),
    get: async (params) => (await query.execute(params))[0],
    run: (params) => query.execute(params),
  };
}

/**
 * One of two values by the database `db` runs on: hand-written SQL that each engine writes its own way (SQLite's
 * json_group_array, PostgreSQL's json_agg). Prefer standard SQL, which needs no variants.
 */
export function forDialect<T>(db: Db | Tx, variants: { sqlite: T; postgres: T }): T {
  return variants[dialectOf(db)];
}

/**
 * `column` is one of the ids in `json`, a JSON array given as one parameter (so a prepared query takes a list of
 * any length): SQLite's json_each, PostgreSQL's json_array_elements_text.
 */
export function inJsonIds(db: Db | Tx, column: SQL | AnyColumn, json: SQL | Placeholder | string): SQL {
  return dialectOf(db) === 'postgres'
    ? sql`${column} in (select value::integer from json_array_elements_text(${json}::json))`
    : sql`${column} in (select value from json_each(${json}))`;
}
