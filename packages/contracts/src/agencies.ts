import { z } from 'zod';
import { optionalText, page, PageQuery, QueryBoolean, requiredText, SearchText, Version } from './common';
import { Email } from './auth';
import { LIMITS } from './constants';
import { AgencyKind } from './enums';

export const Agency = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  kind: AgencyKind,
  active: z.boolean(),
  /** Who an unanswered chase is escalated to (a director or head of service); null: not named yet. */
  seniorContactName: z.string().nullable(),
  seniorContactEmail: z.string().nullable(),
  version: z.number().int(),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyCreate = z.strictObject({
  name: requiredText(LIMITS.name),
  shortName: requiredText(LIMITS.shortName),
  kind: AgencyKind,
  active: z.boolean().default(true),
  seniorContactName: optionalText(LIMITS.name).nullish().transform((v) => v || null),
  seniorContactEmail: Email.nullish(),
});
export type AgencyCreate = z.output<typeof AgencyCreate>;
export type AgencyCreateInput = z.input<typeof AgencyCreate>;

export const AgencyPatch = z.strictObject({
  version: Version,
  name: requiredText(LIMITS.name).optional(),
  shortName: requiredText(LIMITS.shortName).optional(),
  kind: AgencyKind.optional(),
  active: z.boolean().optional(),
  seniorContactName: optionalText(LIMITS.name).nullish().transform((v) => (v === undefined ? undefined : v || null)),
  seniorContactEmail: Email.nullish(),
});
export type AgencyPatch = z.output<typeof AgencyPatch>;
export type AgencyPatchInput = z.input<typeof AgencyPatch>;

export const AgencyListQuery = PageQuery.extend({
  active: QueryBoolean.optional(),
  q: SearchText.optional(),
});
export const AgencyPage = page(Agency);

