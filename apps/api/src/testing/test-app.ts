import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Role } from '@lrt/contracts';
import { closeDatabase, schema, writeTransaction, sessions, userAgencies, userRoles, userSubgroups, users, type Db } from '@lrt/db';
import { createTestDatabase, factories, unique } from '@lrt/db/testing';
import { buildApp, cookieNameFor, type AppOptions } from '../app';
import { hashPassword } from '../lib/password-hash';

/** A fixed "now" for tests: Monday 2 March 2026, 10:00 in London. */
export const TEST_NOW = new Date('2026-03-02T10:00:00.000Z');
export const TEST_TODAY = '2026-03-02';
/** Cheap scrypt for tests (N = 2^10); production hashes use N = 2^17. */
export const TEST_SCRYPT_COST = 10;
export const TEST_PASSWORD = 'a long test passphrase';

/** Someone signed in: the cookie and CSRF token their browser would send. */
export interface Caller {
  userId: number;
  name: string;
  email: string;
  cookie: string;
  csrfToken: string;
}

export type TestRequest = InjectOptions & {
  /** Who sends it: a signed-in caller, or null for no session. The business unit's admin by default. */
  as?: Caller | null;
  /** Leave out the CSRF header (to test that it is required). */
  withoutCsrf?: boolean;
};

export interface TestWorld {
  app: FastifyInstance;
  db: Db;
  admin: Caller;
  /** Moves the clock the app reads. Sessions move with it unless told otherwise (timeouts are tested on their own). */
  setNow: (now: Date, options?: { keepSessions?: boolean }) => Promise<void>;
  request: (options: TestRequest) => Promise<LightMyRequestResponse & { json: <T = any>() => T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A user with these roles, signed in. */
  signIn: (roles: Role[], links?: { agencyIds?: number[]; subgroupIds?: number[]; name?: string }) => Promise<Caller>;
  /** A snapshot of every table's rows, to prove a refused request changed nothing. */
  snapshot: () => Promise<string>;
  close: () => Promise<void>;
}

const COOKIE = cookieNameFor('http://localhost:3000');

/** Every table of the schema, by name (the snapshot reads each whole, on either database). */
const ALL_TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable))
  .sort((a, b) => getTableName(a).localeCompare(getTableName(b)));

/**
 * The real app on a fresh, migrated in-memory database, with a clock the test controls. Evidence uploads need an
 * `evidenceDir` (a temporary folder the test owns); without one they are refused.
 */
export async function createTestWorld(options: { evidenceDir?: string; app?: Partial<AppOptions> } = {}): Promise<TestWorld> {
  const db = await createTestDatabase();
  let now = TEST_NOW;
  const app = await buildApp({
    db,
    now: () => now,
    webDistDir: '/nonexistent',
    scryptCost: TEST_SCRYPT_COST,
    // TEST_LOG_ERRORS=1 shows what went wrong behind a 500 (the answer itself never says).
    // eslint-disable-next-line no-restricted-syntax -- a switch for whoever runs the tests, not configuration of the tracker
    ...(process.env.TEST_LOG_ERRORS ? { logger: { level: 'error' } } : {}),
    ...(options.evidenceDir ? { evidenceDir: options.evidenceDir } : {}),
    ...options.app,
  });
  await app.ready();
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST);

  const signIn: TestWorld['signIn'] = async (roles, links = {}) => {
    const name = links.name ?? `${roles.join(' and ')} ${unique('')}`;
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@test.example`;
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const user = await writeTransaction(db, async (tx) => {
      const [user] = await tx.insert(users).values({ email, name, passwordHash }).returning();
      await tx.insert(userRoles).values(roles.map((role) => ({ userId: user!.id, role })));
      if (links.agencyIds?.length) await tx.insert(userAgencies).values(links.agencyIds.map((agencyId) => ({ userId: user!.id, agencyId })));
      if (links.subgroupIds?.length) await tx.insert(userSubgroups).values(links.subgroupIds.map((subgroupId) => ({ userId: user!.id, subgroupId })));
      await tx.insert(sessions).values({
        idHash: createHash('sha256').update(id).digest('hex'),
        userId: user!.id,
        csrfToken,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 12 * 3_600_000).toISOString(),
      });
      return user!;
    });
    return { userId: user.id, name, email, cookie: `${COOKIE}=${id}`, csrfToken };
  };
  const admin = await signIn(['admin'], { name: 'Business Unit Admin' });

  return {
    app,
    db,
    admin,
    setNow: async (next, { keepSessions = true } = {}) => {
      now = next;
      if (keepSessions) {
        await writeTransaction(db, (tx) =>
          tx.update(sessions).set({ lastSeenAt: next.toISOString(), expiresAt: new Date(next.getTime() + 12 * 3_600_000).toISOString() }),
        );
      }
    },
    signIn,
    request: ({ as, withoutCsrf, ...options }) => {
      const caller = as === undefined ? admin : as;
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      if (caller) {
        headers.cookie = [caller.cookie, headers.cookie].filter(Boolean).join('; ');
        if (!withoutCsrf) headers['x-csrf-token'] = caller.csrfToken;
      }
      return app.inject({ ...options, headers }) as never;
    },
    snapshot: async () => {
      const tables = [];
      for (const table of ALL_TABLES) {
        const rows = await db.select().from(table);
        tables.push([getTableName(table), rows.map((row) => JSON.stringify(row)).sort()]);
      }
      return JSON.stringify(tables);
    },
    close: async () => {
      await app.close();
      await closeDatabase(db);
    },
  };
}

/** A small plan: a review with a subgroup, two agencies, a learning point, a recommendation and an action. */
export async function seedSmallPlan(db: Db) {
  const subgroup = await factories.subgroup(db);
  const police = await factories.agency(db, { kind: 'police' });
  const health = await factories.agency(db, { kind: 'health' });
  const theme = await factories.theme(db);
  const review = await factories.review(db, { code: 'SD-2025', subgroupId: subgroup.id });
  const learningPoint = await factories.learningPoint(db, { reviewId: review.id });
  const recommendation = await factories.recommendation(db, { reviewId: review.id, subgroupId: subgroup.id });
  const action = await factories.action(db, {
    reviewId: review.id,
    recommendationId: recommendation.id,
    ownerAgencyId: police.id,
    subgroupId: subgroup.id,
    targetDate: '2026-06-30',
    createdAt: '2026-02-20T09:00:00.000Z',
  });
  return { subgroup, police, health, theme, review, learningPoint, recommendation, action };
}

export { factories };
