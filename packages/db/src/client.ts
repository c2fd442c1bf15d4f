import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a write transaction callback receives: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Pages written to the WAL before a commit checkpoints it back into the database (SQLite's default, said aloud). */
export const WAL_AUTOCHECKPOINT_PAGES = 1000;
/** The size the WAL file is cut back to after a checkpoint that reached its end: 64 MB. */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the SQLite file with the pragmas the product relies on: WAL so readers never wait for the writer,
 * foreign keys enforced, and a busy timeout so a second writer waits instead of failing at once.
 * `:memory:` gives a private in-memory database (tests).
 *
 * Durability: `synchronous = FULL`. A write the API has answered 2xx to must survive both a crash of the process
 * and a loss of power. In WAL mode NORMAL already survives a crash of the process (the WAL is in the operating
 * system's cache, which outlives the process), but it syncs the WAL only at checkpoints, so a power cut can take
 * the last commits that were acknowledged; FULL syncs the WAL at every commit. It costs one fsync per write
 * transaction (see the README's "Durability and backups" for the figures); reads are not affected.
 *
 * A bounded WAL: readers in WAL mode see the database as it was when their read began, so a checkpoint cannot go
 * past a long read (a board report, an export, an online backup) and the WAL grows while it lasts. The
 * autocheckpoint stays on (every WAL_AUTOCHECKPOINT_PAGES pages), and `journal_size_limit` cuts the file back to
 * JOURNAL_SIZE_LIMIT_BYTES once a checkpoint reaches its end again, so a burst under a long read does not leave a
 * large WAL on disk for good; `checkpointWhenIdle` (the server runs it) also empties it in quiet moments.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  reuseStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Gives the query planner statistics of the tables (`sqlite_stat1`), so it picks the right index at any size: a
 * partnership of 200,000 actions is planned differently from a new one. Run at start-up, after the migrations:
 * SQLite analyses only the tables whose statistics are missing or out of date. Each is read whole: a sample
 * (`analysis_limit`) misjudges how many actions share a status and steers the planner off the covering index,
 * and the whole of a 200,000-action partnership is analysed in about 0.6 s.
 */
export function refreshPlannerStatistics(db: Db) {
  db.$client.pragma('optimize = 0x10002');
}

/**
 * Every `intervalMs`, when no write has been committed on this connection since the last look, refreshes the
 * query planner's statistics where they have drifted (`PRAGMA optimize`), then checkpoints the WAL and truncates
 * it (`wal_checkpoint(TRUNCATE)`): the database file then holds everything and the WAL is empty,
 * which keeps the WAL small after a long read held checkpoints back and makes a copy of the file alone complete.
 * A checkpoint that a reader still holds back is simply tried again next time (it never waits: busy_timeout is
 * lifted for it). Returns the function that stops it; the timer never keeps the process alive.
 */
export function checkpointWhenIdle(db: Db, intervalMs = 60_000): () => void {
  const sqlite = db.$client;
  let changesSeen = (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
  const timer = setInterval(() => {
    if (!sqlite.open || sqlite.inTransaction) return;
    const changes = (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
    const idle = changes === changesSeen;
    changesSeen = changes;
    if (!idle) return;
    const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    try {
      sqlite.pragma('busy_timeout = 0');
      // The planner's statistics brought up to date where the tables have grown or shrunk a lot (usually nothing).
      sqlite.pragma('optimize');
      changesSeen = (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy: another connection is writing or reading; the next round tries again.
    } finally {
      sqlite.pragma(`busy_timeout = ${timeout}`);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
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
