import { z } from 'zod';
import { Version, requiredText } from './common';
import { LIMITS, ROLES, SETTINGS_BOUNDS } from './constants';

export const Settings = z.object({
  partnershipName: z.string(),
  /** An open action with no progress update for this many days is stale. */
  updateCadenceDays: z.number().int(),
  /** An open action due within this many days is due soon. */
  dueSoonDays: z.number().int(),
  /** Days an agency has to answer an action returned for more information, unless the chair names a day. */
  replyPeriodDays: z.number().int(),
  /** The largest evidence document accepted, in megabytes. */
  evidenceMaxMegabytes: z.number().int(),
  /** Roles whose members must use two-factor sign-in when they sign in with a password. */
  requireMfaRoles: z.array(z.enum(ROLES)),
  version: z.number().int(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  version: Version,
  partnershipName: requiredText(LIMITS.name).optional(),
  updateCadenceDays: z.number().int().min(SETTINGS_BOUNDS.updateCadenceDays.min).max(SETTINGS_BOUNDS.updateCadenceDays.max).optional(),
  dueSoonDays: z.number().int().min(SETTINGS_BOUNDS.dueSoonDays.min).max(SETTINGS_BOUNDS.dueSoonDays.max).optional(),
  replyPeriodDays: z.number().int().min(SETTINGS_BOUNDS.replyPeriodDays.min).max(SETTINGS_BOUNDS.replyPeriodDays.max).optional(),
  evidenceMaxMegabytes: z.number().int().min(SETTINGS_BOUNDS.evidenceMaxMegabytes.min).max(SETTINGS_BOUNDS.evidenceMaxMegabytes.max).optional(),
  /** Each role at most once; kept in the order of ROLES whatever order they are sent in. */
  requireMfaRoles: z
    .array(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }))
    .max(ROLES.length)
    .refine((roles) => new Set(roles).size === roles.length, { error: 'must name each role at most once' })
    .transform((roles) => ROLES.filter((role) => roles.includes(role)))
    .optional(),
});
export type SettingsPatch = z.output<typeof SettingsPatch>;
export type SettingsPatchInput = z.input<typeof SettingsPatch>;
