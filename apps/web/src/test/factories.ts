import type { Action, Agency, Capabilities, Me, User } from '@lrt/contracts';
import { STATUS_TRANSITIONS } from '@/lib/contract-constants';

export function makeAgency(overrides: Partial<Agency> = {}): Agency {
  return { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, seniorContactName: null, seniorContactEmail: null, version: 1, ...overrides };
}

/**
 * An action as the API sends it. Unless given, its permissions are those of the business unit: it may edit it,
 * post on it (on behalf of its owner agency) or comment, and make every status change the workflow allows from
 * its status.
 */
export function makeAction(overrides: Partial<Action> = {}): Action {
  const status = overrides.status ?? 'in_progress';
  return {
    id: 7,
    ref: 'SD-2022/A3',
    reviewId: 3,
    recommendationId: null,
    kind: 'single_agency',
    ownerAgencyId: 1,
    partnerAgencyIds: [],
    learningNeed: 'Officers did not hear the voice of the child.',
    action: 'Deliver briefings on the voice of the child to all response officers.',
    successMeasure: 'Audit of 20 cases shows the child was spoken to alone.',
    targetDate: '2026-03-31',
    targetDateHistory: [{ targetDate: '2026-03-31', from: null, reason: null, decidedBy: null, on: '2025-06-01T09:00:00.000Z' }],
    pendingTargetDateRequest: null,
    status,
    returned: null,
    brag: 'green',
    bragReason: 'on track',
    overdue: false,
    stale: false,
    dueSoon: false,
    lastUpdateAt: '2026-01-10T10:00:00.000Z',
    latestConfidence: 'on_track',
    latestUpdate: null,
    evidenceOfImpact: null,
    withdrawnReason: null,
    themeIds: [],
    subgroupId: null,
    createdAt: '2025-06-01T09:00:00.000Z',
    updatedAt: '2026-01-10T10:00:00.000Z',
    version: 4,
    permissions: {
      canEdit: true,
      canPostUpdate: true,
      canComment: true,
      statusChanges: [...STATUS_TRANSITIONS[status]],
      agencyIds: [overrides.ownerAgencyId ?? 1],
      canDecideAssurance: status === 'completed',
      proposedCompletion: false,
      canRequestTargetDate: false,
      canDecideTargetDate: status === 'not_started' || status === 'in_progress',
    },
    ...overrides,
  };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 2,
    email: 'alex.morgan@partnership.example',
    name: 'Alex Morgan',
    roles: ['admin'],
    agencyIds: [],
    subgroupIds: [],
    active: true,
    lastSignInAt: '2026-03-01T09:00:00.000Z',
    mustChangePassword: false,
    secondFactorEnabledAt: null,
    version: 1,
    ...overrides,
  };
}

const ALL_CAPABILITIES: Capabilities = {
  managePlans: true,
  manageReferenceData: true,
  manageUsers: true,
  manageSettings: true,
  readAudit: true,
  postUpdates: true,
  assureActions: true,
  chase: true,
};

/** The signed-in session: by default the business unit, who may do everything. */
export function makeMe(user: Partial<User> = {}, capabilities: Partial<Capabilities> = {}, session: Partial<Pick<Me, 'mustChangePassword' | 'secondFactor'>> = {}): Me {
  return {
    user: makeUser(user),
    csrfToken: 'csrf-token-of-the-session',
    capabilities: { ...ALL_CAPABILITIES, ...capabilities },
    mustChangePassword: false,
    secondFactor: { enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 },
    ...session,
  };
}

/** An agency lead of West Midlands Police, as the API describes them. */
export function makeAgencyLeadMe(user: Partial<User> = {}): Me {
  return makeMe(
    { id: 5, name: 'Sam Patel', email: 'sam.patel@police.example', roles: ['agency_lead'], agencyIds: [1], ...user },
    { managePlans: false, manageReferenceData: false, manageUsers: false, manageSettings: false, readAudit: false, assureActions: false, chase: false },
  );
}
