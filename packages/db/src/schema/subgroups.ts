import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps, versionColumn } from './columns';

export const subgroups = sqliteTable(
  'subgroups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subgroups_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('subgroups_short_name_unique').on(sql`lower(${t.shortName})`),
  ],
);
