import { z } from 'zod';
import { IdRef, Instant, optionalText, requiredText } from './common';
import { LIMITS } from './constants';
import { ActionStatus, Confidence } from './enums';

export const EvidenceLink = z.strictObject({
  label: requiredText(LIMITS.label),
  url: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })
    .max(LIMITS.url, { error: `must be at most ${LIMITS.url} characters` }),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

export const StatusChange = z.object({ from: ActionStatus, to: ActionStatus });
export type StatusChange = z.infer<typeof StatusChange>;

export const ProgressUpdate = z.object({
  id: z.number().int(),
  actionId: z.number().int(),
  authorName: z.string(),
  agencyId: z.number().int().nullable(),
  createdAt: Instant,
  note: z.string(),
  confidence: Confidence,
  statusChange: StatusChange.nullable(),
  evidence: z.array(z.object({ label: z.string(), url: z.string() })),
  /** Recorded when this update assured the action. */
  evidenceOfImpact: z.string().nullable(),
  /** Recorded when this update withdrew the action. */
  reason: z.string().nullable(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

/** The author is the signed-in person; their name is recorded with the update. */
export const ProgressUpdateCreate = z.strictObject({
  /**
   * The agency the author speaks for: one of the action's agencies that is theirs. Left out: the owner agency if
   * it is theirs, else the first of theirs on the action; none for the business unit and subgroup chairs.
   */
  agencyId: IdRef.optional(),
  note: requiredText(LIMITS.note),
  confidence: Confidence,
  evidence: z.array(EvidenceLink).max(LIMITS.evidenceItems).default([]),
  statusChange: z.strictObject({ to: ActionStatus }).nullable().default(null),
  /** Needed to move to `assured`: what shows that practice changed. */
  evidenceOfImpact: optionalText(LIMITS.text).optional(),
  /** Needed to move to `withdrawn`. */
  reason: optionalText(LIMITS.text).optional(),
  /** The action version the author saw; a status change on a stale view is refused. */
  actionVersion: z.number().int().min(1).optional(),
});
export type ProgressUpdateCreate = z.output<typeof ProgressUpdateCreate>;
export type ProgressUpdateCreateInput = z.input<typeof ProgressUpdateCreate>;

export const ProgressUpdateList = z.object({ items: z.array(ProgressUpdate), nextCursor: z.string().nullable() });
export const ProgressUpdateListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
