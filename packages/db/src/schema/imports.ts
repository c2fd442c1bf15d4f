import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { IMPORT_FORMATS, IMPORT_STATES } from '@lrt/contracts';
import { inList, nowIso } from './columns';
import { reviews } from './reviews';
import { users } from './users';

/**
 * A spreadsheet plan being brought into a review: the cells as read from the file (the file itself is not kept),
 * the importer's mapping of columns to fields and of the file's agency names to agencies, and, once committed,
 * what it made. A draft is read again on every preview, so a mapping can be corrected as often as needed.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull().default(nowIso),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: IMPORT_FORMATS }).notNull(),
    sheetName: text('sheet_name'),
    /** The sheet's row number of the header (1-based, as the spreadsheet shows it). */
    headerRow: integer('header_row').notNull(),
    /** The header's cells, by column. */
    headings: text('headings', { mode: 'json' }).$type<string[]>().notNull(),
    /** Each data row: its sheet row number and its cells as text. */
    cells: text('cells', { mode: 'json' }).$type<{ n: number; c: string[] }[]>().notNull(),
    /** Problems found while reading the file (repeated headers skipped, merged cells filled in). */
    readWarnings: text('read_warnings', { mode: 'json' }).$type<{ field: string; message: string }[]>().notNull().default(sql`'[]'`),
    mapping: text('mapping', { mode: 'json' }).$type<{ column: number; field: string }[]>().notNull(),
    agencyMatches: text('agency_matches', { mode: 'json' })
      .$type<{ name: string; agencyId?: number | null; create?: { name: string; shortName: string; kind: string } | null }[]>()
      .notNull()
      .default(sql`'[]'`),
    leaveOut: text('leave_out', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    state: text('state', { enum: IMPORT_STATES }).notNull().default('draft'),
    committedAt: text('committed_at'),
    result: text('result', { mode: 'json' }).$type<{ created: number; updated: number; agenciesCreated: number }>(),
  },
  (t) => [
    index('imports_review_idx').on(t.reviewId, t.createdAt),
    check('imports_format_check', sql`${t.format} in (${inList(IMPORT_FORMATS)})`),
    check('imports_state_check', sql`${t.state} in (${inList(IMPORT_STATES)})`),
  ],
);
