import { z } from 'zod';

/** Every enumerated value of the product, defined once. The database check constraints use these lists too. */
export const AGENCY_KINDS = ['police', 'health', 'local_authority', 'education', 'voluntary', 'other'] as const;
export const REVIEW_TYPES = [
  'rapid_review',
  'lcspr',
  'scr',
  'partnership_learning_review',
  'reflective_learning_event',
  'thematic_review',
  'multi_agency_audit',
] as const;
export const REVIEW_STAGES = ['rapid_review', 'review', 'published', 'closed'] as const;
export const ACTION_KINDS = ['single_agency', 'multi_agency'] as const;
export const ACTION_STATUSES = ['not_started', 'in_progress', 'completed', 'assured', 'withdrawn'] as const;
export const BRAG_RATINGS = ['blue', 'green', 'amber', 'red'] as const;
export const CONFIDENCE_LEVELS = ['on_track', 'at_risk', 'off_track'] as const;
export const ADDRESSEE_KINDS = ['partnership', 'subgroup', 'agency'] as const;

/**
 * The workflow of an action. An agency moves its action on; completion is proposed with evidence and then
 * assured (signed off) with evidence of impact, or returned for more information. Assured and withdrawn are
 * final: reopening a signed-off action would rewrite what the board was told, so a new action is raised instead.
 * The API enforces it (apps/api/src/domain/action-status.ts); the SPA offers only these moves.
 */
export const STATUS_TRANSITIONS: Readonly<Record<(typeof ACTION_STATUSES)[number], readonly (typeof ACTION_STATUSES)[number][]>> = {
  not_started: ['in_progress', 'completed', 'withdrawn'],
  in_progress: ['completed', 'withdrawn'],
  completed: ['assured', 'in_progress', 'withdrawn'],
  assured: [],
  withdrawn: [],
};

export const AgencyKind = z.enum(AGENCY_KINDS);
export const ReviewType = z.enum(REVIEW_TYPES);
export const ReviewStage = z.enum(REVIEW_STAGES);
export const ActionKind = z.enum(ACTION_KINDS);
export const ActionStatus = z.enum(ACTION_STATUSES);
export const Brag = z.enum(BRAG_RATINGS);
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export const AddresseeKind = z.enum(ADDRESSEE_KINDS);

export type AgencyKind = z.infer<typeof AgencyKind>;
export type ReviewType = z.infer<typeof ReviewType>;
export type ReviewStage = z.infer<typeof ReviewStage>;
export type ActionKind = z.infer<typeof ActionKind>;
export type ActionStatus = z.infer<typeof ActionStatus>;
export type Brag = z.infer<typeof Brag>;
export type Confidence = z.infer<typeof Confidence>;
export type AddresseeKind = z.infer<typeof AddresseeKind>;

/** Words people read. The SPA and reports use these; the API speaks the codes. */
export const LABELS = {
  agencyKind: {
    police: 'Police',
    health: 'Health',
    local_authority: 'Local authority',
    education: 'Education',
    voluntary: 'Voluntary sector',
    other: 'Other',
  },
  reviewType: {
    rapid_review: 'Rapid review',
    lcspr: 'Local child safeguarding practice review',
    scr: 'Serious case review',
    partnership_learning_review: 'Partnership learning review',
    reflective_learning_event: 'Reflective learning event',
    thematic_review: 'Thematic review',
    multi_agency_audit: 'Multi-agency audit',
  },
  reviewStage: {
    rapid_review: 'Rapid review',
    review: 'Review under way',
    published: 'Published',
    closed: 'Closed',
  },
  actionKind: { single_agency: 'Single-agency', multi_agency: 'Multi-agency' },
  actionStatus: {
    not_started: 'Not started',
    in_progress: 'In progress',
    completed: 'Completed',
    assured: 'Assured',
    withdrawn: 'Withdrawn',
  },
  brag: { blue: 'Blue', green: 'Green', amber: 'Amber', red: 'Red' },
  confidence: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' },
  addressee: { partnership: 'The partnership', subgroup: 'A subgroup', agency: 'A named agency' },
} as const satisfies Record<string, Record<string, string>>;
