import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a write transaction callback receives: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Opens the SQLite file with the pragmas the product relies on: WAL so readers never wait for the writer,
 * foreign keys enforced, and a busy timeout so a second writer waits instead of failing at once.
 * `:memory:` gives a private in-memory database (tests).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  reuseStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/** How many distinct statements a connection keeps compiled. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Keeps compiled statements by their SQL, so a query the services build again and again (an action read after
 * each write, an audit insert) is compiled once per connection rather than on every call: compiling is a
 * fifth of the cost of a write-heavy batch such as an import. Each caller gets a view that resets the
 * statement's raw mode before it runs, so one caller's `raw()` never leaks into another's rows; a statement still
 * being iterated is not shared.
 */
function reuseStatements(sqlite: Database.Database) {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  const viewOf = (statement: Database.Statement) => {
    let raw = false;
    const arm = () => {
      if (statement.reader) statement.raw(raw);
      raw = false;
    };
    const view = {
      get source() {
        return statement.source;
      },
      get reader() {
        return statement.reader;
      },
      get readonly() {
        return statement.readonly;
      },
      get busy() {
        return statement.busy;
      },
      raw(toggle = true) {
        raw = toggle;
        return view;
      },
      columns: () => statement.columns(),
      run: (...params: unknown[]) => statement.run(...params),
      get: (...params: unknown[]) => (arm(), statement.get(...params)),
      all: (...params: unknown[]) => (arm(), statement.all(...params)),
      iterate: (...params: unknown[]) => (arm(), statement.iterate(...params)),
    };
    return view as unknown as Database.Statement;
  };
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement && !statement.busy) {
      cache.delete(source);
      cache.set(source, statement);
    } else {
      statement = compile(source);
      if (!cache.has(source)) {
        cache.set(source, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
    }
    return viewOf(statement);
  }) as typeof sqlite.prepare;
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), so two writers
 * never both read and then fail to upgrade. better-sqlite3 is synchronous: `work` must not be async.
 */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}

export function closeDatabase(db: Db) {
  db.$client.close();
}
