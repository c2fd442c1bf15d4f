import Database from 'better-sqlite3';
import type { Db } from '@lrt/db';

/**
 * Fault injection for tests: makes the k-th database statement a piece of work runs throw, as a failing disk
 * would. It patches better-sqlite3's Statement (run, get, all, iterate) and Database#exec for this process only,
 * and counts only statements of the one connection it is given, and only while a request is being watched.
 *
 * packages/db keeps compiled statements per connection (a view around a cached Statement), so the hook sits on the
 * Statement prototype under that cache: every query the services build, drizzle's and hand-written alike, ends in
 * one of these four methods. The statements that open, commit and undo a transaction or a savepoint (BEGIN,
 * COMMIT, ROLLBACK, SAVEPOINT, RELEASE) are not counted; a fault inside the transaction makes it roll back, which
 * is what these tests prove.
 */

/** Marks in the injected error that must never reach a client: SQL, the SQLite code, a file path. */
export const FAULT_MARKERS = ['SQLITE_IOERR', 'disk I/O error', 'insert into "fault_table"', '/var/lib/lrt/fault.db'];

/** The error an injected fault throws: shaped as better-sqlite3 would throw it, with internals a leak would show. */
function injectedFault(k: number, source: string) {
  const error = new Database.SqliteError(
    `disk I/O error (injected at statement ${k}) while running insert into "fault_table" values (1) in /var/lib/lrt/fault.db; was: ${source.slice(0, 80)}`,
    'SQLITE_IOERR',
  );
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

export function installStatementFaults(db: Db): StatementFaults {
  const connection = db.$client;
  // The connection's own prepare is replaced by packages/db's cache; the prototype's compiles a bare Statement.
  const nativePrepare = (Object.getPrototypeOf(connection) as Database.Database).prepare;
  const probe = nativePrepare.call(connection, 'select 1');
  const statementProto = Object.getPrototypeOf(probe) as Record<Method, (...args: unknown[]) => unknown>;
  const databaseProto = Object.getPrototypeOf(connection) as { exec: (source: string) => unknown };

  const originals = Object.fromEntries(METHODS.map((m) => [m, statementProto[m]])) as Record<Method, (...args: unknown[]) => unknown>;
  const originalExec = databaseProto.exec;

  let watching = false;
  let seen = 0;
  let failAt = 0;
  let fired = false;
  let failedSql: string | undefined;
  let sources: string[] = [];

  const step = (source: string) => {
    if (TRANSACTION_CONTROL.test(source)) return;
    seen += 1;
    sources.push(source);
    if (seen === failAt) {
      fired = true;
      failedSql = source;
      throw injectedFault(seen, source);
    }
  };

  for (const method of METHODS) {
    statementProto[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (watching && this.database === connection) step(this.source);
      return originals[method].apply(this, args);
    };
  }
  databaseProto.exec = function (this: Database.Database, source: string) {
    if (watching && this === connection) step(source);
    return originalExec.call(this, source);
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

  return {
    async count(work) {
      const result = await watch(0, work);
      return { result, statements: seen, sources: [...sources] };
    },
    async failAt(k, work) {
      if (k < 1) throw new Error('statement faults: k counts from 1');
      const result = await watch(k, work);
      return { result, fired, failedSql };
    },
    restore() {
      for (const method of METHODS) statementProto[method] = originals[method];
      databaseProto.exec = originalExec;
    },
  };
}
