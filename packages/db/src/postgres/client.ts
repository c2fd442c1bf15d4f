import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../schema';
import type { Db } from '../client';
import { markDialect } from '../dialect';

/**
 * PostgreSQL through node-postgres: a pool of connections shared by every request of this process. Several API
 * instances can share one database: write transactions take turns under one advisory lock (see writeTransaction),
 * sessions, throttles and rate limits are rows, and migrations take a lock of their own.
 *
 * The services build their queries from the SQLite tables of ../schema; postgres/schema.ts explains why the
 * same tables serve both. Two conversions make PostgreSQL answer as SQLite does: a count or a sum of integers
 * (bigint, numeric) comes back as a JavaScript number rather than a string, as it does from SQLite.
 */

// Set for the process, not per pool: drizzle's queries hand node-postgres type parsers of their own, which fall
// back to these defaults.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export interface PostgresOptions {
  /** Connections this process keeps open at most. */
  maxConnections?: number;
  /** How long a request waits for a connection (or the server, while it restarts) before it fails. */
  connectTimeoutMs?: number;
}

/** A database address as it may be written in a message or a log: its password replaced by `***`. */
export function withoutPassword(address: string): string {
  if (!URL.canParse(address)) return address.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  const url = new URL(address);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Raised when the database named by the configuration cannot be reached or refuses us. Never carries the password. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const pools = new WeakMap<object, pg.Pool>();

/** The pool of a PostgreSQL handle. */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('not a PostgreSQL handle');
  return pool;
}

/**
 * Connects to the PostgreSQL database at `url` and checks at once that it answers, so a wrong URL, a wrong
 * password or a server that is down stops start-up with a message naming the database (never its password).
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection that dies while idle (the server restarted) is dropped from the pool; the next request opens a
  // new one. Without a listener the error would end the process.
  pool.on('error', () => {});
  // The same for a connection in use when the server goes (between two statements of a transaction): its next
  // query fails, the request answers 503, and the pool drops it on release rather than handing it out again.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`cannot connect to ${withoutPassword(url)}: ${reason.replaceAll(url, withoutPassword(url))}`, { cause: error });
  }
  const db = drizzle(pool, { schema }) as unknown as Db;
  pools.set(db, pool);
  return markDialect(db, 'postgres');
}

/** SQLSTATEs after which the same transaction, run again from the start, can succeed. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** The PostgreSQL error behind an error (drizzle wraps the driver's in its own, as `cause`). */
export function postgresErrorOf(error: unknown): (Error & { code?: string; constraint?: string; detail?: string }) | undefined {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (typeof (e as { code?: unknown }).code === 'string' && 'severity' in e) return e as unknown as Error & { code: string };
  }
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  const code = postgresErrorOf(error)?.code;
  return code !== undefined && RETRYABLE.has(code);
}

/** SQLSTATE classes that mean the server is not there (a restart, a failover, a network break), not a bad query. */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
    }
    // node-postgres says so in words only.
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(e.message)) return true;
  }
  return false;
}

const afterClose = new WeakMap<object, () => Promise<void>>();

/** Runs `then` once the handle's pool has closed (tests drop their throwaway database). */
export function whenClosed(db: Db, then: () => Promise<void>) {
  afterClose.set(db, then);
}

export async function closePostgres(db: Db): Promise<void> {
  await poolOf(db).end();
  await afterClose.get(db)?.();
}
