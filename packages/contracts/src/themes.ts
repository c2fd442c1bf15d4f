import { z } from 'zod';
import { LIMITS, PageQuery, Version, optionalText, page, requiredText } from './common';

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

export const ThemeListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export const ThemePage = page(Theme);
