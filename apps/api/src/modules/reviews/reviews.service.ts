import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Review, ReviewCreate, ReviewPatch , ReviewCreate as ReviewCreateSchema } from '@lrt/contracts';
import { reviewDateOrderErrors } from '@lrt/contracts';
import { actions, first, reviewThemes, reviews, subgroups, themes, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { z } from 'zod';
import { reviewTimeliness } from '@lrt/domain';
import { TEXT_THEN_ID, decodeCursor, toPage } from '../../lib/pagination';
import { explainConstraint, nowIso, recordCreation, replaceLinks, requireReferences, updateVersioned } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';
import { notFound, unprocessable } from '../../plugins/problems';
import { actionRulesSql } from '../actions/action-rules.sql';
import type { PlanClock } from '../settings/settings.service';
import { reviewRecency as recency } from './recency';

type ReviewRow = typeof reviews.$inferSelect;
type ParsedCreate = z.output<typeof ReviewCreateSchema>;

export interface ReviewListQuery {
  limit: number;
  cursor?: string | undefined;
  id?: number[] | undefined;
  type?: string[] | undefined;
  stage?: string[] | undefined;
  subgroupId?: number[] | undefined;
  themeId?: number[] | undefined;
  q?: string | undefined;
}

async function toDtos(db: Db | Tx, rows: ReviewRow[], clock: PlanClock): Promise<Review[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const themeRows = await db.select().from(reviewThemes).where(inArray(reviewThemes.reviewId, ids)).orderBy(reviewThemes.themeId);
  const rules = actionRulesSql(clock);
  const count = (where?: SQL) => (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`);
  const counts = await db
    .select({
      reviewId: actions.reviewId,
      total: count(),
      overdue: count(rules.overdue),
      blue: count(sql`${rules.brag} = 'blue'`),
      green: count(sql`${rules.brag} = 'green'`),
      amber: count(sql`${rules.brag} = 'amber'`),
      red: count(sql`${rules.brag} = 'red'`),
    })
    .from(actions)
    .where(inArray(actions.reviewId, ids))
    .groupBy(actions.reviewId);
  return rows.map((row) => {
    const c = counts.find((x) => x.reviewId === row.id);
    return {
      id: row.id,
      code: row.code,
      type: row.type,
      childPseudonym: row.childPseudonym,
      title: row.title,
      stage: row.stage,
      notifiedOn: row.notifiedOn,
      rapidReviewOn: row.rapidReviewOn,
      startedOn: row.startedOn,
      completedOn: row.completedOn,
      publishedOn: row.publishedOn,
      leadReviewer: row.leadReviewer,
      subgroupId: row.subgroupId,
      summary: row.summary,
      themeIds: themeRows.filter((t) => t.reviewId === row.id).map((t) => t.themeId),
      timeliness: reviewTimeliness(row, clock.today),
      actionCounts: {
        total: c?.total ?? 0,
        overdue: c?.overdue ?? 0,
        byBrag: { blue: c?.blue ?? 0, green: c?.green ?? 0, amber: c?.amber ?? 0, red: c?.red ?? 0 },
      },
      version: row.version,
    };
  });
}

export async function listReviews(db: Db, query: ReviewListQuery, clock: PlanClock) {
  const after = decodeCursor(query.cursor, TEXT_THEN_ID);
  const conditions: (SQL | undefined)[] = [
    query.id?.length ? inArray(reviews.id, query.id) : undefined,
    query.type?.length ? inArray(reviews.type, query.type as ReviewRow['type'][]) : undefined,
    query.stage?.length ? inArray(reviews.stage, query.stage as ReviewRow['stage'][]) : undefined,
    query.subgroupId?.length ? inArray(reviews.subgroupId, query.subgroupId) : undefined,
    query.themeId?.length
      ? inArray(reviews.id, db.select({ id: reviewThemes.reviewId }).from(reviewThemes).where(inArray(reviewThemes.themeId, query.themeId)))
      : undefined,
  ];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Case-insensitive, as SQLite's like is (for ASCII): PostgreSQL's like is not, so lower both sides.
    conditions.push(
      or(
        ...[reviews.code, reviews.title, reviews.childPseudonym, reviews.summary].map((c) => sql`lower(${c}) like lower(${pattern}) escape '\\'`),
      ),
    );
  }
  if (after) conditions.push(or(lt(recency, after[0] as string), and(eq(recency, after[0] as string), lt(reviews.id, after[1] as number))));
  const rows = await db
    .select({ row: reviews, recency })
    .from(reviews)
    .where(and(...conditions))
    .orderBy(desc(recency), desc(reviews.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.recency, r.row.id]);
  return { items: await toDtos(db, page.items.map((r) => r.row), clock), nextCursor: page.nextCursor };
}

function findReview(db: Db | Tx, id: number) {
  return first(db.select().from(reviews).where(eq(reviews.id, id)));
}

export async function getReview(db: Db | Tx, id: number, clock: PlanClock): Promise<Review> {
  const row = await findReview(db, id);
  if (!row) throw notFound('review', id);
  return (await toDtos(db, [row], clock))[0] as Review;
}

async function checkReview(tx: Tx, values: Partial<ParsedCreate>) {
  const dateErrors = reviewDateOrderErrors(values);
  if (dateErrors.length > 0) throw unprocessable('review.dates_out_of_order', dateErrors);
  await requireReferences(tx, [
    { table: subgroups, ids: values.subgroupId, path: 'subgroupId', what: 'subgroup' },
    { table: themes, ids: values.themeIds, path: 'themeIds', what: 'theme' },
  ]);
}

/** A theme named twice is one link (the link table's key would otherwise refuse the second). */
const themeLinks = (reviewId: number, themeIds: number[]) => [...new Set(themeIds)].map((themeId) => ({ reviewId, themeId }));

export async function createReview(db: Db, input: ReviewCreate, clock: PlanClock, actor: Actor): Promise<Review> {
  const values = input as ParsedCreate;
  const id = await writeTransaction(db, async (tx) => {
    await checkReview(tx, values);
    const { themeIds, ...columns } = values;
    try {
      const row = (await first(
        tx
          .insert(reviews)
          .values({ ...columns, createdAt: nowIso(clock.now), updatedAt: nowIso(clock.now) })
          .returning({ id: reviews.id }),
      ))!;
      await replaceLinks(tx, reviewThemes, reviewThemes.reviewId, row.id, themeLinks(row.id, themeIds));
      await recordCreation(tx, actor, 'review', auditable(await getReview(tx, row.id, clock)), clock.now);
      return row.id;
    } catch (error) {
      explainConstraint(error);
    }
  });
  return getReview(db, id, clock);
}

export async function patchReview(db: Db, id: number, patch: ReviewPatch, clock: PlanClock, actor: Actor): Promise<Review> {
  const { version, themeIds, ...values } = patch;
  await writeTransaction(db, async (tx) => {
    const existing = await findReview(tx, id);
    if (!existing) throw notFound('review', id);
    await updateVersioned(tx, {
      check: () => checkReview(tx, { ...existing, ...values, themeIds } as Partial<ParsedCreate>),
      table: reviews,
      resource: 'review',
      id,
      version,
      values,
      now: clock.now,
      actor,
      current: () => getReview(tx, id, clock),
      auditView: auditable,
      ...(themeIds ? { alsoWrite: () => replaceLinks(tx, reviewThemes, reviewThemes.reviewId, id, themeLinks(id, themeIds)) } : {}),
    });
  });
  return getReview(db, id, clock);
}

/** What a review's audit records: its own fields, not the figures computed from its actions. */
function auditable(review: Review) {
  const { timeliness: _timeliness, actionCounts: _counts, ...fields } = review;
  return fields;
}
