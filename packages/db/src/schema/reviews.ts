import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { REVIEW_STAGES, REVIEW_TYPES } from '@lrt/contracts';
import { inList, timestamps, versionColumn } from './columns';
import { subgroups } from './subgroups';
import { themes } from './themes';

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    type: text('type', { enum: REVIEW_TYPES }).notNull(),
    childPseudonym: text('child_pseudonym').notNull(),
    title: text('title').notNull(),
    stage: text('stage', { enum: REVIEW_STAGES }).notNull(),
    notifiedOn: text('notified_on'),
    rapidReviewOn: text('rapid_review_on'),
    startedOn: text('started_on'),
    completedOn: text('completed_on'),
    publishedOn: text('published_on'),
    leadReviewer: text('lead_reviewer').notNull().default(''),
    subgroupId: integer('subgroup_id').references(() => subgroups.id, { onDelete: 'restrict' }),
    summary: text('summary').notNull().default(''),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('reviews_code_unique').on(sql`lower(${t.code})`),
    index('reviews_subgroup_idx').on(t.subgroupId),
    index('reviews_stage_idx').on(t.stage),
    check('reviews_type_check', sql`${t.type} in (${inList(REVIEW_TYPES)})`),
    check('reviews_stage_check', sql`${t.stage} in (${inList(REVIEW_STAGES)})`),
  ],
);

export const reviewThemes = sqliteTable(
  'review_themes',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.themeId] }), index('review_themes_theme_idx').on(t.themeId)],
);
