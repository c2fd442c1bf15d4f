import { auditEvents, type Tx } from '@lrt/db';
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

/** Writes one event of the trail; call it inside the transaction of the change it records. */
export function recordAudit(
  tx: Tx,
  actor: Actor,
  event: { entity: string; entityId: number | null; operation: AuditEvent['operation']; before?: Fields | null; after?: Fields | null; at: Date },
) {
  tx.insert(auditEvents)
    .values({
      at: event.at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      entity: event.entity,
      entityId: event.entityId,
      operation: event.operation,
      before: event.before ?? null,
      after: event.after ?? null,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
    })
    .run();
}
