import type { ActionKind, FieldError, ReviewActionsCreateInput } from '@lrt/contracts';
import { parseTargetDate } from './target-date';

/**
 * The rows of the plan-entry form, one action each, as the form holds them; how they become the body of
 * `POST /api/reviews/:id/actions`; and where each error (the form's own, the shared schema's, the API's
 * `actions.<i>.<field>`) goes. No zod here: the schema loads apart from the page.
 */
export interface PlanRow {
  /** Stable while rows are added and removed: field ids are built from it, never from the row's position. */
  key: number;
  /** '' when the action serves no recommendation. */
  recommendationId: string;
  ownerAgencyId: number | null;
  kind: ActionKind;
  partnerAgencyIds: number[];
  learningNeed: string;
  action: string;
  successMeasure: string;
  /** As typed: see target-date.ts. */
  targetDate: string;
  themeIds: number[];
}

/** The fields of a row, in the order a person meets them. */
export const ROW_FIELDS = [
  'recommendationId',
  'ownerAgencyId',
  'kind',
  'partnerAgencyIds',
  'learningNeed',
  'action',
  'successMeasure',
  'targetDate',
  'themeIds',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

export const ROW_FIELD_LABELS: Record<RowField, string> = {
  recommendationId: 'Recommendation it serves',
  ownerAgencyId: 'Agency',
  kind: 'Kind of action',
  partnerAgencyIds: 'Partner agencies',
  learningNeed: 'Identified learning need',
  action: 'Action to be taken',
  successMeasure: 'Measure of success',
  targetDate: 'Target date',
  themeIds: 'Themes',
};

const FIELD_SLUGS: Record<RowField, string> = {
  recommendationId: 'recommendation',
  ownerAgencyId: 'agency',
  kind: 'kind',
  partnerAgencyIds: 'partners',
  learningNeed: 'learning-need',
  action: 'action',
  successMeasure: 'success-measure',
  targetDate: 'target-date',
  themeIds: 'themes',
};

/** The id of a row's field: what its label, its error and the error summary's link point to. */
export const fieldId = (key: number, field: RowField) => `action-${key}-${FIELD_SLUGS[field]}`;

export const emptyRow = (key: number, recommendationId: string): PlanRow => ({
  key,
  recommendationId,
  ownerAgencyId: null,
  kind: 'single_agency',
  partnerAgencyIds: [],
  learningNeed: '',
  action: '',
  successMeasure: '',
  targetDate: '',
  themeIds: [],
});

/** An error of one row's field (or of the whole batch, when `index` is null). */
export interface RowError {
  index: number | null;
  field: RowField | undefined;
  message: string;
}

type ActionInput = ReviewActionsCreateInput['actions'][number];

/** The rows as the request body, with the errors found before any schema runs (a date that cannot be read). */
export function bodyOf(rows: readonly PlanRow[]): { body: ReviewActionsCreateInput; errors: RowError[] } {
  const errors: RowError[] = [];
  const actions = rows.map((row, index): ActionInput => {
    const date = parseTargetDate(row.targetDate);
    if (date.kind === 'invalid') {
      errors.push({ index, field: 'targetDate', message: 'Enter the target date as a real date, for example 31/3/2027' });
    }
    const action: ActionInput = {
      recommendationId: row.recommendationId === '' ? null : Number(row.recommendationId),
      kind: row.kind,
      // A single-agency action has no partners, whatever was picked before the kind changed.
      partnerAgencyIds: row.kind === 'multi_agency' ? row.partnerAgencyIds.filter((id) => id !== row.ownerAgencyId) : [],
      learningNeed: row.learningNeed,
      action: row.action,
      successMeasure: row.successMeasure,
      targetDate: date.kind === 'date' ? date.iso : null,
      themeIds: row.themeIds,
    } as ActionInput;
    // Left out until chosen, so the schema names the field.
    if (row.ownerAgencyId !== null) action.ownerAgencyId = row.ownerAgencyId;
    return action;
  });
  return { body: { actions }, errors };
}

const isRowField = (field: string | undefined): field is RowField => (ROW_FIELDS as readonly string[]).includes(field ?? '');

/** A field's message in the words of the form: what to do, not what the schema found. */
export function describeRowError(field: RowField | undefined, message: string, code?: string): string {
  if (field === 'ownerAgencyId' && (code === 'invalid_type' || /expected number/i.test(message))) return 'Choose the agency';
  if (code === 'too_small' || message === 'must not be empty') {
    if (field === 'learningNeed') return 'Enter the identified learning need';
    if (field === 'action') return 'Enter the action to be taken';
  }
  if (field === 'targetDate' && /^Enter/.test(message)) return message;
  if (field && /^(must|may|is|are|should|cannot|needs|no|not|a|this|repeats)\b/i.test(message)) return `${ROW_FIELD_LABELS[field]}: ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Errors with paths `actions.<i>.<field>` (zod's issues, or the API's problem `errors[]`), placed on their row and
 * field; anything else (the batch as a whole) goes to the summary alone. One message per field is enough to mend it.
 */
export function toRowErrors(issues: readonly (FieldError & { code?: string })[]): RowError[] {
  const seen = new Set<string>();
  const placed: RowError[] = [];
  for (const issue of issues) {
    const [head, indexText, fieldName] = issue.path.split('.');
    const index = head === 'actions' && indexText !== undefined && /^\d+$/.test(indexText) ? Number(indexText) : null;
    const field = index !== null && isRowField(fieldName) ? fieldName : undefined;
    const key = `${index}:${field ?? issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    placed.push({ index, field, message: describeRowError(field, issue.message, issue.code) });
  }
  return sortErrors(placed);
}

/** Row by row, and in each row in the order of its fields. */
export function sortErrors(errors: readonly RowError[]): RowError[] {
  const rank = (error: RowError) => (error.index ?? -1) * 100 + (error.field ? ROW_FIELDS.indexOf(error.field) : -1);
  return [...errors].sort((a, b) => rank(a) - rank(b));
}

/** `actions.2.ownerAgencyId` as an array path (zod's), joined the way the API writes it. */
export const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');
