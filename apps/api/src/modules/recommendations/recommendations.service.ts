import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Recommendation, RecommendationCreate, RecommendationPatch } from '@lrt/contracts';
import { agencies, first, learningPoints, reviews, recommendationLearningPoints, recommendations, subgroups, writeTransaction, type Db, type Tx } from '@lrt/db';
import { decodeCursor, toPage } from '../../lib/pagination';
import { explainConstraint, nowIso, recordCreation, replaceLinks, requireReferences, updateVersioned } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';
import { notFound, unprocessable } from '../../plugins/problems';
import { requireReview } from '../learning-points/learning-points.service';
import { renumberWithinReview } from '../reviews/renumber';
import { reviewRecency } from '../reviews/recency';

type Row = typeof recommendations.$inferSelect;

async function toDtos(db: Db | Tx, rows: Row[]): Promise<Recommendation[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(recommendationLearningPoints)
    .where(inArray(recommendationLearningPoints.recommendationId, rows.map((r) => r.id)))
    .orderBy(recommendationLearningPoints.learningPointId);
  return rows.map((row) => ({
    id: row.id,
    reviewId: row.reviewId,
    number: row.number,
    text: row.text,
    addressee: row.addressee,
    leadAgencyId: row.leadAgencyId,
    subgroupId: row.subgroupId,
    learningPointIds: links.filter((l) => l.recommendationId === row.id).map((l) => l.learningPointId),
    targetDate: row.targetDate,
    version: row.version,
  }));
}

export interface RecommendationListQuery {
  limit: number;
  cursor?: string | undefined;
  reviewId?: number[] | undefined;
  subgroupId?: number[] | undefined;
  leadAgencyId?: number[] | undefined;
  sort?: 'plan' | 'newest' | undefined;
}

/**
 * In review order, then by number: the order a plan is read in; or (`sort: 'newest'`) the most recent review's
 * first, in the order reviews are listed (see `reviewRecency`), each review's still by number.
 */
export async function listRecommendations(db: Db, query: RecommendationListQuery) {
  const conditions: (SQL | undefined)[] = [
    query.reviewId?.length ? inArray(recommendations.reviewId, query.reviewId) : undefined,
    query.subgroupId?.length ? inArray(recommendations.subgroupId, query.subgroupId) : undefined,
    query.leadAgencyId?.length ? inArray(recommendations.leadAgencyId, query.leadAgencyId) : undefined,
  ];
  const withinReview = (reviewId: number, number: number, id: number) =>
    or(
      and(eq(recommendations.reviewId, reviewId), gt(recommendations.number, number)),
      and(eq(recommendations.reviewId, reviewId), eq(recommendations.number, number), gt(recommendations.id, id)),
    );
  if (query.sort === 'newest') {
    const after = decodeCursor(query.cursor, ['string', 'number', 'number', 'number']);
    if (after) {
      const [recency, reviewId, number, id] = after as [string, number, number, number];
      conditions.push(
        or(
          lt(reviewRecency, recency),
          and(eq(reviewRecency, recency), lt(recommendations.reviewId, reviewId)),
          and(eq(reviewRecency, recency), withinReview(reviewId, number, id)),
        ),
      );
    }
    const rows = await db
      .select({ row: recommendations, recency: reviewRecency })
      .from(recommendations)
      .innerJoin(reviews, eq(reviews.id, recommendations.reviewId))
      .where(and(...conditions))
      .orderBy(desc(reviewRecency), desc(recommendations.reviewId), asc(recommendations.number), asc(recommendations.id))
      .limit(query.limit + 1);
    const page = toPage(rows, query.limit, (r) => [r.recency, r.row.reviewId, r.row.number, r.row.id]);
    return { items: await toDtos(db, page.items.map((r) => r.row)), nextCursor: page.nextCursor };
  }
  const after = decodeCursor(query.cursor, ['number', 'number', 'number']);
  if (after) {
    const [reviewId, number, id] = after as [number, number, number];
    conditions.push(or(gt(recommendations.reviewId, reviewId), withinReview(reviewId, number, id)));
  }
  const rows = await db
    .select()
    .from(recommendations)
    .where(and(...conditions))
    .orderBy(asc(recommendations.reviewId), asc(recommendations.number), asc(recommendations.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.reviewId, r.number, r.id]);
  return { items: await toDtos(db, page.items), nextCursor: page.nextCursor };
}

export async function getRecommendation(db: Db | Tx, id: number): Promise<Recommendation> {
  const row = await first(db.select().from(recommendations).where(eq(recommendations.id, id)));
  if (!row) throw notFound('recommendation', id);
  return (await toDtos(db, [row]))[0] as Recommendation;
}

async function checkRecommendation(
  tx: Tx,
  reviewId: number,
  values: { addressee?: Recommendation['addressee']; leadAgencyId?: number | null; subgroupId?: number | null; learningPointIds?: number[] | undefined },
) {
  await requireReferences(tx, [
    { table: agencies, ids: values.leadAgencyId, path: 'leadAgencyId', what: 'agency' },
    { table: subgroups, ids: values.subgroupId, path: 'subgroupId', what: 'subgroup' },
  ]);
  // A recommendation addressed to a named agency or a subgroup must name it.
  if (values.addressee === 'agency' && !values.leadAgencyId) {
    throw unprocessable('recommendation.invalid', [{ path: 'leadAgencyId', message: 'name the agency this recommendation is addressed to' }]);
  }
  if (values.addressee === 'subgroup' && !values.subgroupId) {
    throw unprocessable('recommendation.invalid', [{ path: 'subgroupId', message: 'name the subgroup this recommendation is addressed to' }]);
  }
  if (values.learningPointIds?.length) {
    const own = new Set(
      (
        await tx
          .select({ id: learningPoints.id })
          .from(learningPoints)
          .where(and(eq(learningPoints.reviewId, reviewId), inArray(learningPoints.id, values.learningPointIds)))
      ).map((r) => r.id),
    );
    const foreign = values.learningPointIds.filter((id) => !own.has(id));
    if (foreign.length > 0) {
      throw unprocessable('validation.unknown_reference', [
        { path: 'learningPointIds', message: `learning point ${foreign.join(', ')} is not one of this review's` },
      ]);
    }
  }
}

const linkRows = (recommendationId: number, ids: number[]) => [...new Set(ids)].map((learningPointId) => ({ recommendationId, learningPointId }));

export async function createRecommendation(db: Db, input: RecommendationCreate, now: Date, actor: Actor): Promise<Recommendation> {
  return writeTransaction(db, async (tx) => {
    await requireReferences(tx, [{ table: reviews, ids: input.reviewId, path: 'reviewId', what: 'review' }]);
    const learningPointIds = input.learningPointIds ?? [];
    await checkRecommendation(tx, input.reviewId, { ...input, learningPointIds });
    const number =
      input.number ??
      ((await first(tx.select({ next: sql<number>`coalesce(max(${recommendations.number}), 0) + 1` }).from(recommendations).where(eq(recommendations.reviewId, input.reviewId))))
        ?.next as number);
    try {
      const row = (await first(
        tx
          .insert(recommendations)
          .values({
            reviewId: input.reviewId,
            number,
            text: input.text,
            addressee: input.addressee ?? 'partnership',
            leadAgencyId: input.leadAgencyId ?? null,
            subgroupId: input.subgroupId ?? null,
            targetDate: input.targetDate ?? null,
            createdAt: nowIso(now),
            updatedAt: nowIso(now),
          })
          .returning(),
      ))!;
      await replaceLinks(tx, recommendationLearningPoints, recommendationLearningPoints.recommendationId, row.id, linkRows(row.id, learningPointIds));
      const created = await getRecommendation(tx, row.id);
      await recordCreation(tx, actor, 'recommendation', created, now);
      return created;
    } catch (error) {
      explainConstraint(error);
    }
  });
}

export async function patchRecommendation(db: Db, id: number, patch: RecommendationPatch, now: Date, actor: Actor): Promise<Recommendation> {
  const { version, learningPointIds, ...values } = patch;
  return writeTransaction(db, async (tx) => {
    const existing = await getRecommendation(tx, id);
    return updateVersioned(tx, {
      check: () => checkRecommendation(tx, existing.reviewId, { ...existing, ...values, learningPointIds }),
      table: recommendations,
      resource: 'recommendation',
      id,
      version,
      values,
      now,
      actor,
      current: () => getRecommendation(tx, id),
      ...(learningPointIds
        ? { alsoWrite: () => replaceLinks(tx, recommendationLearningPoints, recommendationLearningPoints.recommendationId, id, linkRows(id, learningPointIds)) }
        : {}),
    });
  });
}

/** Puts a review's recommendations in the order given and numbers them 1, 2, 3… in one transaction. */
export async function orderRecommendations(
  db: Db,
  reviewId: number,
  ids: readonly number[],
  now: Date,
  actor: Actor,
): Promise<{ items: Recommendation[] }> {
  return writeTransaction(db, async (tx) => {
    await requireReview(tx, reviewId);
    await renumberWithinReview(tx, { table: recommendations, resource: 'recommendation', what: 'recommendations', reviewId, ids, now, actor });
    const rows = await tx.select().from(recommendations).where(eq(recommendations.reviewId, reviewId)).orderBy(asc(recommendations.number));
    return { items: await toDtos(tx, rows) };
  });
}
