import { sql } from 'drizzle-orm';
import { auditEvents, type Tx } from '@lrt/db';
import { prepared } from './persistence';
import type { AuditEvent } from '@lrt/contracts';

/** Who is acting, as the audit trail records them. */
export interface Actor {
  id: number | null;
  name: string;
  requestId?: string | undefined;
  ip?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'System' };

type Fields = Record<string, unknown>;

/** The fields whose values differ, as they were and as they are. `version` and `updatedAt` say nothing new. */
export function changedFields(before: Fields, after: Fields): { before: Fields; after: Fields } | null {
  const was: Fields = {};
  const now: Fields = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key] ?? null;
      now[key] = after[key] ?? null;
    }
  }
  return Object.keys(now).length === 0 ? null : { before: was, after: now };
}

/** The insert of an event, prepared once per connection: every write of the product runs it. */
const insertEvent = (tx: Tx) =>
  prepared(tx, 'audit.insert', (d) =>
    d
      .insert(auditEvents)
      .values({
        at: sql.placeholder('at'),
        actorId: sql.placeholder('actorId'),
        actorName: sql.placeholder('actorName'),
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        operation: sql.placeholder('operation'),
        // JSON written by recordAudit itself, so that no entry keeps SQL NULL as the text "null".
        before: sql`${sql.placeholder('before')}`,
        after: sql`${sql.placeholder('after')}`,
        requestId: sql.placeholder('requestId'),
        ip: sql.placeholder('ip'),
      })
      .prepare(),
  );

/** Writes one event of the trail; call it inside the transaction of the change it records. */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  event: { entity: string; entityId: number | null; operation: AuditEvent['operation']; before?: Fields | null; after?: Fields | null; at: Date },
) {
  await insertEvent(tx).run({
    at: event.at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    entity: event.entity,
    entityId: event.entityId,
    operation: event.operation,
    before: event.before ? JSON.stringify(event.before) : null,
    after: event.after ? JSON.stringify(event.after) : null,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
  });
}
