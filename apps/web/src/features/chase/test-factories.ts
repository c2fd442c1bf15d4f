import type {
  ChaseCandidateAction,
  ChaseCandidateAgency,
  ChaseCandidates,
  ChaseCreated,
  ChaseDetail,
  ChaseRecipient,
  ChaseSummary,
  ProgressUpdate,
  RespondAction,
  RespondView,
} from '@lrt/contracts';

/** Test use only: chase data as the API sends it, with what a test does not care about filled in. */

export function makeCandidateAction(overrides: Partial<ChaseCandidateAction> = {}): ChaseCandidateAction {
  return {
    id: 7,
    ref: 'SD-2022/A3',
    reviewId: 3,
    subgroupId: 4,
    action: 'Deliver briefings on the voice of the child to all response officers.',
    targetDate: '2026-03-31',
    status: 'in_progress',
    brag: 'red',
    bragReason: 'overdue since 31 March 2026',
    reasons: ['overdue'],
    returnedQuestion: null,
    lastUpdateAt: '2026-01-10T10:00:00.000Z',
    latestNote: 'Briefings booked for April.',
    ...overrides,
  };
}

export function makeCandidateAgency(overrides: Partial<ChaseCandidateAgency> = {}): ChaseCandidateAgency {
  return {
    agency: { id: 1, name: 'West Midlands Police', shortName: 'WMP' },
    leads: [{ userId: 5, name: 'Sam Patel', email: 'sam.patel@police.example' }],
    seniorContact: { name: 'Jo Reid', email: 'jo.reid@police.example' },
    counts: { needingUpdate: 1, overdue: 1, stale: 0, dueSoon: 0, returned: 0 },
    actions: [makeCandidateAction()],
    lastAskedAt: null,
    lastReplyBy: null,
    lastAnsweredAt: '2026-01-10T10:00:00.000Z',
    repliesOverdue: 0,
    ...overrides,
  };
}

export function makeCandidates(agencies: ChaseCandidateAgency[], defaultReplyBy = '2099-04-30'): ChaseCandidates {
  return { defaultReplyBy, agencies };
}

export function makeCreated(overrides: Partial<ChaseCreated> = {}): ChaseCreated {
  return {
    id: null,
    messages: [
      {
        agencyId: 1,
        agencyName: 'West Midlands Police',
        to: { userId: 5, name: 'Sam Patel', email: 'sam.patel@police.example' },
        subject: 'Safeguarding Partnership: please update 1 action for West Midlands Police by 30 April 2099',
        text: 'Alex Morgan asks West Midlands Police for an update on the action below.\n\nSD-2022/A3 (Red)\n\nAnswer here: {{link}}',
        actionIds: [7],
      },
    ],
    agenciesWithoutLead: [],
    ...overrides,
  };
}

export function makeChaseSummary(overrides: Partial<ChaseSummary> = {}): ChaseSummary {
  return {
    id: 12,
    kind: 'chase',
    createdAt: '2026-03-03T14:05:00.000Z',
    createdByName: 'Alex Morgan',
    replyBy: '2026-03-17',
    reviewId: null,
    subgroupId: null,
    agencyId: 1,
    byHand: false,
    question: null,
    agencies: 1,
    actions: 2,
    answered: 1,
    replyOverdue: 0,
    mail: { queued: 0, retrying: 0, sent: 1 },
    ...overrides,
  };
}

export function makeRecipient(overrides: Partial<ChaseRecipient> = {}): ChaseRecipient {
  return {
    id: 30,
    userId: 5,
    name: 'Sam Patel',
    email: 'sam.patel@police.example',
    linkExpiresOn: '2026-03-31',
    linkStatus: 'active',
    revokedAt: null,
    revokedByName: null,
    linkLastUsedAt: null,
    emails: [
      {
        id: 81,
        kind: 'chase',
        status: 'sent',
        createdAt: '2026-03-03T14:05:00.000Z',
        sentAt: '2026-03-03T14:06:00.000Z',
        attempts: 1,
        lastError: null,
        nextAttemptAt: '2026-03-03T14:05:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function makeChaseDetail(overrides: Partial<ChaseDetail> = {}): ChaseDetail {
  return {
    ...makeChaseSummary(),
    byAgency: [
      {
        agency: { id: 1, name: 'West Midlands Police', shortName: 'WMP' },
        recipients: [makeRecipient()],
        escalations: [],
        actions: [
          { id: 7, ref: 'SD-2022/A3', state: 'answered', answeredAt: '2026-03-05T09:30:00.000Z' },
          { id: 8, ref: 'SD-2022/A4', state: 'requested', answeredAt: null },
        ],
      },
    ],
    ...overrides,
  };
}

export function makeUpdate(overrides: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    id: 101,
    actionId: 7,
    authorName: 'Sam Patel',
    agencyId: 1,
    createdAt: '2026-02-01T10:00:00.000Z',
    kind: 'progress',
    postedAs: 'agency',
    note: 'Briefings booked for April.',
    confidence: 'at_risk',
    statusChange: null,
    evidence: [],
    evidenceOfImpact: null,
    reason: null,
    question: null,
    replyBy: null,
    importedFrom: null,
    ...overrides,
  };
}

export function makeRespondAction(overrides: Partial<RespondAction> = {}): RespondAction {
  return {
    id: 7,
    ref: 'SD-2022/A3',
    reviewCode: 'SD-2022',
    reviewTitle: 'Child SD: learning review',
    learningNeed: 'Officers did not hear the voice of the child.',
    action: 'Deliver briefings on the voice of the child to all response officers.',
    successMeasure: 'Audit of 20 cases shows the child was spoken to alone.',
    targetDate: '2026-03-31',
    status: 'in_progress',
    brag: 'amber',
    bragReason: 'no update for 60 days',
    latestConfidence: 'at_risk',
    returned: null,
    version: 4,
    statusChanges: ['completed', 'withdrawn'],
    answeredAt: null,
    recentUpdates: [makeUpdate()],
    ...overrides,
  };
}

export function makeRespondView(overrides: Partial<RespondView> = {}): RespondView {
  return {
    partnershipName: 'Northshire Safeguarding Children Partnership',
    holder: { name: 'Sam Patel', email: 'sam.patel@police.example' },
    agency: { id: 1, name: 'West Midlands Police' },
    kind: 'chase',
    question: null,
    askedBy: 'Alex Morgan',
    askedAt: '2026-03-03T14:05:00.000Z',
    replyBy: '2026-03-17',
    expiresOn: '2026-03-31',
    evidenceMaxMegabytes: 20,
    actions: [makeRespondAction()],
    ...overrides,
  };
}
