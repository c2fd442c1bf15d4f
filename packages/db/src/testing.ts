import { openDatabase, type Db } from './client';
import { migrateDatabase } from './migrate';
import * as schema from './schema';

/** A fresh, migrated, private in-memory database. Every test builds its own world in one of these. */
export function createTestDatabase(): Db {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  return db;
}

let counter = 0;
/** Unique per process, so factory rows never collide on unique names or codes. */
export const unique = (prefix: string) => `${prefix}${++counter}`;

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

export const factories = {
  agency(db: Db, values: Insert<typeof schema.agencies> = {}) {
    const n = unique('');
    return db
      .insert(schema.agencies)
      .values({ name: `Agency ${n}`, shortName: `AG${n}`, kind: 'other', ...values })
      .returning()
      .get();
  },
  subgroup(db: Db, values: Insert<typeof schema.subgroups> = {}) {
    const n = unique('');
    return db
      .insert(schema.subgroups)
      .values({ name: `Subgroup ${n}`, shortName: `SG${n}`, ...values })
      .returning()
      .get();
  },
  theme(db: Db, values: Insert<typeof schema.themes> = {}) {
    return db
      .insert(schema.themes)
      .values({ name: unique('Theme '), ...values })
      .returning()
      .get();
  },
  review(db: Db, values: Insert<typeof schema.reviews> = {}) {
    return db
      .insert(schema.reviews)
      .values({
        code: unique('R-'),
        type: 'lcspr',
        childPseudonym: 'Child A',
        title: 'A learning review',
        stage: 'review',
        ...values,
      })
      .returning()
      .get();
  },
  learningPoint(db: Db, values: Insert<typeof schema.learningPoints> & { reviewId: number }) {
    const next =
      db.$client.prepare('select coalesce(max(number), 0) + 1 as n from learning_points where review_id = ?').get(values.reviewId) as { n: number };
    return db
      .insert(schema.learningPoints)
      .values({ number: next.n, title: 'A key learning point', ...values })
      .returning()
      .get();
  },
  recommendation(db: Db, values: Insert<typeof schema.recommendations> & { reviewId: number }) {
    const next =
      db.$client.prepare('select coalesce(max(number), 0) + 1 as n from recommendations where review_id = ?').get(values.reviewId) as { n: number };
    return db
      .insert(schema.recommendations)
      .values({ number: next.n, text: 'The partnership should act', ...values })
      .returning()
      .get();
  },
  /** An action row as it would be straight after creation (not started, no updates) unless told otherwise. */
  action(db: Db, values: Insert<typeof schema.actions> & { reviewId: number; ownerAgencyId: number }) {
    return db
      .insert(schema.actions)
      .values({
        ref: unique('ACT-'),
        kind: 'single_agency',
        learningNeed: 'Practitioners need to hear the child',
        action: 'Deliver briefings to front-line staff',
        ...values,
      })
      .returning()
      .get();
  },
};
