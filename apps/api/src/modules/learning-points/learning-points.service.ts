import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { decodeCursor, toPage } from '../../lib/pagination';
import type { LearningPoint, LearningPointCreate, LearningPointPatch } from '@lrt/contracts';
import { first, learningPoints, reviews, writeTransaction, type Db, type Tx } from '@lrt/db';
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

export async function requireReview(db: Db | Tx, reviewId: number) {
  const review = await first(db.select({ id: reviews.id, code: reviews.code, subgroupId: reviews.subgroupId }).from(reviews).where(eq(reviews.id, reviewId)));
  if (!review) throw notFound('review', reviewId);
  return review;
}

/** A review's learning points are few (a handful), so they come as one list in number order. */
export async function listLearningPoints(db: Db, reviewId: number, query: { limit: number; cursor?: string | undefined }) {
  await requireReview(db, reviewId);
  const after = decodeCursor(query.cursor, ['number']);
  const rows = await db
    .select()
    .from(learningPoints)
    .where(and(eq(learningPoints.reviewId, reviewId), after ? gt(learningPoints.number, Number(after[0])) : undefined))
    .orderBy(asc(learningPoints.number))
    .limit(query.limit + 1);
  // Numbers are unique within a review, so the number alone is the key.
  const page = toPage(rows, query.limit, (row) => [row.number]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

export async function getLearningPoint(db: Db | Tx, id: number): Promise<LearningPoint> {
  const row = await first(db.select().from(learningPoints).where(eq(learningPoints.id, id)));
  if (!row) throw notFound('learning_point', id);
  return toDto(row);
}

export async function createLearningPoint(db: Db, reviewId: number, input: LearningPointCreate, now: Date, actor: Actor): Promise<LearningPoint> {
  return writeTransaction(db, async (tx) => {
    await requireReview(tx, reviewId);
    const number =
      input.number ??
      ((await first(tx.select({ next: sql<number>`coalesce(max(${learningPoints.number}), 0) + 1` }).from(learningPoints).where(eq(learningPoints.reviewId, reviewId))))
        ?.next as number);
    try {
      const row = (await first(
        tx
          .insert(learningPoints)
          .values({ reviewId, number, title: input.title, description: input.description ?? '', createdAt: nowIso(now), updatedAt: nowIso(now) })
          .returning(),
      ))!;
      const dto = toDto(row);
      await recordCreation(tx, actor, 'learning_point', dto, now);
      return dto;
    } catch (error) {
      explainConstraint(error);
    }
  });
}

export async function patchLearningPoint(db: Db, id: number, patch: LearningPointPatch, now: Date, actor: Actor): Promise<LearningPoint> {
  const { version, ...values } = patch;
  return writeTransaction(db, (tx) =>
    updateVersioned(tx, { table: learningPoints, resource: 'learning_point', id, version, values, now, actor, current: () => getLearningPoint(tx, id) }),
  );
}

/** Puts a review's learning points in the order given and numbers them 1, 2, 3… in one transaction. */
export async function orderLearningPoints(
  db: Db,
  reviewId: number,
  ids: readonly number[],
  now: Date,
  actor: Actor,
): Promise<{ items: LearningPoint[] }> {
  return writeTransaction(db, async (tx) => {
    await requireReview(tx, reviewId);
    await renumberWithinReview(tx, { table: learningPoints, resource: 'learning_point', what: 'learning points', reviewId, ids, now, actor });
    const rows = await tx.select().from(learningPoints).where(eq(learningPoints.reviewId, reviewId)).orderBy(asc(learningPoints.number));
    return { items: rows.map(toDto) };
  });
}
