import { asc, eq } from 'drizzle-orm';
import { LABELS, PLAN_COLUMNS, type Action } from '@lrt/contracts';
import { londonToday } from '@lrt/domain';
import { agencies, learningPoints, recommendationLearningPoints, recommendations, reviews, subgroups, themes, type Db } from '@lrt/db';

/**
 * One cell of the plan as both exports write it: text, a number (the version), a day (a `Date` at UTC midnight,
 * which the XLSX writes as a date cell and the CSV as YYYY-MM-DD), or nothing.
 */
export type PlanCell = string | number | Date | null;

/** Text a spreadsheet would run as a formula (or that hides a tab or carriage return) starts with these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A spreadsheet must not run what a cell says: text that starts like a formula is shown as text, after a `'`. */
export const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** A calendar day (YYYY-MM-DD) as a cell: midnight UTC, so Excel's serial number is the whole day. */
export const dayCell = (day: string | null | undefined): Date | null => (day ? new Date(`${day}T00:00:00.000Z`) : null);

/** A day cell as the CSV writes it. */
export const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** A day as people in the partnership write it: 31/01/2027. */
const ukDate = (date: string | null) => (date ? date.split('-').reverse().join('/') : 'no date');

/**
 * Each revision of the target date, oldest first, with its reason: "31/01/2027 from 26/11/2026 (staff sickness)".
 * The history's first entry is the original date, which has its own column.
 */
export function describeTargetDateRevisions(history: Action['targetDateHistory']): string {
  return history
    .slice(1)
    .map((entry) => `${ukDate(entry.targetDate)} from ${ukDate(entry.from)} (${entry.reason ?? ''})`)
    .join('; ');
}

/** The names an export writes instead of ids, read once per export. */
export interface PlanNames {
  agencyShortNames: Map<number, string>;
  reviewCodes: Map<number, string>;
  recommendationNumbers: Map<number, number>;
  /** The numbers of the learning points each recommendation answers, in order. */
  learningPointNumbers: Map<number, number[]>;
  themeNames: Map<number, string>;
  subgroupNames: Map<number, string>;
}

export async function loadPlanNames(db: Db): Promise<PlanNames> {
  const pairs = <K, V>(rows: { id: K; value: V }[]) => new Map(rows.map((r) => [r.id, r.value]));
  const learningPointNumbers = new Map<number, number[]>();
  const links = await db
    .select({ recommendationId: recommendationLearningPoints.recommendationId, number: learningPoints.number })
    .from(recommendationLearningPoints)
    .innerJoin(learningPoints, eq(learningPoints.id, recommendationLearningPoints.learningPointId))
    .orderBy(asc(recommendationLearningPoints.recommendationId), asc(learningPoints.number));
  for (const link of links) {
    const numbers = learningPointNumbers.get(link.recommendationId) ?? [];
    numbers.push(link.number);
    learningPointNumbers.set(link.recommendationId, numbers);
  }
  return {
    agencyShortNames: pairs(await db.select({ id: agencies.id, value: agencies.shortName }).from(agencies)),
    reviewCodes: pairs(await db.select({ id: reviews.id, value: reviews.code }).from(reviews)),
    recommendationNumbers: pairs(await db.select({ id: recommendations.id, value: recommendations.number }).from(recommendations)),
    learningPointNumbers,
    themeNames: pairs(await db.select({ id: themes.id, value: themes.name }).from(themes)),
    subgroupNames: pairs(await db.select({ id: subgroups.id, value: subgroups.name }).from(subgroups)),
  };
}

/** How a learning point is named in a cell: "KLP 2", as the import reads it back. */
export const learningPointLabel = (number: number) => `KLP ${number}`;
export const recommendationLabel = (number: number) => `Recommendation ${number}`;

const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

/** Each column's cell, by heading. The one place an action becomes a row of either export. */
const CELLS: Readonly<Record<string, (action: Action, names: PlanNames) => PlanCell>> = {
  Ref: (a) => a.ref,
  Review: (a, n) => n.reviewCodes.get(a.reviewId) ?? null,
  Recommendation: (a, n) => {
    const number = a.recommendationId === null ? undefined : n.recommendationNumbers.get(a.recommendationId);
    return number === undefined ? null : recommendationLabel(number);
  },
  'Key learning point': (a, n) =>
    a.recommendationId === null ? null : (n.learningPointNumbers.get(a.recommendationId) ?? []).map(learningPointLabel).join('; ') || null,
  Kind: (a) => LABELS.actionKind[a.kind],
  'Owner agency': (a, n) => n.agencyShortNames.get(a.ownerAgencyId) ?? null,
  'Partner agencies': (a, n) => a.partnerAgencyIds.map((id) => n.agencyShortNames.get(id) ?? '').join('; ') || null,
  'Identified learning need': (a) => a.learningNeed,
  'Action to be taken': (a) => a.action,
  'Measure of success': (a) => a.successMeasure || null,
  'Target date': (a) => dayCell(a.targetDate),
  'Original target date': (a) => dayCell(a.targetDateHistory[0]?.targetDate),
  'Target date revisions': (a) => describeTargetDateRevisions(a.targetDateHistory) || null,
  // Written by whoever edits the file, when they change the target date; the tracker keeps reasons in the revisions.
  'Reason for a new target date': () => null,
  Status: (a) => LABELS.actionStatus[a.status],
  BRAG: (a) => (a.brag ? LABELS.brag[a.brag] : 'None'),
  'BRAG reason': (a) => a.bragReason || null,
  Overdue: (a) => yesNo(a.overdue),
  Stale: (a) => yesNo(a.stale),
  'Last update': (a) => dayCell(a.lastUpdateAt ? londonToday(new Date(a.lastUpdateAt)) : null),
  'Latest progress note': (a) => a.latestUpdate?.note || null,
  'Latest confidence': (a) => (a.latestConfidence ? LABELS.confidence[a.latestConfidence] : null),
  // Left for the editor: evidence links and lead officers are written in by hand and read by the import.
  Evidence: () => null,
  'Lead officer': () => null,
  'Evidence of impact': (a) => a.evidenceOfImpact || null,
  'Withdrawn because': (a) => a.withdrawnReason || null,
  Themes: (a, n) => a.themeIds.map((id) => n.themeNames.get(id) ?? '').join('; ') || null,
  Subgroup: (a, n) => (a.subgroupId === null ? null : (n.subgroupNames.get(a.subgroupId) ?? null)),
  Version: (a) => a.version,
};

const CELL_OF_COLUMN = PLAN_COLUMNS.map((column) => {
  const cell = CELLS[column.heading];
  if (!cell) throw new Error(`The plan column "${column.heading}" has no cell in the export`);
  return cell;
});

export const PLAN_HEADINGS = PLAN_COLUMNS.map((column) => column.heading);

/** An action's cells in the order of PLAN_COLUMNS, text neutralised; numbers and days stay typed. */
export function planCells(action: Action, names: PlanNames): PlanCell[] {
  return CELL_OF_COLUMN.map((cell) => {
    const value = cell(action, names);
    return typeof value === 'string' ? neutralise(value) : value;
  });
}
