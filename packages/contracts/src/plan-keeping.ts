import { z } from 'zod';
import { CalendarDate, Instant, optionalText, page, requiredText, Version } from './common';
import { LIMITS, TARGET_DATE_REQUEST_STATES } from './constants';
import { Action, ActionCreate } from './actions';
import { ProgressUpdate } from './progress-updates';

/** Several actions of one review, written in one sitting: all are created, or none. */
export const ReviewActionsCreate = z.strictObject({
  actions: z
    .array(ActionCreate.omit({ reviewId: true }))
    .min(1, { error: 'add at least one action' })
    .max(200, { error: 'at most 200 actions at a time' }),
});
export type ReviewActionsCreate = z.output<typeof ReviewActionsCreate>;
export type ReviewActionsCreateInput = z.input<typeof ReviewActionsCreate>;
export const ReviewActionsCreated = z.object({ items: z.array(Action) });

/**
 * The sign-off of a completed action by the overseeing subgroup or the business unit: assure it, recording the
 * evidence that practice changed, or return it to its agency with a question and a day to answer by (the
 * partnership's reply period when left out). A decision carries no confidence: it is not an agency's progress.
 */
export const AssuranceDecision = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('assure'),
    evidenceOfImpact: requiredText(LIMITS.text),
    note: optionalText(LIMITS.note).optional(),
    /** The action version the decider saw; a stale one is refused with 409. */
    actionVersion: Version.optional(),
  }),
  z.strictObject({
    decision: z.literal('return'),
    question: requiredText(LIMITS.text),
    replyBy: CalendarDate.optional(),
    actionVersion: Version.optional(),
  }),
]);
export type AssuranceDecision = z.output<typeof AssuranceDecision>;
export type AssuranceDecisionInput = z.input<typeof AssuranceDecision>;
export const AssuranceDecisionResult = z.object({ update: ProgressUpdate, action: Action });

export const TargetDateRequestState = z.enum(TARGET_DATE_REQUEST_STATES);
export const TargetDateRequest = z.object({
  id: z.number().int(),
  actionId: z.number().int(),
  /** The target date when the request was made. */
  currentTargetDate: CalendarDate.nullable(),
  requestedTargetDate: CalendarDate,
  reason: z.string(),
  requestedBy: z.string(),
  agencyId: z.number().int().nullable(),
  requestedAt: Instant,
  state: TargetDateRequestState,
  decidedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  decisionNote: z.string().nullable(),
});
export type TargetDateRequest = z.infer<typeof TargetDateRequest>;
export const TargetDateRequestList = page(TargetDateRequest);

export const TargetDateRequestCreate = z.strictObject({
  targetDate: CalendarDate,
  reason: requiredText(LIMITS.text),
});
export type TargetDateRequestCreate = z.output<typeof TargetDateRequestCreate>;

export const TargetDateDecision = z.strictObject({
  agree: z.boolean(),
  note: optionalText(LIMITS.text).optional(),
});
export type TargetDateDecision = z.output<typeof TargetDateDecision>;
export const TargetDateDecisionResult = z.object({ request: TargetDateRequest, action: Action });
export type TargetDateDecisionResult = z.infer<typeof TargetDateDecisionResult>;

/** An uploaded evidence document, as `POST /api/evidence` answers and as updates cite it. */
export const EvidenceFile = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string(),
  uploadedAt: Instant,
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;
