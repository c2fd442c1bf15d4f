import { z } from 'zod';
import { CalendarDate, Id, IdRef, Instant, optionalText, page, PageQuery, QueryBoolean, repeatable, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';
import { ACTION_SORTS } from './constants';
import { ActionKind, ActionStatus, Brag, Confidence } from './enums';

/** While an action is returned for more information: when, the question the agency must answer, and by when. */
export const ActionReturned = z.object({ on: Instant, question: z.string(), replyBy: CalendarDate });
export type ActionReturned = z.infer<typeof ActionReturned>;

/**
 * An action's target dates, the original first: each later entry says the date it moved `from`, why, who decided
 * and when. Overdue counts against the last one.
 */
export const TargetDateHistoryEntry = z.object({
  targetDate: CalendarDate.nullable(),
  from: CalendarDate.nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  on: Instant,
});
export type TargetDateHistoryEntry = z.infer<typeof TargetDateHistoryEntry>;

export const Action = z.object({
  id: z.number().int(),
  /** Human reference, unique in the partnership, e.g. `SD-2022/A3`. */
  ref: z.string(),
  reviewId: z.number().int(),
  recommendationId: z.number().int().nullable(),
  kind: ActionKind,
  ownerAgencyId: z.number().int(),
  /** The other agencies sharing a multi-agency action (the owner leads it). */
  partnerAgencyIds: z.array(z.number().int()),
  learningNeed: z.string(),
  action: z.string(),
  successMeasure: z.string(),
  targetDate: CalendarDate.nullable(),
  /** The original target date and every revision of it, oldest first. */
  targetDateHistory: z.array(TargetDateHistoryEntry),
  /** A request for a new target date awaiting a decision, if there is one. */
  pendingTargetDateRequest: z
    .object({ id: z.number().int(), requestedTargetDate: CalendarDate, reason: z.string(), requestedBy: z.string(), requestedAt: Instant })
    .nullable(),
  status: ActionStatus,
  /** Set while the action is returned to its agency for more information (its status is then in progress). */
  returned: ActionReturned.nullable(),
  brag: Brag.nullable(),
  bragReason: z.string(),
  overdue: z.boolean(),
  stale: z.boolean(),
  /** Open and due between today and the end of the partnership's "due soon" window. */
  dueSoon: z.boolean(),
  lastUpdateAt: Instant.nullable(),
  latestConfidence: Confidence.nullable(),
  /** The latest progress update, in brief: what a chaser or a chair reads first. */
  latestUpdate: z
    .object({ id: z.number().int(), createdAt: Instant, authorName: z.string(), note: z.string() })
    .nullable(),
  evidenceOfImpact: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  themeIds: z.array(z.number().int()),
  subgroupId: z.number().int().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
  /** What the signed-in person may do with this action, from the API's rule table. */
  permissions: z.object({
    canEdit: z.boolean(),
    /** May post the agency's progress (a lead of one of its agencies, or the business unit on an agency's behalf). */
    canPostUpdate: z.boolean(),
    /** May comment (the overseeing subgroup's chair, or the business unit): not the agency's progress. */
    canComment: z.boolean(),
    statusChanges: z.array(ActionStatus),
    /** The agencies this person may post progress for. */
    agencyIds: z.array(z.number().int()),
    /** May assure this completed action, or return it for more information. */
    canDecideAssurance: z.boolean(),
    /** Would sign off this completed action but proposed its completion: someone else must sign it off. */
    proposedCompletion: z.boolean(),
    /** May ask for a new target date (an agency lead of one of its agencies, while it is open). */
    canRequestTargetDate: z.boolean(),
    /** May agree or refuse a request for a new target date (an admin, or the overseeing subgroup's chair). */
    canDecideTargetDate: z.boolean(),
  }),
});
export type Action = z.infer<typeof Action>;

export const ActionRef = requiredText(LIMITS.code).regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, {
  error: 'may use letters, digits, spaces, dots, slashes, dashes and underscores',
});

const actionFields = {
  ref: ActionRef,
  recommendationId: IdRef.nullable(),
  kind: ActionKind,
  ownerAgencyId: IdRef,
  partnerAgencyIds: z.array(IdRef).max(LIMITS.ids),
  learningNeed: requiredText(LIMITS.text),
  action: requiredText(LIMITS.text),
  successMeasure: optionalText(LIMITS.text),
  targetDate: CalendarDate.nullable(),
  themeIds: z.array(IdRef).max(LIMITS.ids),
  subgroupId: IdRef.nullable(),
};

export const ActionCreate = z.strictObject({
  reviewId: IdRef,
  ...actionFields,
  /** Left out: the review's code and the next number, e.g. `SD-2022/A4`. */
  ref: actionFields.ref.optional(),
  recommendationId: actionFields.recommendationId.default(null),
  kind: ActionKind.default('single_agency'),
  partnerAgencyIds: actionFields.partnerAgencyIds.default([]),
  successMeasure: actionFields.successMeasure.default(''),
  targetDate: actionFields.targetDate.default(null),
  themeIds: actionFields.themeIds.default([]),
  /** Left out: the recommendation's subgroup, else the review's. */
  subgroupId: actionFields.subgroupId.optional(),
});
export type ActionCreate = z.output<typeof ActionCreate>;
export type ActionCreateInput = z.input<typeof ActionCreate>;

/** Status is not here: it changes only through a progress update, so every change has a dated note. */
export const ActionPatch = z
  .strictObject(actionFields)
  .partial()
  .extend({
    version: Version,
    targetDateReason: optionalText(LIMITS.text)
      .optional()
      .describe(
        'Why the target date is revised: needed (422 `action.target_date_reason_required` otherwise) when `targetDate` replaces a date already set, and kept in `targetDateHistory` with who revised it. The first date set needs none.',
      ),
  });
export type ActionPatch = z.output<typeof ActionPatch>;
export type ActionPatchInput = z.input<typeof ActionPatch>;

export const ActionSort = z.enum(ACTION_SORTS);
export type ActionSort = z.infer<typeof ActionSort>;

export const ActionListQuery = PageQuery.extend({
  reviewId: repeatable(Id).optional(),
  recommendationId: repeatable(Id).optional(),
  /** Actions the agency owns or shares. */
  agencyId: repeatable(Id).optional(),
  subgroupId: repeatable(Id).optional(),
  themeId: repeatable(Id).optional(),
  status: repeatable(ActionStatus).optional(),
  brag: repeatable(Brag).optional(),
  kind: repeatable(ActionKind).optional(),
  overdue: QueryBoolean.optional(),
  stale: QueryBoolean.optional(),
  dueSoon: QueryBoolean.optional(),
  /** Returned for more information and not yet answered. */
  returned: QueryBoolean.optional(),
  q: SearchText.optional(),
  dueBefore: CalendarDate.optional(),
  dueAfter: CalendarDate.optional(),
  sort: ActionSort.default('targetDate'),
  /** The list as it stood at the end of this day (London): every field, BRAG and flag rebuilt from the history. */
  asAt: CalendarDate.optional(),
});
export type ActionListQuery = z.input<typeof ActionListQuery>;
export const ActionPage = page(Action);
