import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AGENCY_KINDS } from '@lrt/contracts';
import { inList, timestamps, versionColumn } from './columns';

export const agencies = sqliteTable(
  'agencies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Who a chase the agency leaves unanswered is escalated to (a director or head of service). */
    seniorContactName: text('senior_contact_name'),
    seniorContactEmail: text('senior_contact_email'),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('agencies_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('agencies_short_name_unique').on(sql`lower(${t.shortName})`),
    check('agencies_kind_check', sql`${t.kind} in (${inList(AGENCY_KINDS)})`),
  ],
);
