import { z } from 'zod';
import { CalendarDate, Id, optionalText, page, PageQuery, requiredText, SearchText, Version } from './common';
import { LIMITS, THEME_MATRIX_PAGE } from './constants';

export const Theme = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
});
export type Theme = z.infer<typeof Theme>;

export const ThemeCreate = z.strictObject({
  name: requiredText(LIMITS.name),
  description: optionalText(LIMITS.text).default(''),
});
export type ThemeCreate = z.output<typeof ThemeCreate>;
export type ThemeCreateInput = z.input<typeof ThemeCreate>;

export const ThemePatch = z.strictObject({
  version: Version,
  name: requiredText(LIMITS.name).optional(),
  description: optionalText(LIMITS.text).optional(),
});
export type ThemePatch = z.output<typeof ThemePatch>;
export type ThemePatchInput = z.input<typeof ThemePatch>;

export const ThemeListQuery = PageQuery.extend({ q: SearchText.optional() });
export const ThemePage = page(Theme);


/**
 * Which themes recur across which reviews: a review counts for a theme if it is tagged with it or any of its actions is.
 * `reviews` (and `cells`) are one page of the reviews in scope, newest first by the date the review was notified (or
 * started, or added); `byTheme` counts over every review in scope, whichever page is shown.
 */
export const ThemeMatrix = z.object({
  themes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** This page's reviews, newest first, each with the date it is ordered by. */
  reviews: z.array(
    z.object({ id: z.number().int(), code: z.string(), title: z.string(), childPseudonym: z.string(), date: z.string() }),
  ),
  /** How many reviews are in scope in all, on every page. */
  reviewCount: z.number().int(),
  /** The page of older reviews, or null when this page holds the oldest. */
  nextCursor: z.string().nullable(),
  /** The page of newer reviews, or null when this page holds the newest. */
  previousCursor: z.string().nullable(),
  cells: z.array(
    z.object({
      themeId: z.number().int(),
      reviewId: z.number().int(),
      /** The review itself is tagged with the theme. */
      reviewTagged: z.boolean(),
      actions: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  byTheme: z.array(
    z.object({
      themeId: z.number().int(),
      reviews: z.number().int(),
      actions: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      /** Found in two or more reviews. */
      recurs: z.boolean(),
    }),
  ),
});
export type ThemeMatrix = z.infer<typeof ThemeMatrix>;
export const ThemeMatrixQuery = z.object({
  subgroupId: Id.optional(),
  /** Only this theme, and only the reviews it is found in. */
  themeId: Id.optional(),
  /** Reviews dated on or after this day. */
  from: CalendarDate.optional(),
  /** Reviews dated on or before this day. */
  to: CalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(THEME_MATRIX_PAGE.max).default(THEME_MATRIX_PAGE.default),
  /** `nextCursor` or `previousCursor` of a page of the same scope. */
  cursor: z.string().max(500).optional(),
});
export type ThemeMatrixQuery = z.output<typeof ThemeMatrixQuery>;

export { THEME_MATRIX_PAGE } from './constants';
