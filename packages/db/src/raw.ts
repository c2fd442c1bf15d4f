import type { Db, Tx } from './client';
import { dialectOf } from './dialect';

/**
 * Hand-written SQL with positional parameters (`?`), for the few queries that are faster or clearer written out
 * (the session read every request makes, the history "as at" a date, a report's aggregates). One text serves
 * both databases when it is standard SQL (its `?` become PostgreSQL's `$1`, `$2`...); where an engine needs its
 * own words (SQLite's json_group_array, PostgreSQL's json_agg), the query gives both texts. Rows come back with
 * the column names the SQL gives them; booleans as 1 or 0 on SQLite, true or false on PostgreSQL.
 */
export type RawSql = string | { sqlite: string; postgres: string };

interface PostgresQueryable {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
}

const converted = new Map<string, string>();

/** `?` placeholders as `$1`, `$2`... (outside quoted text). */
function numbered(text: string): string {
  let found = converted.get(text);
  if (found === undefined) {
    let n = 0;
    found = text.replace(/('(?:[^']|'')*')|\?/g, (match, quoted: string | undefined) => quoted ?? `$${++n}`);
    converted.set(text, found);
  }
  return found;
}

/** The connection a PostgreSQL handle's queries go to: the transaction's own, or the pool. */
function postgresClient(db: Db | Tx): PostgresQueryable {
  const session = (db as unknown as { session?: { client?: PostgresQueryable } }).session;
  return (session?.client ?? (db as unknown as { $client: PostgresQueryable }).$client) as PostgresQueryable;
}

/** The rows of a hand-written query, run in `db` (or the transaction). */
export async function rawRows<T>(db: Db | Tx, query: RawSql, params: readonly unknown[] = []): Promise<T[]> {
  if (dialectOf(db) === 'postgres') {
    const text = numbered(typeof query === 'string' ? query : query.postgres);
    const result = await postgresClient(db).query({ text, values: [...params] });
    return result.rows as T[];
  }
  return db.$client.prepare(typeof query === 'string' ? query : query.sqlite).all(...params) as T[];
}

/** The first row of a hand-written query, or undefined. */
export async function rawRow<T>(db: Db | Tx, query: RawSql, params: readonly unknown[] = []): Promise<T | undefined> {
  if (dialectOf(db) === 'postgres') return (await rawRows<T>(db, query, params))[0];
  return db.$client.prepare(typeof query === 'string' ? query : query.sqlite).get(...params) as T | undefined;
}

/** Runs a hand-written statement that returns no rows (inside a write transaction when it writes). */
export async function rawRun(db: Db | Tx, query: RawSql, params: readonly unknown[] = []): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await postgresClient(db).query({ text: numbered(typeof query === 'string' ? query : query.postgres), values: [...params] });
    return;
  }
  db.$client.prepare(typeof query === 'string' ? query : query.sqlite).run(...params);
}
