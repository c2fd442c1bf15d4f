import { z } from 'zod';
import { CalendarDate, Id, IdRef, optionalText, page, PageQuery, repeatable, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';
import { ReviewStage, ReviewType } from './enums';

export const ReviewTimeliness = z.object({
  /** The 15th working day after the partnership was notified (England and Wales bank holidays excluded). */
  rapidReviewDueOn: CalendarDate.nullable(),
  /** Held after the due day, or not yet held and the due day has passed. */
  rapidReviewLate: z.boolean().nullable(),
  /** Six calendar months after the review started. */
  reviewDueOn: CalendarDate.nullable(),
  /** Published after the due day, or not yet published and the due day has passed. */
  reviewLate: z.boolean().nullable(),
});
export type ReviewTimeliness = z.infer<typeof ReviewTimeliness>;

export const Review = z.object({
  id: z.number().int(),
  code: z.string(),
  type: ReviewType,
  childPseudonym: z.string(),
  title: z.string(),
  stage: ReviewStage,
  notifiedOn: CalendarDate.nullable(),
  rapidReviewOn: CalendarDate.nullable(),
  startedOn: CalendarDate.nullable(),
  completedOn: CalendarDate.nullable(),
  publishedOn: CalendarDate.nullable(),
  leadReviewer: z.string(),
  subgroupId: z.number().int().nullable(),
  summary: z.string(),
  themeIds: z.array(z.number().int()),
  timeliness: ReviewTimeliness,
  actionCounts: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    byBrag: z.object({ blue: z.number().int(), green: z.number().int(), amber: z.number().int(), red: z.number().int() }),
  }),
  version: z.number().int(),
});
export type Review = z.infer<typeof Review>;

const reviewFields = {
  code: requiredText(LIMITS.code).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
    error: 'may use letters, digits, spaces, dots, dashes and underscores, and must start with a letter or digit',
  }),
  type: ReviewType,
  childPseudonym: requiredText(LIMITS.shortName * 5),
  title: requiredText(LIMITS.title),
  stage: ReviewStage,
  notifiedOn: CalendarDate.nullable(),
  rapidReviewOn: CalendarDate.nullable(),
  startedOn: CalendarDate.nullable(),
  completedOn: CalendarDate.nullable(),
  publishedOn: CalendarDate.nullable(),
  leadReviewer: optionalText(LIMITS.name),
  subgroupId: IdRef.nullable(),
  summary: optionalText(LIMITS.text),
  themeIds: z.array(IdRef).max(LIMITS.ids),
};

/** Dates of a review happen in order: notified, rapid review, started, completed, published. */
const DATE_ORDER = ['notifiedOn', 'rapidReviewOn', 'startedOn', 'completedOn', 'publishedOn'] as const;
export function reviewDateOrderErrors(dates: Partial<Record<(typeof DATE_ORDER)[number], string | null>>) {
  const errors: { path: string; message: string }[] = [];
  let previous: { field: string; value: string } | undefined;
  for (const field of DATE_ORDER) {
    const value = dates[field];
    if (!value) continue;
    if (previous && value < previous.value) {
      errors.push({ path: field, message: `must not be before ${previous.field} (${previous.value})` });
    }
    previous = { field, value };
  }
  return errors;
}

export const ReviewCreate = z.strictObject({
  ...reviewFields,
  stage: ReviewStage.default('rapid_review'),
  notifiedOn: reviewFields.notifiedOn.default(null),
  rapidReviewOn: reviewFields.rapidReviewOn.default(null),
  startedOn: reviewFields.startedOn.default(null),
  completedOn: reviewFields.completedOn.default(null),
  publishedOn: reviewFields.publishedOn.default(null),
  leadReviewer: reviewFields.leadReviewer.default(''),
  subgroupId: reviewFields.subgroupId.default(null),
  summary: reviewFields.summary.default(''),
  themeIds: reviewFields.themeIds.default([]),
});
export type ReviewCreate = z.output<typeof ReviewCreate>;
export type ReviewCreateInput = z.input<typeof ReviewCreate>;

export const ReviewPatch = z.strictObject(reviewFields).partial().extend({ version: Version });
export type ReviewPatch = z.output<typeof ReviewPatch>;
export type ReviewPatchInput = z.input<typeof ReviewPatch>;

export const ReviewListQuery = PageQuery.extend({
  /** Only these reviews (a page naming the reviews of the actions it lists asks for those alone). */
  id: repeatable(Id).optional(),
  type: repeatable(ReviewType).optional(),
  stage: repeatable(ReviewStage).optional(),
  subgroupId: repeatable(Id).optional(),
  themeId: repeatable(Id).optional(),
  q: SearchText.optional(),
});
export const ReviewPage = page(Review);
