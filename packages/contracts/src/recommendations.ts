import { z } from 'zod';
import { CalendarDate, Id, IdRef, PageQuery, Version, page, repeatable, requiredText } from './common';
import { LIMITS } from './constants';
import { AddresseeKind } from './enums';

export const Recommendation = z.object({
  id: z.number().int(),
  reviewId: z.number().int(),
  number: z.number().int(),
  text: z.string(),
  /** Who the recommendation is addressed to: the whole partnership, a subgroup or a named agency. */
  addressee: AddresseeKind,
  leadAgencyId: z.number().int().nullable(),
  subgroupId: z.number().int().nullable(),
  learningPointIds: z.array(z.number().int()),
  targetDate: CalendarDate.nullable(),
  version: z.number().int(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationNumber = z.number().int().min(1).max(999);

export const RecommendationCreate = z.strictObject({
  reviewId: IdRef,
  number: RecommendationNumber.optional(),
  text: requiredText(LIMITS.text),
  addressee: AddresseeKind.default('partnership'),
  leadAgencyId: IdRef.nullable().default(null),
  subgroupId: IdRef.nullable().default(null),
  learningPointIds: z.array(IdRef).max(LIMITS.ids).default([]),
  targetDate: CalendarDate.nullable().default(null),
});
export type RecommendationCreate = z.output<typeof RecommendationCreate>;
export type RecommendationCreateInput = z.input<typeof RecommendationCreate>;

export const RecommendationPatch = z.strictObject({
  version: Version,
  number: RecommendationNumber.optional(),
  text: requiredText(LIMITS.text).optional(),
  addressee: AddresseeKind.optional(),
  leadAgencyId: IdRef.nullable().optional(),
  subgroupId: IdRef.nullable().optional(),
  learningPointIds: z.array(IdRef).max(LIMITS.ids).optional(),
  targetDate: CalendarDate.nullable().optional(),
});
export type RecommendationPatch = z.output<typeof RecommendationPatch>;
export type RecommendationPatchInput = z.input<typeof RecommendationPatch>;

/**
 * The order of a list of recommendations: `plan`, in review order then by number, the order a plan is read in;
 * `newest`, the newest review's first (each review's still by number), the order a subgroup's page shows them in.
 */
export const RecommendationSort = z.enum(['plan', 'newest']);
export const RecommendationListQuery = PageQuery.extend({
  reviewId: repeatable(Id).optional(),
  subgroupId: repeatable(Id).optional(),
  leadAgencyId: repeatable(Id).optional(),
  sort: RecommendationSort.default('plan'),
});
export const RecommendationPage = page(Recommendation);

/**
 * A new order for a review's recommendations: every one of them, each once, first to last. They are renumbered
 * 1, 2, 3… in that order.
 */
export const RecommendationOrder = z.strictObject({
  ids: z.array(IdRef).max(RecommendationNumber.maxValue ?? 999),
});
export type RecommendationOrder = z.output<typeof RecommendationOrder>;

/** The review's recommendations as they are numbered now, in number order. */
export const RecommendationOrdered = z.object({ items: z.array(Recommendation) });
