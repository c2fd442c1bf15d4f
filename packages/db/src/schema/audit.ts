import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUDIT_OPERATIONS } from '@lrt/contracts';
import { inList, nowIso } from './columns';

/**
 * Who changed what, when, from what to what. Written in the same transaction as the change it records;
 * triggers in the migrations refuse UPDATE and DELETE, so no interface can rewrite it.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(nowIso),
    /** No foreign key: the trail outlives whatever it names. */
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    operation: text('operation', { enum: AUDIT_OPERATIONS }).notNull(),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
    index('audit_events_at_idx').on(t.at),
    check('audit_events_operation_check', sql`${t.operation} in (${inList(AUDIT_OPERATIONS)})`),
  ],
);
