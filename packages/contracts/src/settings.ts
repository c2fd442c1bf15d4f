import { z } from 'zod';
import { Version, requiredText } from './common';
import { CHASE_MESSAGE_DETAILS, LIMITS, ROLES, SETTINGS_BOUNDS } from './constants';

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
  /** What chase messages say of each action: its latest note (`notes`), or only its reference, target date and BRAG (`refs_only`). */
  chaseMessageDetail: z.enum(CHASE_MESSAGE_DETAILS),
  /** Days after a chase's reply-by date that its reply links still work. */
  replyLinkGraceDays: z.number().int(),
  /** Days before the reply-by date a lead who has not answered is reminded (0: never). */
  reminderDaysBefore: z.number().int(),
  /** Days after the reply-by date an unanswered chase is escalated to the agency's senior contact (0: never). */
  escalationDaysAfter: z.number().int(),
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
  chaseMessageDetail: z.enum(CHASE_MESSAGE_DETAILS).optional(),
  replyLinkGraceDays: z.number().int().min(SETTINGS_BOUNDS.replyLinkGraceDays.min).max(SETTINGS_BOUNDS.replyLinkGraceDays.max).optional(),
  reminderDaysBefore: z.number().int().min(SETTINGS_BOUNDS.reminderDaysBefore.min).max(SETTINGS_BOUNDS.reminderDaysBefore.max).optional(),
  escalationDaysAfter: z.number().int().min(SETTINGS_BOUNDS.escalationDaysAfter.min).max(SETTINGS_BOUNDS.escalationDaysAfter.max).optional(),
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
