import Database from 'better-sqlite3';
import pg from 'pg';
import { dialectOf, type Db } from '@lrt/db';

/**
 * Fault injection for tests: makes the k-th database statement a piece of work runs throw, as a failing disk
 * would. Only statements of the one database handle it is given are counted, and only while a request is being
 * watched. The statements that open, commit and undo a transaction or a savepoint (BEGIN, COMMIT, ROLLBACK,
 * SAVEPOINT, RELEASE) are not counted; a fault inside the transaction makes it roll back, which is what these
 * tests prove.
 *
 * SQLite: it patches better-sqlite3's Statement (run, get, all, iterate) and Database#exec for this process only.
 * packages/db keeps compiled statements per connection (a view around a cached Statement), so the hook sits on the
 * Statement prototype under that cache: every query the services build, drizzle's and hand-written alike, ends in
 * one of these four methods.
 *
 * PostgreSQL: every query, drizzle's and hand-written alike, ends in `query` of a node-postgres client of the
 * handle's pool (a transaction's own connection, or one the pool lends for a single statement). Each client the
 * pool lends is given a `query` of its own that counts first; a faulted statement is never sent to the server.
 */

/** Marks in the injected errors that must never reach a client: SQL, the engine's codes and words, a file path. */
export const FAULT_MARKERS = [
  'SQLITE_IOERR',
  'disk I/O error',
  'insert into "fault_table"',
  '/var/lib/lrt/fault.db',
  'could not read block',
  'base/16384/2619',
  'mdread',
  'PANIC-PRONE',
  '/var/lib/postgresql/lrt-fault',
];

/** The error an injected fault throws on SQLite: shaped as better-sqlite3 would throw it, with internals a leak would show. */
function injectedSqliteFault(k: number, source: string) {
  return new Database.SqliteError(
    `disk I/O error (injected at statement ${k}) while running insert into "fault_table" values (1) in /var/lib/lrt/fault.db; was: ${source.slice(0, 80)}`,
    'SQLITE_IOERR',
  );
}

/**
 * The error an injected fault throws on PostgreSQL: shaped as node-postgres gives a server's error (a DatabaseError
 * with SQLSTATE 58030, io_error), its message, detail, hint and context full of internals a leak would show.
 */
function injectedPostgresFault(k: number, source: string) {
  const error = new pg.DatabaseError(
    `could not read block 7 in file "base/16384/2619": read only 0 of 8192 bytes (injected at statement ${k})`,
    0,
    'error',
  );
  Object.assign(error, {
    severity: 'ERROR',
    code: '58030',
    detail: `PANIC-PRONE I/O failure on /var/lib/postgresql/lrt-fault/base/16384/2619 while running insert into "fault_table" values (1); was: ${source.slice(0, 80)}`,
    hint: 'Check the storage under /var/lib/postgresql/lrt-fault.',
    where: `SQL statement "insert into "fault_table" values (1)"`,
    file: 'md.c',
    line: '779',
    routine: 'mdread',
  });
  return error;
}

export interface StatementFaults {
  /** Counts the statements `work` runs on the connection, with no fault. */
  count<T>(work: () => Promise<T>): Promise<{ result: T; statements: number; sources: string[] }>;
  /** Runs `work` with its k-th statement (1-based) throwing; `fired` says whether the fault went off. */
  failAt<T>(k: number, work: () => Promise<T>): Promise<{ result: T; fired: boolean; failedSql: string | undefined }>;
  /** Puts the real methods back. */
  restore(): void;
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

type Method = 'run' | 'get' | 'all' | 'iterate';
const METHODS: Method[] = ['run', 'get', 'all', 'iterate'];

/** What both engines share: which statement is counted, when the fault fires, and watching one piece of work. */
function faultCounter(injected: (k: number, source: string) => Error) {
  let watching = false;
  let seen = 0;
  let failAt = 0;
  let fired = false;
  let failedSql: string | undefined;
  let sources: string[] = [];

  /** Counts a statement about to run; throws the injected error (instead of running it) when it is the k-th. */
  const step = (source: string) => {
    if (!watching || TRANSACTION_CONTROL.test(source)) return;
    seen += 1;
    sources.push(source);
    if (seen === failAt) {
      fired = true;
      failedSql = source;
      throw injected(seen, source);
    }
  };

  const watch = async <T>(k: number, work: () => Promise<T>) => {
    if (watching) throw new Error('statement faults: already watching a piece of work');
    watching = true;
    seen = 0;
    failAt = k;
    fired = false;
    failedSql = undefined;
    sources = [];
    try {
      return await work();
    } finally {
      watching = false;
      failAt = 0;
    }
  };

  const faults = (restore: () => void): StatementFaults => ({
    async count(work) {
      const result = await watch(0, work);
      return { result, statements: seen, sources: [...sources] };
    },
    async failAt(k, work) {
      if (k < 1) throw new Error('statement faults: k counts from 1');
      const result = await watch(k, work);
      return { result, fired, failedSql };
    },
    restore,
  });
  return { step, faults };
}

export function installStatementFaults(db: Db): StatementFaults {
  return dialectOf(db) === 'postgres' ? installPostgresFaults(db) : installSqliteFaults(db);
}

function installSqliteFaults(db: Db): StatementFaults {
  const connection = db.$client;
  // The connection's own prepare is replaced by packages/db's cache; the prototype's compiles a bare Statement.
  const nativePrepare = (Object.getPrototypeOf(connection) as Database.Database).prepare;
  const probe = nativePrepare.call(connection, 'select 1');
  const statementProto = Object.getPrototypeOf(probe) as Record<Method, (...args: unknown[]) => unknown>;
  const databaseProto = Object.getPrototypeOf(connection) as { exec: (source: string) => unknown };

  const originals = Object.fromEntries(METHODS.map((m) => [m, statementProto[m]])) as Record<Method, (...args: unknown[]) => unknown>;
  const originalExec = databaseProto.exec;
  const counter = faultCounter(injectedSqliteFault);

  for (const method of METHODS) {
    statementProto[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (this.database === connection) counter.step(this.source);
      return originals[method].apply(this, args);
    };
  }
  databaseProto.exec = function (this: Database.Database, source: string) {
    if (this === connection) counter.step(source);
    return originalExec.call(this, source);
  };

  return counter.faults(() => {
    for (const method of METHODS) statementProto[method] = originals[method];
    databaseProto.exec = originalExec;
  });
}

type Query = (...args: unknown[]) => unknown;

/** The SQL text of a node-postgres `query` call: a string, or a config object's `text`. */
const textOf = (query: unknown) => (typeof query === 'string' ? query : String((query as { text?: unknown } | null)?.text ?? ''));

function installPostgresFaults(db: Db): StatementFaults {
  // On PostgreSQL the handle's $client is the pool its queries go to.
  const pool = db.$client as unknown as pg.Pool;
  const counter = faultCounter(injectedPostgresFault);
  const patched = new Set<pg.PoolClient>();

  const patch = (client: pg.PoolClient) => {
    if (patched.has(client)) return;
    patched.add(client);
    const original = Object.getPrototypeOf(client).query as Query;
    Object.defineProperty(client, 'query', {
      configurable: true,
      writable: true,
      value: function (this: pg.PoolClient, ...args: unknown[]) {
        try {
          counter.step(textOf(args[0]));
        } catch (error) {
          // As node-postgres reports a failed statement: to the callback when given one (the pool's own
          // single-statement queries pass one), else as a rejected promise.
          const callback = args.findLast((arg) => typeof arg === 'function') as ((error: Error) => void) | undefined;
          if (callback) {
            process.nextTick(() => callback(error as Error));
            return undefined;
          }
          return Promise.reject(error as Error);
        }
        return original.apply(this, args);
      },
    });
  };
  // Every statement runs on a client the pool lends: a transaction's for its whole length, or one for a single
  // statement (pool.query). Each is patched as it is lent, new connections included.
  pool.on('acquire', patch);

  return counter.faults(() => {
    pool.off('acquire', patch);
    for (const client of patched) delete (client as unknown as Record<string, unknown>).query;
    patched.clear();
  });
}
