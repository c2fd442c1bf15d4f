import type { FieldError, Review, ReviewStage, ReviewType } from '@lrt/contracts';
import { REVIEW_DATE_FIELDS, type ReviewDateField, type ReviewStageInput } from '@lrt/domain';
import type { FieldSpec } from '@/features/admin/form-errors';
import { formatDate } from '@/lib/format';
import { completeDateOf, dateFromParts as dateOf, partsOf, type DateParts } from '@/lib/date-parts';

/**
 * The form that adds or changes a review: its fields as the form holds them (text), how they become a
 * `ReviewCreate` or `ReviewPatch`, which of them changed, and how errors about them are worded. No zod here:
 * the shared schemas load apart from the page (see `features/admin/contracts.ts`).
 */

/** The fields of a review the form edits, in page order. */
export const REVIEW_FIELDS = [
  'code',
  'type',
  'childPseudonym',
  'title',
  'stage',
  ...REVIEW_DATE_FIELDS,
  'leadReviewer',
  'subgroupId',
  'themeIds',
  'summary',
] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export type ReviewFormValues = {
  code: string;
  /** '' until one is chosen for a new review. */
  type: ReviewType | '';
  childPseudonym: string;
  title: string;
  stage: ReviewStage;
  leadReviewer: string;
  /** '' for none. */
  subgroupId: string;
  themeIds: string[];
  summary: string;
} & Record<ReviewDateField, DateParts>;

/** A review's fields as they are sent: `type` may still be '' (the schema then asks for one). */
export type ReviewFields = Omit<Pick<Review, ReviewField>, 'type'> & { type: ReviewType | '' };

export const REVIEW_FIELD_LABELS: Record<ReviewField, string> = {
  code: 'Code',
  type: 'Type of review',
  childPseudonym: 'Child’s pseudonym',
  title: 'Title',
  stage: 'Stage',
  notifiedOn: 'Date the partnership was notified',
  rapidReviewOn: 'Date of the rapid review',
  startedOn: 'Date the review started',
  completedOn: 'Date the review was completed',
  publishedOn: 'Date the review was published',
  leadReviewer: 'Lead reviewer',
  subgroupId: 'Subgroup overseeing the plan',
  themeIds: 'Themes',
  summary: 'Summary',
};

/** The id of the input (the first radio or checkbox, the day box) an error about each field links to. */
export const REVIEW_FIELD_IDS: Record<ReviewField, string> = {
  code: 'review-code',
  type: 'review-type',
  childPseudonym: 'review-child',
  title: 'review-title',
  stage: 'review-stage',
  notifiedOn: 'review-notified-on',
  rapidReviewOn: 'review-rapid-review-on',
  startedOn: 'review-started-on',
  completedOn: 'review-completed-on',
  publishedOn: 'review-published-on',
  leadReviewer: 'review-lead-reviewer',
  subgroupId: 'review-subgroup',
  themeIds: 'review-themes',
  summary: 'review-summary',
};

const MESSAGES: Partial<Record<ReviewField, Partial<Record<string, string>>>> = {
  code: { too_small: 'Enter a code for the review, for example SD-2022' },
  type: { invalid_value: 'Select the type of review' },
  childPseudonym: { too_small: 'Enter the child’s pseudonym, as the review names them' },
  title: { too_small: 'Enter a title for the review' },
  stage: { invalid_value: 'Select the stage the review has reached' },
};

export const REVIEW_FIELD_SPECS: FieldSpec[] = REVIEW_FIELDS.map((field) => ({
  path: field,
  fieldId: REVIEW_FIELD_IDS[field],
  label: REVIEW_FIELD_LABELS[field],
  messages: {
    ...MESSAGES[field],
    ...((REVIEW_DATE_FIELDS as readonly string[]).includes(field) ? { invalid_format: `${REVIEW_FIELD_LABELS[field]} must be a real date` } : {}),
  },
}));

export function fieldsOf(review: Review): ReviewFields {
  return Object.fromEntries(REVIEW_FIELDS.map((field) => [field, review[field]])) as ReviewFields;
}

export const EMPTY_REVIEW: ReviewFields = {
  code: '',
  type: '',
  childPseudonym: '',
  title: '',
  stage: 'rapid_review',
  notifiedOn: null,
  rapidReviewOn: null,
  startedOn: null,
  completedOn: null,
  publishedOn: null,
  leadReviewer: '',
  subgroupId: null,
  themeIds: [],
  summary: '',
};

export function valuesOf(fields: ReviewFields): ReviewFormValues {
  return {
    code: fields.code,
    type: fields.type,
    childPseudonym: fields.childPseudonym,
    title: fields.title,
    stage: fields.stage,
    notifiedOn: partsOf(fields.notifiedOn),
    rapidReviewOn: partsOf(fields.rapidReviewOn),
    startedOn: partsOf(fields.startedOn),
    completedOn: partsOf(fields.completedOn),
    publishedOn: partsOf(fields.publishedOn),
    leadReviewer: fields.leadReviewer,
    subgroupId: fields.subgroupId === null ? '' : String(fields.subgroupId),
    themeIds: fields.themeIds.map(String),
    summary: fields.summary,
  };
}

/** The form's values as review fields, with the errors that stop the dates being read. */
export function fieldsFromValues(values: ReviewFormValues): { fields: ReviewFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = (field: ReviewDateField) => {
    const result = dateOf(values[field], REVIEW_FIELD_LABELS[field]);
    if ('error' in result) {
      errors.push({ path: field, message: result.error });
      return null;
    }
    return result.value;
  };
  const fields: ReviewFields = {
    code: values.code.trim(),
    type: values.type,
    childPseudonym: values.childPseudonym.trim(),
    title: values.title.trim(),
    stage: values.stage,
    notifiedOn: date('notifiedOn'),
    rapidReviewOn: date('rapidReviewOn'),
    startedOn: date('startedOn'),
    completedOn: date('completedOn'),
    publishedOn: date('publishedOn'),
    leadReviewer: values.leadReviewer.trim(),
    subgroupId: values.subgroupId === '' ? null : Number(values.subgroupId),
    themeIds: [...new Set(values.themeIds.map(Number))].sort((a, b) => a - b),
    summary: values.summary.trim(),
  };
  return { fields, errors };
}

/** What the stage warnings look at: the stage and every date that is complete so far. */
export function stageInputOf(values: ReviewFormValues): ReviewStageInput {
  return {
    stage: values.stage,
    notifiedOn: completeDateOf(values.notifiedOn),
    rapidReviewOn: completeDateOf(values.rapidReviewOn),
    startedOn: completeDateOf(values.startedOn),
    completedOn: completeDateOf(values.completedOn),
    publishedOn: completeDateOf(values.publishedOn),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ between two states of a review, in page order. */
export const changedFields = (from: ReviewFields, to: ReviewFields): ReviewField[] =>
  REVIEW_FIELDS.filter((field) => !same(from[field], to[field]));

/** Only the changed fields, so a save never writes back what someone else changed meanwhile. */
export function patchOf(fields: ReviewFields, changed: readonly ReviewField[], version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const field of changed) body[field] = fields[field];
  return body;
}

/** The saved version with this person's changes laid over it. */
export function reapply(current: ReviewFields, mine: ReviewFields, changed: readonly ReviewField[]): ReviewFields {
  const merged = { ...current } as Record<ReviewField, unknown>;
  for (const field of changed) merged[field] = mine[field];
  return merged as ReviewFields;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The API and the shared date-order rule say "must not be before startedOn (2022-04-01)"; people read "must not be
 * before the date the review started (1 April 2022)".
 */
export function readableIssue<T extends FieldError>(issue: T): T {
  const match = /^must not be before (\w+) \((\d{4}-\d{2}-\d{2})\)$/.exec(issue.message);
  const field = match?.[1] as ReviewField | undefined;
  if (!match || !field || !(field in REVIEW_FIELD_LABELS)) return issue;
  return { ...issue, message: `must not be before the ${lowerFirst(REVIEW_FIELD_LABELS[field])} (${formatDate(match[2])})` };
}
