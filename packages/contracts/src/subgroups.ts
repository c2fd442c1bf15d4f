import { z } from 'zod';
import { page, PageQuery, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';

export const Subgroup = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  version: z.number().int(),
});
export type Subgroup = z.infer<typeof Subgroup>;

export const SubgroupCreate = z.strictObject({
  name: requiredText(LIMITS.name),
  shortName: requiredText(LIMITS.shortName),
});
export type SubgroupCreate = z.output<typeof SubgroupCreate>;
export type SubgroupCreateInput = z.input<typeof SubgroupCreate>;

export const SubgroupPatch = z.strictObject({
  version: Version,
  name: requiredText(LIMITS.name).optional(),
  shortName: requiredText(LIMITS.shortName).optional(),
});
export type SubgroupPatch = z.output<typeof SubgroupPatch>;
export type SubgroupPatchInput = z.input<typeof SubgroupPatch>;

export const SubgroupListQuery = PageQuery.extend({ q: SearchText.optional() });
export const SubgroupPage = page(Subgroup);
