import type { ActionTotals, Dashboard, ProgressUpdate } from '@lrt/contracts';

/** Test data only: a dashboard's counts as the API sends them. */
export function makeTotals(overrides: Partial<ActionTotals> = {}): ActionTotals {
  return {
    actions: 20,
    byStatus: { not_started: 3, in_progress: 9, completed: 2, assured: 5, withdrawn: 1 },
    byBrag: { blue: 5, green: 7, amber: 4, red: 3 },
    overdue: 2,
    stale: 4,
    dueSoon: 1,
    ...overrides,
  };
}

export function makeDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const months = Array.from({ length: 24 }, (_, index) => {
    const date = new Date(Date.UTC(2024, 3 + index, 1));
    return { month: date.toISOString().slice(0, 7), open: 10 + index, completed: index % 4, assured: Math.floor(index / 2) };
  });
  return {
    asAt: '2026-03-03T10:00:00.000Z',
    totals: makeTotals(),
    byAgency: [
      {
        agencyId: 3,
        name: 'West Midlands Police',
        shortName: 'WMP',
        ...makeTotals({ actions: 8, overdue: 1 }),
        leads: [{ name: 'DI Sam Patel', email: 'sam.patel@police.example' }],
      },
      { agencyId: 5, name: 'Sandwell Children’s Trust', shortName: 'SCT', ...makeTotals({ actions: 6, overdue: 0 }), leads: [] },
    ],
    byReview: [{ reviewId: 2, code: 'SD-2022', title: 'Learning from the review of SD', ...makeTotals() }],
    reviewCount: 1,
    trend: months,
    ...overrides,
  };
}

export function makeProgressUpdate(overrides: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    id: 40,
    actionId: 7,
    authorName: 'Sam Patel',
    agencyId: 1,
    createdAt: '2026-02-20T09:00:00.000Z',
    kind: 'progress',
    postedAs: 'agency',
    note: 'Briefings delivered to all response teams; audit booked for April.',
    confidence: 'on_track',
    statusChange: null,
    evidence: [{ label: 'Briefing attendance', url: 'https://intranet.example/briefings' }],
    evidenceOfImpact: null,
    question: null,
    replyBy: null,
    reason: null,
    importedFrom: null,
    ...overrides,
  };
}
