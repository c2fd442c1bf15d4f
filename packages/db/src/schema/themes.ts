import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps, versionColumn } from './columns';

export const themes = sqliteTable(
  'themes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [uniqueIndex('themes_name_unique').on(sql`lower(${t.name})`)],
);
