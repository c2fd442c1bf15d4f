import { z } from 'zod';
import { CalendarDate, IdRef, Instant, optionalText, requiredText, Version } from './common';
import { LIMITS } from './constants';
import { PROGRESS_UPDATE_KINDS } from './constants';
import { ActionStatus, Confidence } from './enums';

export const EvidenceLink = z.strictObject({
  label: requiredText(LIMITS.label),
  url: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })
    .max(LIMITS.url, { error: `must be at most ${LIMITS.url} characters` }),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

/** An evidence document uploaded first (`POST /api/evidence`), cited by its id. */
export const EvidenceFileRef = z.strictObject({ label: requiredText(LIMITS.label), fileId: IdRef });
export type EvidenceFileRef = z.infer<typeof EvidenceFileRef>;

/** A link or an uploaded document: what an agency offers as evidence. */
export const EvidenceInput = z.union([EvidenceLink, EvidenceFileRef]);
export type EvidenceInput = z.infer<typeof EvidenceInput>;

/** Evidence as an update shows it: a link, or a document with what it is (download at `/api/evidence/:fileId`). */
export const EvidenceItem = z.union([
  z.object({ label: z.string(), url: z.string() }),
  z.object({ label: z.string(), fileId: z.number().int(), name: z.string(), size: z.number().int(), contentType: z.string() }),
]);
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const ProgressUpdateKind = z.enum(PROGRESS_UPDATE_KINDS);
export type ProgressUpdateKind = z.infer<typeof ProgressUpdateKind>;
/**
 * Who an entry of an action's history was posted as: the agency itself; the business unit (a progress note on an
 * agency's behalf, a comment or a decision); or the chair of the subgroup overseeing the action.
 */
export const PostedAs = z.enum(['agency', 'business_unit', 'subgroup_chair']);
export type PostedAs = z.infer<typeof PostedAs>;

export const StatusChange = z.object({ from: ActionStatus, to: ActionStatus });
export type StatusChange = z.infer<typeof StatusChange>;

export const ProgressUpdate = z.object({
  id: z.number().int(),
  actionId: z.number().int(),
  authorName: z.string(),
  agencyId: z.number().int().nullable(),
  createdAt: Instant,
  /**
   * `progress`: an agency's note; `assurance` and `return`: a sign-off decision; `comment`: a remark of the
   * overseeing subgroup's chair or the business unit. Only `progress` has a confidence and counts as progress.
   */
  kind: ProgressUpdateKind,
  /**
   * Who the author spoke as: `agency` (one of the agency's people), `business_unit` (for a progress note: posted on
   * the agency's behalf, e.g. from an emailed reply), `subgroup_chair`. Null when not known (demo or imported history).
   */
  postedAs: PostedAs.nullable(),
  note: z.string(),
  /** The author's confidence that the action is on track; null on sign-off decisions and comments. */
  confidence: Confidence.nullable(),
  statusChange: StatusChange.nullable(),
  evidence: z.array(EvidenceItem),
  /** Recorded when this update assured the action. */
  evidenceOfImpact: z.string().nullable(),
  /** Recorded when this update withdrew the action. */
  reason: z.string().nullable(),
  /** A return's question to the agency. */
  question: z.string().nullable(),
  /** The day a return's answer is due. */
  replyBy: CalendarDate.nullable(),
  /** Set when the note was brought in from a spreadsheet plan: the file's name (the author is who imported it). */
  importedFrom: z.string().nullable(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

/** The author is the signed-in person; their name is recorded with the update. */
export const ProgressUpdateCreate = z.strictObject({
  /**
   * `progress` (the default): the agency's word on its action, with a confidence; it restarts the staleness clock.
   * `comment`: a remark of the overseeing subgroup's chair or the business unit, with a note only (no confidence,
   * status change, agency, evidence or reason); it leaves the action as it was.
   */
  kind: z.enum(['progress', 'comment']).default('progress'),
  /**
   * The agency the note speaks for: one of the action's agencies that is the author's (the business unit speaks for
   * any of them, on its behalf). Left out: the owner agency if it is theirs, else the first of theirs on the action.
   */
  agencyId: IdRef.optional(),
  note: requiredText(LIMITS.note),
  /** Needed on an agency's progress note; a sign-off decision (moving to assured, or returning) has none. */
  confidence: Confidence.optional(),
  evidence: z.array(EvidenceInput).max(LIMITS.evidenceItems).default([]),
  /**
   * `from` is the status the author saw: if the action has moved on since, the update is refused with
   * `409 action.version_conflict` and the current action. Left out, the change applies to the status as it is.
   */
  statusChange: z.strictObject({ from: ActionStatus.optional(), to: ActionStatus }).nullable().default(null),
  /** Needed to move to `assured`: what shows that practice changed. */
  evidenceOfImpact: optionalText(LIMITS.text).optional(),
  /** Needed to move to `withdrawn`. */
  reason: optionalText(LIMITS.text).optional(),
  /** The action version the author saw; a status change on a stale view is refused. */
  actionVersion: Version.optional(),
});
export type ProgressUpdateCreate = z.output<typeof ProgressUpdateCreate>;
export type ProgressUpdateCreateInput = z.input<typeof ProgressUpdateCreate>;

export const ProgressUpdateList = z.object({ items: z.array(ProgressUpdate), nextCursor: z.string().nullable() });
export const ProgressUpdateListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
