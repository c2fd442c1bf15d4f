import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { decodeCursor, toPage } from '../../lib/pagination';
import type { LearningPoint, LearningPointCreate, LearningPointPatch } from '@lrt/contracts';
import { learningPoints, reviews, writeTransaction, type Db, type Tx } from '@lrt/db';
import { explainConstraint, nowIso, recordCreation, updateVersioned } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';
import { notFound } from '../../plugins/problems';
import { renumberWithinReview } from '../reviews/renumber';

const toDto = (row: typeof learningPoints.$inferSelect): LearningPoint => ({
  id: row.id,
  reviewId: row.reviewId,
  number: row.number,
  title: row.title,
  description: row.description,
  version: row.version,
});

export function requireReview(db: Db | Tx, reviewId: number) {
  const review = db.select({ id: reviews.id, code: reviews.code, subgroupId: reviews.subgroupId }).from(reviews).where(eq(reviews.id, reviewId)).get();
  if (!review) throw notFound('review', reviewId);
  return review;
}

/** A review's learning points are few (a handful), so they come as one list in number order. */
export function listLearningPoints(db: Db, reviewId: number, query: { limit: number; cursor?: string | undefined }) {
  requireReview(db, reviewId);
  const after = decodeCursor(query.cursor, ['number']);
  const rows = db
    .select()
    .from(learningPoints)
    .where(and(eq(learningPoints.reviewId, reviewId), after ? gt(learningPoints.number, Number(after[0])) : undefined))
    .orderBy(asc(learningPoints.number))
    .limit(query.limit + 1)
    .all();
  // Numbers are unique within a review, so the number alone is the key.
  const page = toPage(rows, query.limit, (row) => [row.number]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

export function getLearningPoint(db: Db, id: number): LearningPoint {
  const row = db.select().from(learningPoints).where(eq(learningPoints.id, id)).get();
  if (!row) throw notFound('learning_point', id);
  return toDto(row);
}

export function createLearningPoint(db: Db, reviewId: number, input: LearningPointCreate, now: Date, actor: Actor): LearningPoint {
  return writeTransaction(db, (tx) => {
    requireReview(tx, reviewId);
    const number =
      input.number ??
      (tx.select({ next: sql<number>`coalesce(max(${learningPoints.number}), 0) + 1` }).from(learningPoints).where(eq(learningPoints.reviewId, reviewId)).get()
        ?.next as number);
    try {
      const row = tx
        .insert(learningPoints)
        .values({ reviewId, number, title: input.title, description: input.description ?? '', createdAt: nowIso(now), updatedAt: nowIso(now) })
        .returning()
        .get();
      const dto = toDto(row);
      recordCreation(tx, actor, 'learning_point', dto, now);
      return dto;
    } catch (error) {
      explainConstraint(error);
    }
  });
}

export function patchLearningPoint(db: Db, id: number, patch: LearningPointPatch, now: Date, actor: Actor): LearningPoint {
  const { version, ...values } = patch;
  return writeTransaction(db, (tx) =>
    updateVersioned(tx, { table: learningPoints, resource: 'learning_point', id, version, values, now, actor, current: () => getLearningPoint(db, id) }),
  );
}

/** Puts a review's learning points in the order given and numbers them 1, 2, 3… in one transaction. */
export function orderLearningPoints(db: Db, reviewId: number, ids: readonly number[], now: Date, actor: Actor): { items: LearningPoint[] } {
  return writeTransaction(db, (tx) => {
    requireReview(tx, reviewId);
    renumberWithinReview(tx, { table: learningPoints, resource: 'learning_point', what: 'learning points', reviewId, ids, now, actor });
    const rows = tx.select().from(learningPoints).where(eq(learningPoints.reviewId, reviewId)).orderBy(asc(learningPoints.number)).all();
    return { items: rows.map(toDto) };
  });
}
