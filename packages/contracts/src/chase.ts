import { z } from 'zod';
import { CalendarDate, Id, IdRef, Instant, page, PageQuery, requiredText, Version } from './common';
import { CHASE_ACTION_STATES, CHASE_KINDS, EMAIL_KINDS, EMAIL_STATUSES, LIMITS } from './constants';
import { ActionStatus, Brag, Confidence } from './enums';
import { EvidenceInput, ProgressUpdate } from './progress-updates';
import { ActionReturned } from './actions';

/**
 * Chasing updates: who owes what (candidates), update requests sent to each agency's leads (chases), their
 * personal reply links (respond), and the outbox every email goes through.
 */

/** Why an action needs an update: past its target date, no update within the cadence, due soon, returned for more information. */
export const ChaseReason = z.enum(['overdue', 'stale', 'due_soon', 'returned']);
export type ChaseReason = z.infer<typeof ChaseReason>;

export const ChaseKind = z.enum(CHASE_KINDS);
export const ChaseActionState = z.enum(CHASE_ACTION_STATES);
export type ChaseActionState = z.infer<typeof ChaseActionState>;
export const EmailKind = z.enum(EMAIL_KINDS);
export const EmailStatus = z.enum(EMAIL_STATUSES);

export const ChaseScopeQuery = z.object({
  reviewId: Id.optional(),
  subgroupId: Id.optional(),
  agencyId: Id.optional(),
});

export const Person = z.object({ name: z.string(), email: z.string() });
export const AgencyLead = Person.extend({ userId: z.number().int() });

/** An action as a chase lists it. */
export const ChaseCandidateAction = z.object({
  id: z.number().int(),
  ref: z.string(),
  reviewId: z.number().int(),
  subgroupId: z.number().int().nullable(),
  action: z.string(),
  targetDate: CalendarDate.nullable(),
  status: ActionStatus,
  brag: Brag.nullable(),
  bragReason: z.string(),
  reasons: z.array(ChaseReason),
  /** The question of a return for more information not yet answered. */
  returnedQuestion: z.string().nullable(),
  lastUpdateAt: Instant.nullable(),
  latestNote: z.string().nullable(),
});
export type ChaseCandidateAction = z.infer<typeof ChaseCandidateAction>;

/** One agency: its actions that need an update, who would be asked, and what was last asked of it. */
export const ChaseCandidateAgency = z.object({
  agency: z.object({ id: z.number().int(), name: z.string(), shortName: z.string() }),
  /** The active agency leads a chase is sent to; empty: no one would be asked (the agency is named as having no lead). */
  leads: z.array(AgencyLead),
  seniorContact: Person.nullable(),
  counts: z.object({ needingUpdate: z.number().int(), overdue: z.number().int(), stale: z.number().int(), dueSoon: z.number().int(), returned: z.number().int() }),
  /** The actions, most pressing first; at most 20 are listed (500 when `agencyId` is given; `counts.needingUpdate` says how many there are). */
  actions: z.array(ChaseCandidateAction),
  /** The latest update request sent to it, and its reply-by day. */
  lastAskedAt: Instant.nullable(),
  lastReplyBy: CalendarDate.nullable(),
  /** The latest progress update it posted on any of its actions. */
  lastAnsweredAt: Instant.nullable(),
  /** Actions asked of it whose reply-by day has passed with no update since. */
  repliesOverdue: z.number().int(),
});
export type ChaseCandidateAgency = z.infer<typeof ChaseCandidateAgency>;

export const ChaseCandidates = z.object({
  /** What a new chase is sent for by default: the partnership's reply period from today. */
  defaultReplyBy: CalendarDate,
  agencies: z.array(ChaseCandidateAgency),
});
export type ChaseCandidates = z.infer<typeof ChaseCandidates>;

export const ChaseCreate = z
  .strictObject({
    reviewId: IdRef.optional(),
    subgroupId: IdRef.optional(),
    agencyId: IdRef.optional(),
    /** Actions ticked by hand: exactly these are asked for (open ones only), whatever the rules say. */
    actionIds: z.array(IdRef).min(1, { error: 'tick at least one action' }).max(2000, { error: 'at most 2000 actions at once' }).optional(),
    replyBy: CalendarDate,
    /** Only show the messages that would be sent: nothing is recorded or sent. */
    preview: z.boolean().default(false),
  });
export type ChaseCreate = z.output<typeof ChaseCreate>;
export type ChaseCreateInput = z.input<typeof ChaseCreate>;

/** One message of a chase: to one lead, listing exactly their agency's actions in it. `to` null: the agency has no lead. */
export const ChaseMessage = z.object({
  agencyId: z.number().int(),
  agencyName: z.string(),
  to: AgencyLead.nullable(),
  subject: z.string(),
  /** The plain-text part as it will be sent (the personal link shown as `{{link}}` until it is sent). */
  text: z.string(),
  actionIds: z.array(z.number().int()),
});
export type ChaseMessage = z.infer<typeof ChaseMessage>;

export const ChaseCreated = z.object({
  /** Null for a preview. */
  id: z.number().int().nullable(),
  messages: z.array(ChaseMessage),
  /** Agencies with actions in scope but no lead to ask: named so no one is skipped silently. */
  agenciesWithoutLead: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type ChaseCreated = z.infer<typeof ChaseCreated>;

export const ChaseMail = z.object({ queued: z.number().int(), retrying: z.number().int(), sent: z.number().int() });

export const ChaseSummary = z.object({
  id: z.number().int(),
  kind: ChaseKind,
  createdAt: Instant,
  createdByName: z.string(),
  replyBy: CalendarDate,
  reviewId: z.number().int().nullable(),
  subgroupId: z.number().int().nullable(),
  agencyId: z.number().int().nullable(),
  byHand: z.boolean(),
  question: z.string().nullable(),
  agencies: z.number().int(),
  actions: z.number().int(),
  answered: z.number().int(),
  replyOverdue: z.number().int(),
  mail: ChaseMail,
});
export type ChaseSummary = z.infer<typeof ChaseSummary>;
export const ChaseListQuery = PageQuery.extend({ agencyId: Id.optional() });
export const ChasePage = page(ChaseSummary);

export const ChaseEmail = z.object({
  id: z.number().int(),
  kind: EmailKind,
  status: EmailStatus,
  createdAt: Instant,
  sentAt: Instant.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: Instant,
});

export const ChaseRecipient = Person.extend({
  id: z.number().int(),
  userId: z.number().int().nullable(),
  linkExpiresOn: CalendarDate,
  linkStatus: z.enum(['active', 'expired', 'revoked']),
  revokedAt: Instant.nullable(),
  revokedByName: z.string().nullable(),
  linkLastUsedAt: Instant.nullable(),
  emails: z.array(ChaseEmail),
});
export type ChaseRecipient = z.infer<typeof ChaseRecipient>;

export const ChaseActionOutcome = z.object({
  id: z.number().int(),
  ref: z.string(),
  state: ChaseActionState,
  /** The first progress update the agency posted on it after the request. */
  answeredAt: Instant.nullable(),
});

export const ChaseDetail = ChaseSummary.extend({
  byAgency: z.array(
    z.object({
      agency: z.object({ id: z.number().int(), name: z.string(), shortName: z.string() }),
      recipients: z.array(ChaseRecipient),
      /** Escalations to the agency's senior contact. */
      escalations: z.array(ChaseEmail.extend({ toName: z.string(), toAddress: z.string() })),
      actions: z.array(ChaseActionOutcome),
    }),
  ),
});
export type ChaseDetail = z.infer<typeof ChaseDetail>;

export const ChaseRecipientParams = z.strictObject({ id: Id, recipientId: Id });

/** The update requests that named one action (for its page). */
export const ActionChase = z.object({
  chaseId: z.number().int(),
  kind: ChaseKind,
  createdAt: Instant,
  createdByName: z.string(),
  replyBy: CalendarDate,
  agencyId: z.number().int(),
  agencyName: z.string(),
  /** Who it was sent to (empty: the agency had no lead). */
  sentTo: z.array(z.string()),
  state: ChaseActionState,
  answeredAt: Instant.nullable(),
});
export type ActionChase = z.infer<typeof ActionChase>;
export const ActionChaseList = z.object({ items: z.array(ActionChase) });

/** The outbox: every email the tracker sent or will send. */
export const OutboxEmail = z.object({
  id: z.number().int(),
  kind: EmailKind,
  status: EmailStatus,
  createdAt: Instant,
  toName: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  /** The plain-text part as kept (once sent over SMTP a personal link is not kept: the text says where it was). */
  text: z.string(),
  chaseId: z.number().int().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: Instant,
  sentAt: Instant.nullable(),
});
export type OutboxEmail = z.infer<typeof OutboxEmail>;
export const OutboxEmailDetail = OutboxEmail.extend({ html: z.string() });
export const OutboxListQuery = PageQuery.extend({ status: EmailStatus.optional(), kind: EmailKind.optional(), q: z.string().trim().max(200).optional() });
export const OutboxPage = page(OutboxEmail).extend({
  /** How mail leaves: `smtp` (SMTP_URL is set) or `log` (kept here and written to the log only). */
  transport: z.enum(['smtp', 'log']),
});

/** What a reply link opens: its holder, the actions they may answer, and until when. */
export const RespondAction = z.object({
  id: z.number().int(),
  ref: z.string(),
  reviewCode: z.string(),
  reviewTitle: z.string(),
  learningNeed: z.string(),
  action: z.string(),
  successMeasure: z.string(),
  targetDate: CalendarDate.nullable(),
  status: ActionStatus,
  brag: Brag.nullable(),
  bragReason: z.string(),
  latestConfidence: Confidence.nullable(),
  returned: ActionReturned.nullable(),
  version: z.number().int(),
  /** The status changes the holder may make with an update (as an agency lead of this agency). */
  statusChanges: z.array(ActionStatus),
  /** Answered through this request already: the holder's or a colleague's update since it was sent. */
  answeredAt: Instant.nullable(),
  /** The latest entries of its history, newest first (at most five). */
  recentUpdates: z.array(ProgressUpdate),
});
export type RespondAction = z.infer<typeof RespondAction>;

export const RespondView = z.object({
  partnershipName: z.string(),
  holder: Person,
  agency: z.object({ id: z.number().int(), name: z.string() }),
  kind: ChaseKind,
  question: z.string().nullable(),
  askedBy: z.string(),
  askedAt: Instant,
  replyBy: CalendarDate,
  /** The last day the link works. */
  expiresOn: CalendarDate,
  evidenceMaxMegabytes: z.number().int(),
  actions: z.array(RespondAction),
});
export type RespondView = z.infer<typeof RespondView>;

export const RespondParams = z.strictObject({ token: z.string().min(1).max(200) });
export const RespondActionParams = z.strictObject({ token: z.string().min(1).max(200), id: Id });

/** An update posted through a reply link: the agency's progress, as its lead would post it signed in. */
export const RespondUpdateCreate = z.strictObject({
  note: requiredText(LIMITS.note),
  confidence: Confidence,
  evidence: z.array(EvidenceInput).max(LIMITS.evidenceItems).default([]),
  statusChange: z.strictObject({ from: ActionStatus.optional(), to: ActionStatus }).nullable().default(null),
  reason: z.string().trim().max(LIMITS.text).optional(),
  actionVersion: Version.optional(),
});
export type RespondUpdateCreate = z.output<typeof RespondUpdateCreate>;
export type RespondUpdateCreateInput = z.input<typeof RespondUpdateCreate>;
