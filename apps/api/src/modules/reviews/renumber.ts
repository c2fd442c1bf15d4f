import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { nowIso } from '../../lib/persistence';
import { unprocessable } from '../../plugins/problems';

/** A table of things numbered within a review (learning points, recommendations). */
interface NumberedTable extends SQLiteTable {
  id: SQLiteColumn;
  reviewId: SQLiteColumn;
  number: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
}

/**
 * Renumbers a review's learning points or recommendations 1, 2, 3… in the order of `ids`, which must name each of
 * the review's rows exactly once (else 422 naming `ids`, and nothing changes). Each row whose number changes moves
 * its version on and gets its own audit event. Numbers are unique within a review and SQLite checks that row by
 * row, so the rows that move step aside to negative numbers first.
 */
export async function renumberWithinReview(
  tx: Tx,
  options: { table: NumberedTable; resource: string; what: string; reviewId: number; ids: readonly number[]; now: Date; actor: Actor },
) {
  const { table, reviewId, ids } = options;
  const rows = (await tx.select({ id: table.id, number: table.number }).from(table).where(eq(table.reviewId, reviewId))) as {
    id: number;
    number: number;
  }[];
  const numberOf = new Map(rows.map((row) => [row.id, row.number]));

  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  const twice = [...repeated];
  const foreign = [...seen].filter((id) => !numberOf.has(id));
  const missing = rows.map((row) => row.id).filter((id) => !seen.has(id));
  const problems = [
    foreign.length > 0 ? `${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not this review's` : null,
    missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : null,
    twice.length > 0 ? `${twice.join(', ')} ${twice.length === 1 ? 'is' : 'are'} listed more than once` : null,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) {
    throw unprocessable(`${options.resource}.order_invalid`, [
      { path: 'ids', message: `must list each of this review's ${options.what} exactly once: ${problems.join('; ')}` },
    ]);
  }

  const moves = ids.map((id, index) => ({ id, from: numberOf.get(id) as number, to: index + 1 })).filter((move) => move.from !== move.to);
  if (moves.length === 0) return;
  const moving = moves.map((move) => move.id);
  await tx
    .update(table)
    .set({ number: sql`-${table.id}` } as never)
    .where(and(eq(table.reviewId, reviewId), inArray(table.id, moving)));
  for (const move of moves) {
    await tx
      .update(table)
      .set({ number: move.to, version: sql`${table.version} + 1`, updatedAt: nowIso(options.now) } as never)
      .where(eq(table.id, move.id));
    await recordAudit(tx, options.actor, {
      entity: options.resource,
      entityId: move.id,
      operation: 'update',
      before: { number: move.from },
      after: { number: move.to },
      at: options.now,
    });
  }
}
