import { z } from 'zod';
import { page, PageQuery, QueryBoolean, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';
import { AgencyKind } from './enums';

export const Agency = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  kind: AgencyKind,
  active: z.boolean(),
  version: z.number().int(),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyCreate = z.strictObject({
  name: requiredText(LIMITS.name),
  shortName: requiredText(LIMITS.shortName),
  kind: AgencyKind,
  active: z.boolean().default(true),
});
export type AgencyCreate = z.output<typeof AgencyCreate>;
export type AgencyCreateInput = z.input<typeof AgencyCreate>;

export const AgencyPatch = z.strictObject({
  version: Version,
  name: requiredText(LIMITS.name).optional(),
  shortName: requiredText(LIMITS.shortName).optional(),
  kind: AgencyKind.optional(),
  active: z.boolean().optional(),
});
export type AgencyPatch = z.output<typeof AgencyPatch>;
export type AgencyPatchInput = z.input<typeof AgencyPatch>;

export const AgencyListQuery = PageQuery.extend({
  active: QueryBoolean.optional(),
  q: SearchText.optional(),
});
export const AgencyPage = page(Agency);

