import { AssuranceReport, REPORT_SECTIONS, Snapshot, type ReportAction } from '@lrt/contracts';

/** An action as the report lists it: SD-2022/A3 of West Midlands Police, red and overdue by 41 days. */
export function makeReportAction(overrides: Partial<ReportAction> = {}): ReportAction {
  return {
    id: 7,
    ref: 'SD-2022/A3',
    reviewId: 3,
    reviewCode: 'SD-2022',
    recommendationNumber: 2,
    ownerAgency: 'West Midlands Police',
    action: 'Deliver briefings on the voice of the child to all response officers.',
    targetDate: '2026-01-31',
    status: 'in_progress',
    brag: 'red',
    bragReason: 'overdue since 31 January 2026',
    overdue: true,
    daysOverdue: 41,
    stale: false,
    latestNote: { on: '2026-02-20T10:00:00.000Z', author: 'Sam Patel', text: 'Half of the teams are briefed.', confidence: 'at_risk' },
    ...overrides,
  };
}

const tally = (red: number, amber: number, green: number, blue: number, withdrawn = 0) => ({ red, amber, green, blue, withdrawn });

/**
 * A whole-partnership report with something in every section, checked against the contract's schema so the tests
 * render what the API may really send.
 */
export function makeReport(overrides: Partial<AssuranceReport> = {}): AssuranceReport {
  const overdue = makeReportAction();
  const assured = makeReportAction({
    id: 9,
    ref: 'SD-2022/A5',
    status: 'assured',
    brag: 'blue',
    bragReason: 'assured',
    overdue: false,
    daysOverdue: 0,
    latestNote: null,
  });
  const report: AssuranceReport = {
    title: 'Board assurance report',
    partnershipName: 'Northshire Safeguarding Children Partnership',
    generatedAt: '2026-03-13T09:30:00.000Z',
    asAt: '2026-03-13',
    period: { from: '2025-04-01', to: '2026-03-13' },
    scope: { kind: 'partnership', id: null, name: 'The whole partnership' },
    sections: [...REPORT_SECTIONS],
    comparedWith: { snapshotId: 4, name: 'Board, 12 December 2025', asAt: '2025-12-12' },
    totals: {
      actions: 12,
      byStatus: { not_started: 2, in_progress: 6, completed: 1, assured: 2, withdrawn: 1 },
      byBrag: tally(3, 4, 2, 2, 1),
      overdue: 3,
      stale: 2,
    },
    summary: ['Twelve actions are in scope; three are overdue.', 'Two actions were assured in the period.'],
    brag: { atStart: tally(1, 5, 3, 0, 0), atEnd: tally(3, 4, 2, 2, 1), change: tally(2, -1, -1, 2, 1) },
    agencies: [
      { agencyId: 1, name: 'West Midlands Police', shortName: 'WMP', actions: 7, byBrag: tally(3, 2, 1, 1, 0), overdue: 3, percentDone: 14 },
      { agencyId: 2, name: 'Northshire Primary School', shortName: 'NPS', actions: 5, byBrag: tally(0, 2, 1, 1, 1), overdue: 0, percentDone: 25 },
    ],
    recommendations: {
      items: [
        {
          recommendationId: 11,
          reviewId: 3,
          reviewCode: 'SD-2022',
          number: 2,
          text: 'Agencies should make sure the child is seen and heard.',
          actions: [{ ...overdue, evidence: [{ label: 'Briefing slides', url: null, fileId: 55 }, { label: 'Training log', url: 'https://intranet.example/log', fileId: null }] }],
        },
      ],
      notListed: 3,
    },
    overdue: { items: [overdue], notListed: 0 },
    revisedDates: {
      items: [
        {
          actionId: 7,
          ref: 'SD-2022/A3',
          ownerAgency: 'West Midlands Police',
          from: '2025-12-31',
          to: '2026-01-31',
          reason: 'Training venue cancelled',
          decidedBy: 'Alex Morgan',
          on: '2025-12-15T12:00:00.000Z',
        },
      ],
      notListed: 0,
    },
    completed: {
      items: [
        {
          ...assured,
          completedOn: '2026-01-10',
          assuredOn: '2026-02-02',
          evidenceOfImpact: 'An audit of 20 cases found the child was seen alone in 19.',
          evidence: [{ label: 'Audit report', url: null, fileId: 61 }],
        },
      ],
      notListed: 0,
    },
    changes: {
      moved: [{ actionId: 7, ref: 'SD-2022/A3', ownerAgency: 'West Midlands Police', fromStatus: 'in_progress', toStatus: 'in_progress', fromBrag: 'amber', toBrag: 'red' }],
      newlyOverdue: [overdue],
      assured: [assured],
      withdrawn: [],
      added: [],
      notListed: 0,
    },
    themes: {
      themes: [{ id: 1, name: 'Voice of the child', reviewCount: 2, actions: 5 }],
      reviews: [
        { id: 3, code: 'SD-2022' },
        { id: 4, code: 'R-2023' },
      ],
      cells: [
        { themeId: 1, reviewId: 3, actions: 3 },
        { themeId: 1, reviewId: 4, actions: 2 },
      ],
    },
    timeliness: [
      {
        reviewId: 3,
        code: 'SD-2022',
        title: 'Child SD',
        type: 'lcspr',
        stage: 'published',
        notifiedOn: '2022-01-10',
        rapidReviewDueOn: '2022-01-31',
        rapidReviewOn: '2022-02-14',
        rapidReviewLate: true,
        startedOn: '2022-03-01',
        reviewDueOn: '2022-09-01',
        publishedOn: '2022-08-20',
        reviewLate: false,
      },
    ],
    ...overrides,
  };
  return AssuranceReport.parse(report);
}

export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return Snapshot.parse({
    id: 4,
    name: 'Board, 12 December 2025',
    asAt: '2025-12-12',
    createdAt: '2025-12-11T16:00:00.000Z',
    createdBy: 'Alex Morgan',
    actions: 11,
    byBrag: tally(1, 5, 3, 1, 1),
    overdue: 2,
    ...overrides,
  });
}
