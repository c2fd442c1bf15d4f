import { z } from 'zod';
import { IdRef, Version, optionalText, requiredText, PageQuery, page } from './common';
import { LIMITS } from './constants';

export const LearningPoint = z.object({
  id: z.number().int(),
  reviewId: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  version: z.number().int(),
});
export type LearningPoint = z.infer<typeof LearningPoint>;

export const LearningPointNumber = z.number().int().min(1).max(999);

export const LearningPointCreate = z.strictObject({
  /** Numbered within the review; the next free number when left out. */
  number: LearningPointNumber.optional(),
  title: requiredText(LIMITS.title),
  description: optionalText(LIMITS.text).default(''),
});
export type LearningPointCreate = z.output<typeof LearningPointCreate>;
export type LearningPointCreateInput = z.input<typeof LearningPointCreate>;

export const LearningPointPatch = z.strictObject({
  version: Version,
  number: LearningPointNumber.optional(),
  title: requiredText(LIMITS.title).optional(),
  description: optionalText(LIMITS.text).optional(),
});
export type LearningPointPatch = z.output<typeof LearningPointPatch>;
export type LearningPointPatchInput = z.input<typeof LearningPointPatch>;

/** A review's learning points in number order, a page at a time. */
export const LearningPointList = page(LearningPoint);
export const LearningPointListQuery = PageQuery;

/**
 * A new order for a review's learning points: every one of them, each once, first to last. They are renumbered
 * 1, 2, 3… in that order.
 */
export const LearningPointOrder = z.strictObject({
  ids: z.array(IdRef).max(LearningPointNumber.maxValue ?? 999),
});
export type LearningPointOrder = z.output<typeof LearningPointOrder>;

/** The review's learning points as they are numbered now, in number order. */
export const LearningPointOrdered = z.object({ items: z.array(LearningPoint) });
