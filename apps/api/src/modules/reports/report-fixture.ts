/**
 * A hand-built board assurance report for the renderers' tests: a small partnership's plan as at 31 March 2026,
 * with the awkward text real users write (ampersands, markup, quotes, curly punctuation, a long multi-line note and
 * a stray control character). `largeAssuranceReport` builds the biggest report the API will hand over.
 */
import type { AssuranceReport, ReportAction } from '@lrt/contracts';
import { REPORT_LIST_LIMIT, REPORT_SECTIONS } from '@lrt/contracts';

type Overrides = { [K in keyof AssuranceReport]?: AssuranceReport[K] };

export const AWKWARD = {
  agencyName: 'Children’s Services & Early Help <Team>',
  agencyShort: 'CS&EH <x>',
  action: 'Audit "Was Not Brought" <script>alert(1)</script> cases & re-train staff',
  note: 'Audit done – 14 of 15 files met standard.\nSecond line: “curly quotes” & <b>markup</b>\u0001 stray control.',
  theme: 'Neglect & “cumulative harm”',
} as const;

const LONG_NOTE = Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1} of the health visiting update: the audit of ${i + 3} files found consistent recording.`).join('\n');

let nextId = 1000;

function action(partial: Partial<ReportAction> & Pick<ReportAction, 'ref' | 'ownerAgency' | 'action'>): ReportAction {
  return {
    id: nextId++,
    reviewId: 1,
    reviewCode: 'LCSPR-2025-01',
    recommendationNumber: 1,
    targetDate: '2026-06-30',
    status: 'in_progress',
    brag: 'green',
    bragReason: 'on track',
    overdue: false,
    daysOverdue: 0,
    stale: false,
    latestNote: null,
    ...partial,
  };
}

export function sampleAssuranceReport(overrides: Overrides = {}): AssuranceReport {
  nextId = 1000;
  const police1 = action({
    ref: 'A1.1',
    ownerAgency: 'Northshire Police',
    action: 'Brief all response officers on recognising neglect at home visits',
    status: 'in_progress',
    brag: 'red',
    bragReason: 'overdue',
    targetDate: '2026-01-31',
    overdue: true,
    daysOverdue: 59,
    latestNote: { on: '2026-03-02T10:15:00Z', author: 'DI Sam O’Neill', text: 'Briefings delayed by winter demand; 40% of officers reached.', confidence: 'off_track' },
  });
  const health1 = action({
    ref: 'A1.2',
    ownerAgency: 'Northshire Community Health',
    action: 'Health visitors record every missed appointment as a safeguarding concern',
    status: 'completed',
    brag: 'blue',
    bragReason: 'completed',
    latestNote: { on: '2026-02-20T16:45:00Z', author: 'Priya Shah', text: LONG_NOTE, confidence: 'on_track' },
  });
  const cs1 = action({
    ref: 'A2.1',
    recommendationNumber: 2,
    ownerAgency: AWKWARD.agencyName,
    action: AWKWARD.action,
    status: 'in_progress',
    brag: 'amber',
    bragReason: 'stale',
    stale: true,
    targetDate: '2026-03-10',
    overdue: true,
    daysOverdue: 21,
    latestNote: { on: '2025-12-01T09:00:00Z', author: 'Jo "JJ" Jones', text: AWKWARD.note, confidence: 'at_risk' },
  });
  const edu1 = action({
    ref: 'A2.2',
    recommendationNumber: 2,
    ownerAgency: 'Northshire Schools',
    action: 'Designated safeguarding leads attend the neglect toolkit training',
    status: 'assured',
    brag: 'blue',
    bragReason: 'assured',
    targetDate: '2025-12-31',
  });
  const withdrawn = action({
    ref: 'A3.1',
    recommendationNumber: null,
    ownerAgency: 'Northshire Police',
    action: 'Review the missing-from-home protocol (superseded by the regional protocol)',
    status: 'withdrawn',
    brag: null,
    bragReason: 'withdrawn',
  });
  const added = action({
    ref: 'A4.1',
    reviewId: 2,
    reviewCode: 'RR-2026-03',
    recommendationNumber: 1,
    ownerAgency: 'Northshire Community Health',
    action: 'GP practices flag children on a child protection plan',
    status: 'not_started',
    brag: 'green',
    bragReason: 'not yet due',
    targetDate: '2026-09-30',
  });

  const report: AssuranceReport = {
    title: 'Board assurance report',
    partnershipName: 'Northshire Safeguarding Children Partnership',
    generatedAt: '2026-03-31T13:05:00Z',
    asAt: '2026-03-31',
    period: { from: '2025-04-01', to: '2026-03-31' },
    scope: { kind: 'partnership', id: null, name: 'Northshire Safeguarding Children Partnership' },
    sections: [...REPORT_SECTIONS],
    comparedWith: { snapshotId: 7, name: 'Board meeting, 15 January 2026', asAt: '2026-01-15' },
    totals: {
      actions: 6,
      byStatus: { not_started: 1, in_progress: 2, completed: 1, assured: 1, withdrawn: 1 },
      byBrag: { blue: 2, green: 1, amber: 1, red: 1, withdrawn: 1 },
      overdue: 2,
      stale: 1,
    },
    summary: [
      '6 actions are in scope as at 31 March 2026: 2 are overdue and 1 is stale.',
      'Since the board meeting of 15 January 2026, 1 action was assured & 1 became Red.',
    ],
    brag: {
      atStart: { blue: 0, green: 3, amber: 1, red: 0, withdrawn: 0 },
      atEnd: { blue: 2, green: 1, amber: 1, red: 1, withdrawn: 1 },
      change: { blue: 2, green: -2, amber: 0, red: 1, withdrawn: 1 },
    },
    agencies: [
      { agencyId: 1, name: 'Northshire Police', shortName: 'Police', actions: 2, byBrag: { blue: 0, green: 0, amber: 0, red: 1, withdrawn: 1 }, overdue: 1, percentDone: 0 },
      { agencyId: 2, name: 'Northshire Community Health', shortName: 'Health', actions: 2, byBrag: { blue: 1, green: 1, amber: 0, red: 0, withdrawn: 0 }, overdue: 0, percentDone: 50 },
      { agencyId: 3, name: AWKWARD.agencyName, shortName: AWKWARD.agencyShort, actions: 1, byBrag: { blue: 0, green: 0, amber: 1, red: 0, withdrawn: 0 }, overdue: 1, percentDone: 0 },
      { agencyId: 4, name: 'Northshire Schools', shortName: 'Schools', actions: 1, byBrag: { blue: 1, green: 0, amber: 0, red: 0, withdrawn: 0 }, overdue: 0, percentDone: 100 },
    ],
    recommendations: {
      items: [
        {
          recommendationId: 11,
          reviewId: 1,
          reviewCode: 'LCSPR-2025-01',
          number: 1,
          text: 'Agencies should recognise the cumulative impact of neglect & act on missed health appointments.',
          actions: [
            { ...police1, evidence: [] },
            { ...health1, evidence: [{ label: 'Audit report (February 2026).pdf', url: null, fileId: 31 }] },
          ],
        },
        {
          recommendationId: 12,
          reviewId: 1,
          reviewCode: 'LCSPR-2025-01',
          number: 2,
          text: 'The partnership should assure itself that “Was Not Brought” guidance is used.',
          actions: [
            { ...cs1, evidence: [{ label: 'Audit <summary> & findings', url: 'https://example.org/a?x=1&y=2', fileId: null }] },
            { ...edu1, evidence: [] },
          ],
        },
        { recommendationId: null, reviewId: 1, reviewCode: 'LCSPR-2025-01', number: null, text: '', actions: [{ ...withdrawn, evidence: [] }] },
      ],
      notListed: 0,
    },
    overdue: { items: [police1, cs1], notListed: 0 },
    revisedDates: {
      items: [
        {
          actionId: police1.id,
          ref: 'A1.1',
          ownerAgency: 'Northshire Police',
          from: '2025-12-31',
          to: '2026-01-31',
          reason: 'Training capacity & the force’s “winter plan”',
          decidedBy: 'Business unit',
          on: '2025-12-15T11:00:00Z',
        },
      ],
      notListed: 0,
    },
    completed: {
      items: [
        {
          ...health1,
          completedOn: '2026-02-20',
          assuredOn: null,
          evidenceOfImpact: null,
          evidence: [{ label: 'Audit report (February 2026).pdf', url: null, fileId: 31 }],
        },
        {
          ...edu1,
          completedOn: '2025-12-12',
          assuredOn: '2026-01-20',
          evidenceOfImpact: 'Referrals from schools citing neglect rose from 12 to 19 a term; DSLs say the toolkit “made the difference”.',
          evidence: [],
        },
      ],
      notListed: 0,
    },
    changes: {
      moved: [
        { actionId: police1.id, ref: 'A1.1', ownerAgency: 'Northshire Police', fromStatus: 'in_progress', toStatus: 'in_progress', fromBrag: 'amber', toBrag: 'red' },
        { actionId: edu1.id, ref: 'A2.2', ownerAgency: 'Northshire Schools', fromStatus: 'completed', toStatus: 'assured', fromBrag: 'blue', toBrag: 'blue' },
      ],
      newlyOverdue: [cs1],
      assured: [edu1],
      withdrawn: [withdrawn],
      added: [added],
      notListed: 0,
    },
    themes: {
      themes: [
        { id: 1, name: AWKWARD.theme, reviewCount: 2, actions: 4 },
        { id: 2, name: 'Professional curiosity', reviewCount: 1, actions: 2 },
      ],
      reviews: [
        { id: 1, code: 'LCSPR-2025-01' },
        { id: 2, code: 'RR-2026-03' },
      ],
      cells: [
        { themeId: 1, reviewId: 1, actions: 3 },
        { themeId: 1, reviewId: 2, actions: 1 },
        { themeId: 2, reviewId: 1, actions: 2 },
      ],
    },
    timeliness: [
      {
        reviewId: 1,
        code: 'LCSPR-2025-01',
        title: 'Child F: neglect & missed appointments',
        type: 'lcspr',
        stage: 'published',
        notifiedOn: '2025-02-03',
        rapidReviewDueOn: '2025-02-17',
        rapidReviewOn: '2025-02-20',
        rapidReviewLate: true,
        startedOn: '2025-03-01',
        reviewDueOn: '2025-08-01',
        publishedOn: '2025-07-28',
        reviewLate: false,
      },
      {
        reviewId: 2,
        code: 'RR-2026-03',
        title: 'Child G',
        type: 'rapid_review',
        stage: 'rapid_review',
        notifiedOn: '2026-03-02',
        rapidReviewDueOn: '2026-03-16',
        rapidReviewOn: '2026-03-13',
        rapidReviewLate: false,
        startedOn: null,
        reviewDueOn: null,
        publishedOn: null,
        reviewLate: null,
      },
    ],
  };
  return { ...report, ...overrides };
}

/**
 * The largest report the API builds: 150 agencies and every list at the listing limit (500), with more not listed.
 */
export function largeAssuranceReport(agencyCount = 150, perSection = REPORT_LIST_LIMIT): AssuranceReport {
  const base = sampleAssuranceReport();
  const agencies = Array.from({ length: agencyCount }, (_, i) => {
    const red = i % 4;
    const amber = (i * 3) % 5;
    const green = 10 + (i % 7);
    const blue = i % 3;
    const withdrawnCount = i % 2;
    return {
      agencyId: 100 + i,
      name: `Agency number ${i + 1} & partners`,
      shortName: `Agency ${i + 1}`,
      actions: red + amber + green + blue + withdrawnCount + (i < 10 ? 40 : 0),
      byBrag: { blue, green: green + (i < 10 ? 40 : 0), amber, red, withdrawn: withdrawnCount },
      overdue: red,
      percentDone: Math.round((blue / (red + amber + green + blue)) * 100),
    };
  });
  const actions = Array.from({ length: perSection }, (_, i) =>
    action({
      ref: `L${i + 1}`,
      reviewId: 1 + (i % 20),
      reviewCode: `LCSPR-2025-${String(1 + (i % 20)).padStart(2, '0')}`,
      recommendationNumber: 1 + (i % 5),
      ownerAgency: `Agency number ${1 + (i % agencyCount)} & partners`,
      action: `Action ${i + 1}: agree and test the escalation route for concerns about neglect with every team`,
      status: i % 5 === 0 ? 'not_started' : 'in_progress',
      brag: (['red', 'amber', 'green', 'blue'] as const)[i % 4],
      overdue: i % 4 === 0,
      daysOverdue: i % 4 === 0 ? 10 + (i % 90) : 0,
      latestNote: { on: '2026-03-01T10:00:00Z', author: 'Agency lead', text: `Update ${i + 1}: on plan, two teams left to brief.`, confidence: 'on_track' },
    }),
  );
  const byRecommendation = new Map<string, ReportAction[]>();
  for (const a of actions) {
    const key = `${a.reviewCode}#${a.recommendationNumber}`;
    byRecommendation.set(key, [...(byRecommendation.get(key) ?? []), a]);
  }
  const total = agencies.reduce((n, a) => n + a.actions, 0);
  return {
    ...base,
    totals: { ...base.totals, actions: total },
    agencies,
    recommendations: {
      items: [...byRecommendation.entries()].map(([key, list], i) => ({
        recommendationId: i + 1,
        reviewId: list[0]!.reviewId,
        reviewCode: list[0]!.reviewCode,
        number: list[0]!.recommendationNumber,
        text: `Recommendation ${key}: agencies should make sure concerns about neglect are escalated and acted on.`,
        actions: list.map((a) => ({ ...a, evidence: [{ label: `Evidence for ${a.ref}`, url: null, fileId: a.id }] })),
      })),
      notListed: 1200,
    },
    overdue: { items: actions.filter((a) => a.overdue).concat(actions.filter((a) => !a.overdue)).slice(0, perSection), notListed: 300 },
    revisedDates: {
      items: actions.map((a) => ({
        actionId: a.id,
        ref: a.ref,
        ownerAgency: a.ownerAgency,
        from: '2025-12-31',
        to: '2026-06-30',
        reason: 'Capacity in the training team over the winter',
        decidedBy: 'Business unit',
        on: '2026-01-10T10:00:00Z',
      })),
      notListed: 20,
    },
    completed: {
      items: actions.map((a) => ({ ...a, status: 'completed' as const, completedOn: '2026-02-01', assuredOn: null, evidenceOfImpact: 'Staff survey shows confidence rose.', evidence: [] })),
      notListed: 40,
    },
    changes: { ...base.changes, added: actions, notListed: 100 },
  };
}
