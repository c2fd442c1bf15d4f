import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ADDRESSEE_KINDS } from '@lrt/contracts';
import { agencies } from './agencies';
import { inList, timestamps, versionColumn } from './columns';
import { learningPoints } from './learning-points';
import { reviews } from './reviews';
import { subgroups } from './subgroups';

export const recommendations = sqliteTable(
  'recommendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    addressee: text('addressee', { enum: ADDRESSEE_KINDS }).notNull().default('partnership'),
    leadAgencyId: integer('lead_agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    subgroupId: integer('subgroup_id').references(() => subgroups.id, { onDelete: 'restrict' }),
    targetDate: text('target_date'),
    version: versionColumn(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('recommendations_review_number_unique').on(t.reviewId, t.number),
    index('recommendations_subgroup_idx').on(t.subgroupId),
    index('recommendations_lead_agency_idx').on(t.leadAgencyId),
    check('recommendations_addressee_check', sql`${t.addressee} in (${inList(ADDRESSEE_KINDS)})`),
  ],
);

export const recommendationLearningPoints = sqliteTable(
  'recommendation_learning_points',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    learningPointId: integer('learning_point_id')
      .notNull()
      .references(() => learningPoints.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.learningPointId] }),
    index('recommendation_learning_points_lp_idx').on(t.learningPointId),
  ],
);
