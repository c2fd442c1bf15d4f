import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps, versionColumn } from './columns';
import { reviews } from './reviews';

export const learningPoints = sqliteTable(
  'learning_points',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [uniqueIndex('learning_points_review_number_unique').on(t.reviewId, t.number), index('learning_points_review_idx').on(t.reviewId)],
);
