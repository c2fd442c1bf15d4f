import type { SQL } from 'drizzle-orm';
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
