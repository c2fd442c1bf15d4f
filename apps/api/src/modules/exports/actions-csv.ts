import { LABELS, type Action } from '@lrt/contracts';
import { agencies, recommendations, reviews, subgroups, themes, type Db } from '@lrt/db';

/** A spreadsheet must not run what a cell says: text that starts like a formula is shown as text. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | boolean | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const ACTION_CSV_HEADINGS = [
  'Ref',
  'Review',
  'Recommendation',
  'Kind',
  'Owner agency',
  'Partner agencies',
  'Identified learning need',
  'Action to be taken',
  'Measure of success',
  'Target date',
  'Original target date',
  'Target date revisions',
  'Status',
  'BRAG',
  'BRAG reason',
  'Overdue',
  'Stale',
  'Last update',
  'Latest confidence',
  'Evidence of impact',
  'Withdrawn because',
  'Themes',
  'Subgroup',
];

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

/** Turns actions into CSV rows with names people read, looked up once per export. */
export function actionCsvWriter(db: Db) {
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const agencyNames = byId(db.select({ id: agencies.id, shortName: agencies.shortName }).from(agencies).all());
  const reviewCodes = byId(db.select({ id: reviews.id, code: reviews.code }).from(reviews).all());
  const recommendationNumbers = byId(db.select({ id: recommendations.id, number: recommendations.number }).from(recommendations).all());
  const themeNames = byId(db.select({ id: themes.id, name: themes.name }).from(themes).all());
  const subgroupNames = byId(db.select({ id: subgroups.id, name: subgroups.name }).from(subgroups).all());
  return (a: Action) =>
    csvLine([
      a.ref,
      reviewCodes.get(a.reviewId)?.code,
      a.recommendationId ? `Recommendation ${recommendationNumbers.get(a.recommendationId)?.number ?? ''}` : '',
      LABELS.actionKind[a.kind],
      agencyNames.get(a.ownerAgencyId)?.shortName,
      a.partnerAgencyIds.map((id) => agencyNames.get(id)?.shortName).join('; '),
      a.learningNeed,
      a.action,
      a.successMeasure,
      a.targetDate,
      a.targetDateHistory[0]?.targetDate,
      describeTargetDateRevisions(a.targetDateHistory),
      LABELS.actionStatus[a.status],
      a.brag ? LABELS.brag[a.brag] : 'None',
      a.bragReason,
      a.overdue ? 'Yes' : 'No',
      a.stale ? 'Yes' : 'No',
      a.lastUpdateAt?.slice(0, 10),
      a.latestConfidence ? LABELS.confidence[a.latestConfidence] : '',
      a.evidenceOfImpact,
      a.withdrawnReason,
      a.themeIds.map((id) => themeNames.get(id)?.name).join('; '),
      a.subgroupId ? subgroupNames.get(a.subgroupId)?.name : '',
    ]);
}
