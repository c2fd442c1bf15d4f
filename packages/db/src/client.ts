import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { dialectOf, markDialect } from './dialect';
import { closePostgres, isRetryable, openPostgres } from './postgres/client';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/**
 * What a write transaction's work receives: the same query API as Db, bound to the transaction. Services take
 * `Db | Tx` and await every query, so the same code runs in a transaction or outside one.
 */
export type Tx = Db;

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
    // A statement that writes (an insert with RETURNING included) while no transaction is open, once required.
    const guard = () => {
      if (!statement.readonly && !sqlite.inTransaction && writesGuarded.has(sqlite) && !/^\s*pragma/i.test(statement.source)) {
        throw new Error(`a write outside a write transaction: ${statement.source.slice(0, 120)}`);
      }
    };
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
      run: (...params: unknown[]) => (guard(), statement.run(...params)),
      get: (...params: unknown[]) => (guard(), arm(), statement.get(...params)),
      all: (...params: unknown[]) => (guard(), arm(), statement.all(...params)),
      iterate: (...params: unknown[]) => (guard(), arm(), statement.iterate(...params)),
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

const IN_TRANSACTION = Symbol('lrt.inTransaction');

function markPostgresTransaction(tx: Tx): Tx {
  Object.defineProperty(tx, IN_TRANSACTION, { value: true });
  return markDialect(tx, 'postgres');
}

interface PgTransactionLike {
  transaction<T>(work: (tx: unknown) => Promise<T>, config?: { isolationLevel?: 'serializable' | 'repeatable read'; accessMode?: 'read only' }): Promise<T>;
}

/** How many times a PostgreSQL write transaction is run again after a serialisation failure or deadlock before giving up. */
export const SERIALISATION_RETRIES = 8;

/** The advisory lock every PostgreSQL write transaction takes first: the partnership's one write lock. */
export const WRITE_LOCK = 7_305_121_412;

/**
 * A write transaction on PostgreSQL. It takes the partnership's write lock first (a transaction-scoped advisory
 * lock, released at commit or rollback), so writes run one at a time across every instance, exactly as on SQLite
 * (BEGIN IMMEDIATE): every write moves the one plan_version row on, so concurrent writers would collide there
 * anyway, and taking turns at the start is cheaper than failing at commit and running again. Reads never wait for
 * it. Under the lock, read committed sees everything committed before, as SQLite's writer does. Should PostgreSQL
 * still refuse one (a serialisation failure or a deadlock), it is run again from the start after a short random
 * pause; `work` awaits nothing but the database, so running it again has no other effect.
 */
async function writePostgres<T>(db: Db, work: (tx: Tx) => Promise<T> | T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (db as unknown as PgTransactionLike).transaction(async (tx) => {
        await (tx as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
        return work(markPostgresTransaction(tx as Tx));
      });
    } catch (error) {
      if (attempt > SERIALISATION_RETRIES || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Whether `db` is the handle a write transaction gave its work. */
export function inTransaction(db: Db | Tx): boolean {
  return (db as unknown as Record<symbol, unknown>)[IN_TRANSACTION] === true;
}

interface Lane {
  /** Settles when the write transaction last queued on this connection has finished. */
  tail: Promise<void>;
  begin: Database.Statement;
  beginRead: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
  savepoints: number;
}
const lanes = new WeakMap<Database.Database, Lane>();

/** BEGIN, COMMIT and ROLLBACK of a connection, compiled once (and outside the statement cache). */
function laneOf(sqlite: Database.Database): Lane {
  let lane = lanes.get(sqlite);
  if (!lane) {
    const compile = (Object.getPrototypeOf(sqlite) as Database.Database).prepare.bind(sqlite);
    lane = {
      tail: Promise.resolve(),
      begin: compile('BEGIN IMMEDIATE'),
      beginRead: compile('BEGIN DEFERRED'),
      commit: compile('COMMIT'),
      rollback: compile('ROLLBACK'),
      savepoints: 0,
    };
    lanes.set(sqlite, lane);
  }
  return lane;
}

/**
 * Runs `work` as one write transaction and resolves with what it returns; if `work` throws, nothing it wrote
 * stays. The transaction takes the write lock at BEGIN (BEGIN IMMEDIATE), so two writers never both read and
 * then fail to upgrade, and the write transactions of this process run one after another: each waits for the
 * one before to commit or roll back, so another request's write can never land inside it. `work` must await
 * nothing but the database (hash passwords, read files and send mail before or after), because the write lock
 * is held for as long as it runs. Called with a transaction's handle, it runs `work` in a savepoint of that
 * transaction instead (see `savepoint`).
 *
 * Every write goes through here, single statements included. A read outside a transaction may run while another
 * request's write transaction is open on the same connection, and then sees that transaction's writes before
 * they commit (one connection, one view); it never sees a half-written statement.
 */
export async function writeTransaction<T>(db: Db | Tx, work: (tx: Tx) => Promise<T> | T): Promise<T> {
  if (inTransaction(db)) return savepoint(db, work);
  if (dialectOf(db) === 'postgres') return writePostgres(db, work);
  const sqlite = db.$client;
  return inTurn(sqlite, async (lane) => {
    lane.begin.run();
    try {
      const result = await work(transactionOf(db));
      lane.commit.run();
      return result;
    } catch (error) {
      if (sqlite.inTransaction) lane.rollback.run();
      throw error;
    }
  });
}

/** Runs `run` once every transaction queued before it on this SQLite connection has finished, then lets the next go. */
async function inTurn<T>(sqlite: Database.Database, run: (lane: Lane) => Promise<T>): Promise<T> {
  const lane = laneOf(sqlite);
  const before = lane.tail;
  let finished!: () => void;
  lane.tail = new Promise<void>((resolve) => (finished = resolve));
  await before;
  try {
    return await run(lane);
  } finally {
    finished();
  }
}

/** The handle a SQLite transaction's work receives: the connection's own, marked as inside a transaction. */
const transactionOf = (db: Db): Tx => Object.create(db, { [IN_TRANSACTION]: { value: true } }) as Tx;

/**
 * Runs `work`'s reads as one snapshot: every read sees the database as it was at the first, whatever another
 * request commits meanwhile (a page chosen by one query and read by the next). On SQLite it waits its turn with
 * the write transactions of this process (one connection) but takes no write lock (a deferred BEGIN), so other
 * processes' writers are not held up; on PostgreSQL it is a read-only repeatable-read transaction. `work` must
 * not write, and awaits nothing but the database.
 */
export async function readTransaction<T>(db: Db | Tx, work: (tx: Tx) => Promise<T> | T): Promise<T> {
  if (inTransaction(db)) return work(db);
  if (dialectOf(db) === 'postgres') {
    return (db as unknown as PgTransactionLike).transaction((tx) => Promise.resolve(work(markPostgresTransaction(tx as Tx))), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }
  const sqlite = db.$client;
  return inTurn(sqlite, async (lane) => {
    lane.beginRead.run();
    try {
      return await work(transactionOf(db));
    } finally {
      if (sqlite.inTransaction) lane.commit.run();
    }
  });
}

/**
 * Runs `work` inside the open transaction `tx` so that, if it throws, only what it wrote is undone and the
 * transaction carries on (an import that creates an agency it then finds it cannot use).
 */
export async function savepoint<T>(tx: Tx, work: (tx: Tx) => Promise<T> | T): Promise<T> {
  if (!inTransaction(tx)) throw new Error('savepoint: not inside a write transaction');
  if (dialectOf(tx) === 'postgres') {
    return (tx as unknown as PgTransactionLike).transaction(async (inner) => work(markPostgresTransaction(inner as unknown as Tx)));
  }
  const sqlite = tx.$client;
  const lane = laneOf(sqlite);
  const name = `lrt_savepoint_${++lane.savepoints}`;
  sqlite.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(tx);
    sqlite.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      sqlite.exec(`ROLLBACK TO ${name}`);
      sqlite.exec(`RELEASE ${name}`);
    }
    throw error;
  } finally {
    lane.savepoints -= 1;
  }
}

/**
 * From now on, a statement that writes while no transaction is open throws: every write must go through
 * `writeTransaction`, or it could land inside another request's transaction and be undone with it. The server
 * turns this on once the migrations have run (they write outside a transaction to begin with).
 */
export function requireWriteTransactions(db: Db) {
  writesGuarded.add(db.$client);
}
const writesGuarded = new WeakSet<Database.Database>();

/** Closes the database: the SQLite file, or every connection of the PostgreSQL pool. */
export async function closeDatabase(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') return closePostgres(db);
  db.$client.close();
}

/** Where the partnership's database is: a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; maxConnections?: number };

/** Opens the database the configuration names. A PostgreSQL server that cannot be reached stops here, with a reason. */
export async function connectDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.dialect === 'sqlite') return openDatabase(target.path);
  return openPostgres(target.url, target.maxConnections === undefined ? {} : { maxConnections: target.maxConnections });
}
