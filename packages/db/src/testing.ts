import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { closeDatabase, openDatabase, writeTransaction, type Db } from './client';
import type { Dialect } from './dialect';
import { openPostgres, whenClosed } from './postgres/client';
import { execute, first } from './query';
import { defaultMigrationsFolder, migrateDatabase } from './migrate';
import * as schema from './schema';
import { eq, getTableName, is, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The PostgreSQL server the tests run against instead of SQLite, when set (scripts/with-postgres.sh starts a
 * throwaway one and sets it): a URL of a database on that server the tests may create databases from.
 */
const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL;

/** The database every test of this run works on. */
export const testDialect: Dialect = POSTGRES_SERVER ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated, private database. Every test builds its own world in one of these: an in-memory SQLite
 * database, or (TEST_POSTGRES_URL) a PostgreSQL database copied from a migrated template, dropped on close.
 */
export async function createTestDatabase(): Promise<Db> {
  if (POSTGRES_SERVER) return createPostgresTestDatabase(POSTGRES_SERVER);
  const db = openDatabase(':memory:');
  await migrateDatabase(db);
  return db;
}

let template: Promise<string> | undefined;
let databases = 0;

/** A URL like `server` naming another database on the same server. */
const onServer = (server: string, database: string) => {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Runs `work` on a connection to the server's own database (to create and drop databases). */
async function onAdmin<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The migrated template the tests' databases are copied from, built once for this set of migrations (its name
 * carries their digest) by whichever test process gets there first; the others wait on the same lock.
 */
function migratedTemplate(server: string): Promise<string> {
  template ??= (async () => {
    const folder = join(defaultMigrationsFolder(), 'postgres');
    const digest = createHash('sha256');
    for (const name of readdirSync(folder).sort()) if (name.endsWith('.sql')) digest.update(name).update(readFileSync(join(folder, name)));
    const name = `lrt_template_${digest.digest('hex').slice(0, 16)}`;
    await onAdmin(server, async (admin) => {
      await admin.query('select pg_advisory_lock(7305121410)');
      try {
        const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (found.rowCount) return;
        const building = `${name}_building_${process.pid}`;
        await admin.query(`create database "${building}"`);
        const db = await openPostgres(onServer(server, building), { maxConnections: 2 });
        try {
          await migrateDatabase(db);
        } finally {
          await closeDatabase(db);
        }
        await admin.query(`alter database "${building}" rename to "${name}"`);
      } finally {
        await admin.query('select pg_advisory_unlock(7305121410)');
      }
    });
    return name;
  })();
  return template;
}

/** This process's test databases that are closed and free to be used again. */
const free: string[] = [];

/**
 * A test database on PostgreSQL. Copying the template takes about a second, so each test process keeps the
 * databases its tests have closed and gives one to the next test emptied: every table truncated (identities
 * restarted) and the starting rows put back, which leaves it exactly as the migrations left it.
 */
async function createPostgresTestDatabase(server: string): Promise<Db> {
  const source = await migratedTemplate(server);
  let name = free.pop();
  const reused = name !== undefined;
  if (!name) {
    name = `lrt_test_${process.pid}_${++databases}`;
    const created = name;
    await onAdmin(server, (admin) => admin.query(`create database "${created}" template "${source}"`));
  }
  const db = await openPostgres(onServer(server, name), { maxConnections: 4 });
  if (reused) await emptyPostgresDatabase(db);
  const closedName = name;
  whenClosed(db, async () => {
    free.push(closedName);
  });
  return db;
}

/** Every table truncated and the rows the migrations insert put back (a database as the template has it). */
async function emptyPostgresDatabase(db: Db) {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable)).map((t) => `"${getTableName(t)}"`);
  await execute(
    db,
    sql.raw(`truncate table ${[...tables, '"actions_search"'].join(', ')} restart identity cascade;
      insert into "settings" ("id") values (1);
      insert into "plan_version" ("id", "version") values (1, 0);`),
  );
}

let counter = 0;
/** Unique per process, so factory rows never collide on unique names or codes. */
export const unique = (prefix: string) => `${prefix}${++counter}`;

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Inserts one row in its own write transaction and gives it back as stored. */
async function insertOne<T>(db: Db, insert: (tx: Db) => PromiseLike<T[]>): Promise<T> {
  return writeTransaction(db, async (tx) => (await first(insert(tx)))!);
}

/** The next free number of a review's learning points or recommendations. */
async function nextNumber(db: Db, table: typeof schema.learningPoints | typeof schema.recommendations, reviewId: number) {
  const row = await first(
    db
      .select({ n: sql<number>`coalesce(max(${table.number}), 0) + 1` })
      .from(table)
      .where(eq(table.reviewId, reviewId)),
  );
  return { n: row!.n };
}

export const factories = {
  async agency(db: Db, values: Insert<typeof schema.agencies> = {}) {
    const n = unique('');
    return insertOne(db, (tx) =>
      tx
        .insert(schema.agencies)
        .values({ name: `Agency ${n}`, shortName: `AG${n}`, kind: 'other', ...values })
        .returning(),
    );
  },
  async subgroup(db: Db, values: Insert<typeof schema.subgroups> = {}) {
    const n = unique('');
    return insertOne(db, (tx) =>
      tx
        .insert(schema.subgroups)
        .values({ name: `Subgroup ${n}`, shortName: `SG${n}`, ...values })
        .returning(),
    );
  },
  async theme(db: Db, values: Insert<typeof schema.themes> = {}) {
    return insertOne(db, (tx) =>
      tx
        .insert(schema.themes)
        .values({ name: unique('Theme '), ...values })
        .returning(),
    );
  },
  async review(db: Db, values: Insert<typeof schema.reviews> = {}) {
    return insertOne(db, (tx) =>
      tx
        .insert(schema.reviews)
        .values({
          code: unique('R-'),
          type: 'lcspr',
          childPseudonym: 'Child A',
          title: 'A learning review',
          stage: 'review',
          ...values,
        })
        .returning(),
    );
  },
  async learningPoint(db: Db, values: Insert<typeof schema.learningPoints> & { reviewId: number }) {
    const next = await nextNumber(db, schema.learningPoints, values.reviewId);
    return insertOne(db, (tx) =>
      tx
        .insert(schema.learningPoints)
        .values({ number: next.n, title: 'A key learning point', ...values })
        .returning(),
    );
  },
  async recommendation(db: Db, values: Insert<typeof schema.recommendations> & { reviewId: number }) {
    const next = await nextNumber(db, schema.recommendations, values.reviewId);
    return insertOne(db, (tx) =>
      tx
        .insert(schema.recommendations)
        .values({ number: next.n, text: 'The partnership should act', ...values })
        .returning(),
    );
  },
  /** An action row as it would be straight after creation (not started, no updates) unless told otherwise. */
  async action(db: Db, values: Insert<typeof schema.actions> & { reviewId: number; ownerAgencyId: number }) {
    return insertOne(db, (tx) =>
      tx
        .insert(schema.actions)
        .values({
          ref: unique('ACT-'),
          kind: 'single_agency',
          learningNeed: 'Practitioners need to hear the child',
          action: 'Deliver briefings to front-line staff',
          ...values,
        })
        .returning(),
    );
  },
};
