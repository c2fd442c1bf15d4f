import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Action } from '@lrt/contracts';
import type { Db } from '@lrt/db';
import { listActions, type ParsedActionListQuery } from '../actions/actions.service';
import type { PlanClock } from '../settings/settings.service';

/** Actions read per query: small enough that neither the database nor the event loop stalls on one. */
export const EXPORT_PAGE_SIZE = 200;

export type ExportQuery = Omit<ParsedActionListQuery, 'limit' | 'cursor'>;

/**
 * The actions of a view, page by page in its sort, so an export holds one page at a time. The first page is read
 * before this resolves, so before any byte is sent: a failure there still answers with a problem, not a cut-off file.
 */
export async function planPages(db: Db, query: ExportQuery, clock: PlanClock): Promise<AsyncIterable<Action[]>> {
  const read = (cursor: string | undefined) => listActions(db, { ...query, limit: EXPORT_PAGE_SIZE, cursor }, clock);
  const first = await read(undefined);
  return (async function* pages() {
    let page = first;
    yield page.items;
    while (page.nextCursor) {
      // Other requests get their turn between pages (better-sqlite3 reads block the event loop while they run).
      await nextTurn();
      page = await read(page.nextCursor);
      yield page.items;
    }
  })();
}
