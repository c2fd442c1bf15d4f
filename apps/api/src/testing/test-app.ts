import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { closeDatabase, type Db } from '@lrt/db';
import { createTestDatabase, factories } from '@lrt/db/testing';
import { buildApp } from '../app';

/** A fixed "now" for tests: Monday 2 March 2026, 10:00 in London. */
export const TEST_NOW = new Date('2026-03-02T10:00:00.000Z');
export const TEST_TODAY = '2026-03-02';

export interface TestWorld {
  app: FastifyInstance;
  db: Db;
  /** Moves the clock the app reads. */
  setNow: (now: Date) => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON bodies are whatever the test expects
  request: (options: InjectOptions) => Promise<LightMyRequestResponse & { json: <T = any>() => T }>;
  /** A snapshot of every table's rows, to prove a refused request changed nothing. */
  snapshot: () => string;
  close: () => Promise<void>;
}

/** The real app on a fresh, migrated in-memory database, with a clock the test controls. */
export async function createTestWorld(): Promise<TestWorld> {
  const db = createTestDatabase();
  let now = TEST_NOW;
  const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    setNow: (next) => {
      now = next;
    },
    request: (options) => app.inject(options) as never,
    snapshot: () => {
      const tables = db.$client
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'actions_fts%' and name <> '__drizzle_migrations' order by name")
        .all() as { name: string }[];
      return JSON.stringify(tables.map(({ name }) => [name, db.$client.prepare(`select * from "${name}" order by rowid`).all()]));
    },
    close: async () => {
      await app.close();
      closeDatabase(db);
    },
  };
}

/** A small plan: a review with a subgroup, two agencies, a learning point, a recommendation and an action. */
export function seedSmallPlan(db: Db) {
  const subgroup = factories.subgroup(db);
  const police = factories.agency(db, { kind: 'police' });
  const health = factories.agency(db, { kind: 'health' });
  const theme = factories.theme(db);
  const review = factories.review(db, { code: 'SD-2025', subgroupId: subgroup.id });
  const learningPoint = factories.learningPoint(db, { reviewId: review.id });
  const recommendation = factories.recommendation(db, { reviewId: review.id, subgroupId: subgroup.id });
  const action = factories.action(db, {
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
