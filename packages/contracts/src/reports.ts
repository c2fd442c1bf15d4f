import { z } from 'zod';
import { CalendarDate, Id, Instant, requiredText } from './common';
import { ActionStatus, Brag, Confidence, ReviewStage, ReviewType } from './enums';
import { BragCounts, StatusCounts } from './dashboard';
import { REPORT_FORMATS, REPORT_SECTIONS } from './constants';
export { REPORT_FORMATS, REPORT_LIST_LIMIT, REPORT_SECTIONS, REPORT_SECTION_TITLES, type ReportSection } from './constants';

export const ReportSectionName = z.enum(REPORT_SECTIONS);

const SectionList = z
  .union([z.array(ReportSectionName), ReportSectionName])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .or(
    z
      .string()
      .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(ReportSectionName)),
  );

export const AssuranceReportQuery = z.object({
  reviewId: Id.optional(),
  subgroupId: Id.optional(),
  agencyId: Id.optional(),
  /** The period the report covers (BRAG change, completions, revisions): by default the twelve months to `to`. */
  from: CalendarDate.optional(),
  /** The end of the period: by default the as-at date. */
  to: CalendarDate.optional(),
  /** The plan as it stood at the end of this day (London); by default today. */
  asAt: CalendarDate.optional(),
  /** A board snapshot's id: the report then says what moved since it. */
  compareTo: Id.optional(),
  format: z.enum(REPORT_FORMATS).default('json'),
  /** The sections to include (repeat, or comma-separated); by default every one. */
  sections: SectionList.optional(),
});
export type AssuranceReportQuery = z.input<typeof AssuranceReportQuery>;
export type ParsedAssuranceReportQuery = z.output<typeof AssuranceReportQuery>;

/** An id in a response body. */
const RowId = z.number().int();

export const ReportScopeKind = z.enum(['partnership', 'review', 'subgroup', 'agency']);

export const ReportNote = z.object({
  on: Instant,
  author: z.string(),
  text: z.string(),
  confidence: Confidence.nullable(),
});

export const ReportEvidence = z.object({ label: z.string(), url: z.string().nullable(), fileId: z.number().int().nullable() });

/** An action as the report shows it: its state as at the report's date. */
export const ReportAction = z.object({
  id: RowId,
  ref: z.string(),
  reviewId: RowId,
  reviewCode: z.string(),
  recommendationNumber: z.number().int().nullable(),
  ownerAgency: z.string(),
  action: z.string(),
  targetDate: CalendarDate.nullable(),
  status: ActionStatus,
  brag: Brag.nullable(),
  bragReason: z.string(),
  overdue: z.boolean(),
  /** Whole days past the target date, as at the report's date; 0 unless overdue. */
  daysOverdue: z.number().int(),
  stale: z.boolean(),
  latestNote: ReportNote.nullable(),
});
export type ReportAction = z.infer<typeof ReportAction>;

const Truncation = { notListed: z.number().int() };

export const BragTally = BragCounts.extend({ withdrawn: z.number().int() });

export const AssuranceReport = z.object({
  title: z.string(),
  partnershipName: z.string(),
  generatedAt: Instant,
  asAt: CalendarDate,
  period: z.object({ from: CalendarDate, to: CalendarDate }),
  scope: z.object({ kind: ReportScopeKind, id: RowId.nullable(), name: z.string() }),
  sections: z.array(ReportSectionName),
  comparedWith: z.object({ snapshotId: RowId.nullable(), name: z.string(), asAt: CalendarDate }),
  /** Always present: the figures the summary speaks of. */
  totals: z.object({
    actions: z.number().int(),
    byStatus: StatusCounts,
    byBrag: BragTally,
    overdue: z.number().int(),
    stale: z.number().int(),
  }),
  summary: z.array(z.string()),
  brag: z.object({
    /** As at the end of the day before the period began, and as at the report's date. */
    atStart: BragTally,
    atEnd: BragTally,
    change: BragTally,
  }),
  agencies: z.array(
    z.object({
      agencyId: RowId,
      name: z.string(),
      shortName: z.string(),
      actions: z.number().int(),
      byBrag: BragTally,
      overdue: z.number().int(),
      /** Completed or assured, as a whole percentage of its actions that are not withdrawn. */
      percentDone: z.number().int(),
    }),
  ),
  recommendations: z.object({
    items: z.array(
      z.object({
        recommendationId: RowId.nullable(),
        reviewId: RowId,
        reviewCode: z.string(),
        number: z.number().int().nullable(),
        text: z.string(),
        actions: z.array(ReportAction.extend({ evidence: z.array(ReportEvidence) })),
      }),
    ),
    ...Truncation,
  }),
  overdue: z.object({ items: z.array(ReportAction), ...Truncation }),
  revisedDates: z.object({
    items: z.array(
      z.object({
        actionId: RowId,
        ref: z.string(),
        ownerAgency: z.string(),
        from: CalendarDate.nullable(),
        to: CalendarDate.nullable(),
        reason: z.string(),
        decidedBy: z.string(),
        on: Instant,
      }),
    ),
    ...Truncation,
  }),
  completed: z.object({
    items: z.array(
      ReportAction.extend({
        completedOn: CalendarDate.nullable(),
        assuredOn: CalendarDate.nullable(),
        evidenceOfImpact: z.string().nullable(),
        evidence: z.array(ReportEvidence),
      }),
    ),
    ...Truncation,
  }),
  changes: z.object({
    moved: z.array(
      z.object({
        actionId: RowId,
        ref: z.string(),
        ownerAgency: z.string(),
        fromStatus: ActionStatus,
        toStatus: ActionStatus,
        fromBrag: Brag.nullable(),
        toBrag: Brag.nullable(),
      }),
    ),
    newlyOverdue: z.array(ReportAction),
    assured: z.array(ReportAction),
    withdrawn: z.array(ReportAction),
    added: z.array(ReportAction),
    ...Truncation,
  }),
  themes: z.object({
    themes: z.array(z.object({ id: RowId, name: z.string(), reviewCount: z.number().int(), actions: z.number().int() })),
    reviews: z.array(z.object({ id: RowId, code: z.string() })),
    /** Actions tagged with each theme in each review (only cells with at least one). */
    cells: z.array(z.object({ themeId: RowId, reviewId: RowId, actions: z.number().int() })),
  }),
  timeliness: z.array(
    z.object({
      reviewId: RowId,
      code: z.string(),
      title: z.string(),
      type: ReviewType,
      stage: ReviewStage,
      notifiedOn: CalendarDate.nullable(),
      rapidReviewDueOn: CalendarDate.nullable(),
      rapidReviewOn: CalendarDate.nullable(),
      /** Null while not yet due and not done: neither on time nor late yet. */
      rapidReviewLate: z.boolean().nullable(),
      startedOn: CalendarDate.nullable(),
      reviewDueOn: CalendarDate.nullable(),
      publishedOn: CalendarDate.nullable(),
      reviewLate: z.boolean().nullable(),
    }),
  ),
});
export type AssuranceReport = z.infer<typeof AssuranceReport>;

/** A board snapshot: the plan frozen as at a board meeting, under a name. Immutable once taken. */
export const SnapshotCreate = z.strictObject({
  name: requiredText(120),
  asAt: CalendarDate,
});
export type SnapshotCreate = z.infer<typeof SnapshotCreate>;

export const Snapshot = z.object({
  id: RowId,
  name: z.string(),
  asAt: CalendarDate,
  createdAt: Instant,
  createdBy: z.string(),
  actions: z.number().int(),
  byBrag: BragTally,
  overdue: z.number().int(),
});
export type Snapshot = z.infer<typeof Snapshot>;
export const SnapshotList = z.object({ items: z.array(Snapshot), nextCursor: z.string().nullable() });
