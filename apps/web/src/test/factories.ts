import type { Action, Agency } from '@lrt/contracts';

export function makeAgency(overrides: Partial<Agency> = {}): Agency {
  return { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1, ...overrides };
}

export function makeAction(overrides: Partial<Action> = {}): Action {
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
    status: 'in_progress',
    brag: 'green',
    bragReason: 'on track',
    overdue: false,
    stale: false,
    lastUpdateAt: '2026-01-10T10:00:00.000Z',
    latestConfidence: 'on_track',
    evidenceOfImpact: null,
    withdrawnReason: null,
    themeIds: [],
    subgroupId: null,
    createdAt: '2025-06-01T09:00:00.000Z',
    updatedAt: '2026-01-10T10:00:00.000Z',
    version: 4,
    ...overrides,
  };
}
