import { z } from 'zod';
import { Version, requiredText } from './common';
import { LIMITS } from './constants';

export const Settings = z.object({
  partnershipName: z.string(),
  /** An open action with no progress update for this many days is stale. */
  updateCadenceDays: z.number().int(),
  /** An open action due within this many days is due soon. */
  dueSoonDays: z.number().int(),
  version: z.number().int(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  version: Version,
  partnershipName: requiredText(LIMITS.name).optional(),
  updateCadenceDays: z.number().int().min(7).max(366).optional(),
  dueSoonDays: z.number().int().min(1).max(366).optional(),
});
export type SettingsPatch = z.output<typeof SettingsPatch>;
export type SettingsPatchInput = z.input<typeof SettingsPatch>;
