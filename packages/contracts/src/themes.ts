import { z } from 'zod';
import { Id, optionalText, page, PageQuery, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';

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

/** Which themes recur across which reviews: a review counts for a theme if it is tagged with it or any of its actions is. */
export const ThemeMatrix = z.object({
  themes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  reviews: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), childPseudonym: z.string() })),
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
});
