import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AuditEvent } from '@lrt/contracts';
import { auditEvents, type Db } from '@lrt/db';
import { TEXT_THEN_ID, decodeCursor, toPage } from '../../lib/pagination';

export interface AuditQuery {
  limit: number;
  cursor?: string | undefined;
  entity?: string | undefined;
  entityId?: number | undefined;
  actorId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A calendar date as a bound: `from` the start of that day, `to` the end of it. */
const bound = (value: string, end: boolean) => (value.length === 10 ? (end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`) : new Date(value).toISOString());

/** The trail, newest first. */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const after = decodeCursor(query.cursor, TEXT_THEN_ID);
  const conditions: (SQL | undefined)[] = [
    query.entity ? eq(auditEvents.entity, query.entity) : undefined,
    query.entityId !== undefined ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.actorId !== undefined ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.from ? gte(auditEvents.at, bound(query.from, false)) : undefined,
    query.to ? lte(auditEvents.at, bound(query.to, true)) : undefined,
    after ? or(lt(auditEvents.at, after[0] as string), and(eq(auditEvents.at, after[0] as string), lt(auditEvents.id, after[1] as number))) : undefined,
  ];
  const rows = await db.select().from(auditEvents).where(and(...conditions)).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.at, r.id]);
  return {
    items: page.items.map(
      (row): AuditEvent => ({
        id: row.id,
        at: row.at,
        actorId: row.actorId,
        actorName: row.actorName,
        entity: row.entity,
        entityId: row.entityId,
        operation: row.operation,
        before: row.before ?? null,
        after: row.after ?? null,
        requestId: row.requestId,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}
