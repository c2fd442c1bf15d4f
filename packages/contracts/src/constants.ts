/**
 * The plain values of the contract (enumerations, the status workflow, words people read, field limits),
 * with no zod: the SPA's first page imports these without the schema library.
 */
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
 * What an entry of an action's history is: an agency's progress note, or a sign-off decision by the subgroup or
 * business unit (assure, or return for more information), which carries no confidence of its own.
 */
export const PROGRESS_UPDATE_KINDS = ['progress', 'assurance', 'return', 'comment'] as const;
export const TARGET_DATE_REQUEST_STATES = ['pending', 'agreed', 'refused'] as const;
/** The kinds of evidence file accepted, by what their bytes say they are (never by their name alone). */
export const EVIDENCE_FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', extensions: ['docx'] },
  'application/msword': { label: 'Word (97–2003)', extensions: ['doc'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', extensions: ['xlsx'] },
  'application/vnd.ms-excel': { label: 'Excel (97–2003)', extensions: ['xls'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint', extensions: ['pptx'] },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint (97–2003)', extensions: ['ppt'] },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/gif': { label: 'GIF image', extensions: ['gif'] },
  'image/webp': { label: 'WebP image', extensions: ['webp'] },
  'text/plain': { label: 'Text', extensions: ['txt'] },
  'text/csv': { label: 'CSV', extensions: ['csv'] },
} as const;
export type EvidenceContentType = keyof typeof EVIDENCE_FILE_TYPES;
export const EVIDENCE_CONTENT_TYPES = Object.keys(EVIDENCE_FILE_TYPES) as EvidenceContentType[];

/**
 * The workflow of an action. An agency moves its action on; completion is proposed with evidence and then
 * assured (signed off) with evidence of impact, or returned for more information. Assured and withdrawn are
 * final: reopening a signed-off action would rewrite what the board was told, so a new action is raised instead.
 * The API enforces it (packages/domain/src/action-status.ts); the SPA offers only these moves.
 */
export const STATUS_TRANSITIONS: Readonly<Record<(typeof ACTION_STATUSES)[number], readonly (typeof ACTION_STATUSES)[number][]>> = {
  not_started: ['in_progress', 'completed', 'withdrawn'],
  in_progress: ['completed', 'withdrawn'],
  completed: ['assured', 'in_progress', 'withdrawn'],
  assured: [],
  withdrawn: [],
};

/** Field limits, defined once: the API validates with them and the SPA shows them. */
export const LIMITS = {
  name: 200,
  shortName: 20,
  code: 40,
  title: 300,
  text: 5000,
  note: 10000,
  url: 2000,
  label: 200,
  evidenceItems: 20,
  ids: 100,
  /** The longest file name kept for an evidence document. */
  fileName: 255,
} as const;

/** Partnership settings' defaults and bounds, defined once (the database, the API and the SPA use these). */
export const SETTINGS_BOUNDS = {
  updateCadenceDays: { min: 7, max: 366, default: 56 },
  dueSoonDays: { min: 1, max: 366, default: 28 },
  /** How long an agency has to answer an action returned for more information, unless the chair sets a date. */
  replyPeriodDays: { min: 1, max: 366, default: 28 },
  /** The largest evidence document accepted, in megabytes (1 MB = 1,048,576 bytes). */
  evidenceMaxMegabytes: { min: 1, max: 100, default: 20 },
  /** Days after a chase's reply-by date that its reply links still work. */
  replyLinkGraceDays: { min: 0, max: 90, default: 14 },
  /** Days before the reply-by date a lead who has not answered is reminded (0: no reminder). */
  reminderDaysBefore: { min: 0, max: 60, default: 3 },
  /** Days after the reply-by date an agency that has not answered is escalated to its senior contact (0: no escalation). */
  escalationDaysAfter: { min: 0, max: 90, default: 7 },
} as const;

/**
 * What a chase message says of each action: `notes`, its latest progress note; `refs_only`, only its reference,
 * target date and BRAG (for partnerships whose notes must not travel by email).
 */
export const CHASE_MESSAGE_DETAILS = ['notes', 'refs_only'] as const;

/** Why an update request was sent: a chase the business unit or a chair sent, or the return of an action for more information. */
export const CHASE_KINDS = ['chase', 'return'] as const;

/** What an email in the outbox is. */
export const EMAIL_KINDS = ['chase', 'return', 'reminder', 'escalation', 'invitation', 'password_reset'] as const;

/**
 * Where an email is: `queued` (waiting for its turn, or for a retry after a failure), `sending` (claimed by a
 * server process), `sent` (accepted by the SMTP server), `logged` (no SMTP server is set: kept in the outbox and
 * written to the log instead).
 */
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'logged'] as const;

/** What became of an update request for one action: asked, answered with an update since, or the reply-by date passed unanswered. */
export const CHASE_ACTION_STATES = ['requested', 'answered', 'reply_overdue'] as const;

/** What an account link (sent by email) lets its holder do: set the password of a new account, or reset a forgotten one. */
export const ACCOUNT_LINK_PURPOSES = ['invitation', 'password_reset'] as const;

/** How long links sent by email last. */
export const ACCOUNT_LINK_HOURS = { invitation: 7 * 24, password_reset: 1 } as const;

export const ACTION_SORTS = [
  'targetDate',
  '-targetDate',
  'ref',
  '-ref',
  'lastUpdateAt',
  '-lastUpdateAt',
  'attention',
  'createdAt',
  '-createdAt',
] as const;

export const ROLES = ['admin', 'agency_lead', 'subgroup_chair', 'independent_chair', 'viewer'] as const;

export const ROLE_LABELS: Readonly<Record<(typeof ROLES)[number], string>> = {
  admin: 'Business unit (administrator)',
  agency_lead: 'Agency lead',
  subgroup_chair: 'Subgroup chair',
  independent_chair: 'Independent chair',
  viewer: 'Viewer',
};

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Read-only API tokens for reporting tools: `lrt_` and 256 random bits (so secret scanners can spot one), living at most a year. */
export const API_TOKEN_PREFIX = 'lrt_';
/** The longest a token may live: its last day is at most this many months after the day it is made. */
export const API_TOKEN_MAX_MONTHS = 12;

/** Two-factor sign-in (TOTP, RFC 6238): how authenticator apps are set up, and how a sign-in waits for a code. */
export const SECOND_FACTOR = {
  codeDigits: 6,
  periodSeconds: 30,
  /** A code of the step before or after is accepted too, for a phone whose clock is a little out. */
  windowSteps: 1,
  recoveryCodes: 10,
  /** A sign-in waiting for its code ends after this long, or after this many wrong codes. */
  challengeMinutes: 5,
  attemptsPerChallenge: 5,
} as const;

export const AUDIT_OPERATIONS = [
  'create',
  'update',
  'delete',
  'revoke',
  'progress_update',
  'sign_in',
  'sign_in_failed',
  /** One event per window counting the sign-ins refused without a password check (429), not a row each. */
  'sign_in_throttled',
  'sign_out',
  'sessions_revoked',
  'password_changed',
  'second_factor_enabled',
  'second_factor_disabled',
  'second_factor_reset',
  /** An API token's first use of the day, or any use of a reply link from a chase message. */
  'token_used',
] as const;

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
  progressUpdateKind: { progress: 'Progress update', assurance: 'Assured', return: 'Returned for more information' },
  targetDateRequestState: { pending: 'Awaiting a decision', agreed: 'Agreed', refused: 'Refused' },
} as const satisfies Record<string, Record<string, string>>;

/**
 * Why a sign-in with the organisation (single sign-on) was refused, as `/sign-in?sso=<reason>` tells the SPA:
 * `cancelled` (stopped at the provider), `state` (not a sign-in this browser started, or one used or expired),
 * `no_account` (no account has the email, and its domain opens none), `unverified_email` (the provider did not
 * vouch for the email), `deactivated`, `other_identity` (the account is linked to another identity at the
 * provider), `provider` (the provider could not be reached, or its answer could not be checked).
 */
export const SSO_REFUSALS = ['cancelled', 'state', 'no_account', 'unverified_email', 'deactivated', 'other_identity', 'provider'] as const;

/**
 * The roles an account opened by single sign-on may be given. Not administrator (whoever has an address at the
 * domain would run the tracker) and not subgroup chair (a chair is named to a subgroup by the business unit).
 */
export const SSO_DOMAIN_ROLES = ['agency_lead', 'independent_chair', 'viewer'] as const;

/**
 * The board assurance report: one model, built once by the API, then written as JSON, as a Word document and as a
 * printable page. Every section the chair may choose, in the order the report prints them.
 */
export const REPORT_SECTIONS = [
  'summary',
  'brag',
  'agencies',
  'recommendations',
  'overdue',
  'revisedDates',
  'completed',
  'changes',
  'themes',
  'timeliness',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The headings the report gives its sections, in every format. */
export const REPORT_SECTION_TITLES: Record<ReportSection, string> = {
  summary: 'Summary',
  brag: 'BRAG ratings and their change over the period',
  agencies: 'Progress by agency',
  recommendations: 'Recommendations and their actions',
  overdue: 'Overdue actions',
  revisedDates: 'Revised target dates',
  completed: 'Completed and assured actions: evidence of impact',
  changes: 'What changed',
  themes: 'Themes that recur across reviews',
  timeliness: 'Reviews against the statutory timescales',
};

export const REPORT_FORMATS = ['json', 'docx', 'html'] as const;

/**
 * A section lists at most this many actions (or rows); the counts above it always cover everything in scope, and
 * the report says how many it did not list, so a whole-partnership report at any size stays a document a board
 * can read and a server can build in bounded memory.
 */
export const REPORT_LIST_LIMIT = 500;

/** How many reviews a page of the themes matrix shows unless asked, and at most. */
export const THEME_MATRIX_PAGE = { default: 20, max: 100 } as const;
