import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ProblemError } from '../plugins/problems';

type CursorValue = string | number | null;

/** Keyset cursors are opaque to clients: the sort key and id of the last row, as base64url JSON. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each value of a list's cursor is: the sort keys, then the id. */
export type CursorShape = readonly ('string' | 'number')[];
/** The commonest cursor: a text sort key, then the id. */
export const TEXT_THEN_ID: CursorShape = ['string', 'number'];

export function decodeCursor(cursor: string | undefined, shape: CursorShape): CursorValue[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => typeof v === shape[i])) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new ProblemError(400, 'validation.failed', 'Invalid request', 'cursor: is not a cursor this list gave out', [
    { path: 'cursor', message: 'is not a cursor this list gave out' },
  ]);
}

/** Fetches one row more than asked to learn whether another page follows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

/**
 * Newest first by an instant, ties broken by id: the order of an action's histories (its progress updates, its
 * requests for new target dates). `after` is the condition for the page that follows the cursor.
 */
export function newestFirst(at: SQLiteColumn, id: SQLiteColumn, cursor: string | undefined) {
  const last = decodeCursor(cursor, TEXT_THEN_ID);
  return {
    after: last ? or(lt(at, last[0] as string), and(eq(at, last[0] as string), lt(id, last[1] as number))) : undefined,
    orderBy: [desc(at), desc(id)],
  };
}
