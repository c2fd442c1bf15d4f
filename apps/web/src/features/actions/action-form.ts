import type { Action, ActionKind, FieldError } from '@lrt/contracts';
import type { z } from 'zod';
import { dateFromParts } from '@/lib/date-parts';

/**
 * The edit form of an action: its fields as the form holds them (text), how they become an `ActionPatch`, which
 * of them changed, and where each error goes. No zod here: the schema check loads on its own
 * (`action-patch-schema.ts`), so the edit page opens as fast as any other.
 */
export interface ActionFormValues {
  ref: string;
  /** '' when the action serves no recommendation. */
  recommendationId: string;
  kind: ActionKind;
  ownerAgencyId: string;
  partnerAgencyIds: string[];
  learningNeed: string;
  action: string;
  successMeasure: string;
  targetDay: string;
  targetMonth: string;
  targetYear: string;
  /** Why a target date already set is being replaced: asked for only then, and kept in the action's history. */
  targetDateReason: string;
  themeIds: string[];
  /** '' for none. */
  subgroupId: string;
}

/** The fields of `ActionPatch` the form edits, in page order. Status is not one: it changes only by a progress update. */
export const EDITABLE_FIELDS = [
  'ref',
  'recommendationId',
  'kind',
  'ownerAgencyId',
  'partnerAgencyIds',
  'learningNeed',
  'action',
  'successMeasure',
  'targetDate',
  'themeIds',
  'subgroupId',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ActionFields = Pick<Action, EditableField>;

export const FIELD_LABELS: Record<EditableField, string> = {
  ref: 'Reference',
  recommendationId: 'Recommendation',
  kind: 'Kind of action',
  ownerAgencyId: 'Owner agency',
  partnerAgencyIds: 'Partner agencies',
  learningNeed: 'Identified learning need',
  action: 'Action to be taken',
  successMeasure: 'Measure of success',
  targetDate: 'Target date',
  themeIds: 'Themes',
  subgroupId: 'Subgroup',
};

/** What the form asks besides the action's fields: the reason for a new target date, which sits after the date. */
export type FormField = EditableField | 'targetDateReason';
const FORM_FIELDS: readonly FormField[] = [...EDITABLE_FIELDS.slice(0, 9), 'targetDateReason', ...EDITABLE_FIELDS.slice(9)];

export const TARGET_DATE_REASON_LABEL = 'Reason for the new target date';

/** The id of the input an error about each field links to. */
export const FIELD_IDS: Record<FormField, string> = {
  ref: 'edit-ref',
  recommendationId: 'edit-recommendation',
  kind: 'edit-kind',
  ownerAgencyId: 'edit-owner',
  partnerAgencyIds: 'edit-partners',
  learningNeed: 'edit-learning-need',
  action: 'edit-action',
  successMeasure: 'edit-success-measure',
  targetDate: 'edit-target-date',
  targetDateReason: 'edit-target-date-reason',
  themeIds: 'edit-themes',
  subgroupId: 'edit-subgroup',
};

const ids = (values: readonly number[]) => values.map(String);

export function fieldsOf(action: Action): ActionFields {
  return {
    ref: action.ref,
    recommendationId: action.recommendationId,
    kind: action.kind,
    ownerAgencyId: action.ownerAgencyId,
    partnerAgencyIds: action.partnerAgencyIds,
    learningNeed: action.learningNeed,
    action: action.action,
    successMeasure: action.successMeasure,
    targetDate: action.targetDate,
    themeIds: action.themeIds,
    subgroupId: action.subgroupId,
  };
}

export function valuesOf(fields: ActionFields): ActionFormValues {
  const [year = '', month = '', day = ''] = fields.targetDate ? fields.targetDate.split('-') : [];
  return {
    ref: fields.ref,
    recommendationId: fields.recommendationId === null ? '' : String(fields.recommendationId),
    kind: fields.kind,
    ownerAgencyId: String(fields.ownerAgencyId),
    partnerAgencyIds: ids(fields.partnerAgencyIds),
    learningNeed: fields.learningNeed,
    action: fields.action,
    successMeasure: fields.successMeasure,
    targetDay: day ? String(Number(day)) : '',
    targetMonth: month ? String(Number(month)) : '',
    targetYear: year,
    targetDateReason: '',
    themeIds: ids(fields.themeIds),
    subgroupId: fields.subgroupId === null ? '' : String(fields.subgroupId),
  };
}

/** The values of the submitted form. */
export function readForm(form: HTMLFormElement): ActionFormValues {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const all = (name: string) => data.getAll(name).filter((value): value is string => typeof value === 'string');
  return {
    ref: text('ref'),
    recommendationId: text('recommendationId'),
    kind: text('kind') === 'multi_agency' ? 'multi_agency' : 'single_agency',
    ownerAgencyId: text('ownerAgencyId'),
    partnerAgencyIds: all('partnerAgencyIds'),
    learningNeed: text('learningNeed'),
    action: text('action'),
    successMeasure: text('successMeasure'),
    targetDay: text('targetDay').trim(),
    targetMonth: text('targetMonth').trim(),
    targetYear: text('targetYear').trim(),
    targetDateReason: text('targetDateReason'),
    themeIds: all('themeIds'),
    subgroupId: text('subgroupId'),
  };
}

/**
 * The target date from its three boxes: none when all are empty, `YYYY-MM-DD` when all are filled with a day that
 * exists, and an error when only some are.
 */
const targetDateOf = (values: ActionFormValues) =>
  dateFromParts({ day: values.targetDay, month: values.targetMonth, year: values.targetYear }, 'Target date');

/**
 * Whether the form replaces a target date already set (with another, or with none, or with something not yet a
 * date): the API then needs the reason, so the form asks for it as soon as the boxes differ from the saved date.
 */
export function replacesTargetDate(saved: string | null, values: ActionFormValues): boolean {
  if (saved === null) return false;
  const target = targetDateOf(values);
  return !('value' in target) || target.value !== saved;
}

const idOrNull = (value: string) => (value === '' ? null : Number(value));
const sortedIds = (values: string[]) => [...new Set(values.map(Number))].sort((a, b) => a - b);

/** The form's values as action fields, or the errors that stop them being read. */
export function fieldsFromValues(values: ActionFormValues): { fields: ActionFields; errors: FieldError[] } {
  const target = targetDateOf(values);
  const errors: FieldError[] = 'error' in target ? [{ path: 'targetDate', message: target.error }] : [];
  return {
    fields: {
      ref: values.ref.trim(),
      recommendationId: idOrNull(values.recommendationId),
      kind: values.kind,
      ownerAgencyId: Number(values.ownerAgencyId),
      partnerAgencyIds: sortedIds(values.partnerAgencyIds),
      learningNeed: values.learningNeed,
      action: values.action,
      successMeasure: values.successMeasure,
      targetDate: 'value' in target ? target.value : null,
      themeIds: sortedIds(values.themeIds),
      subgroupId: idOrNull(values.subgroupId),
    },
    errors,
  };
}

const same = (a: unknown, b: unknown) => {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sorted = (list: unknown[]) => JSON.stringify([...list].sort());
    return sorted(a) === sorted(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
};

/** The fields whose values differ between two states of an action, in page order. */
export function changedFields(from: ActionFields, to: ActionFields): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !same(from[field], to[field]));
}

/**
 * Only the changed fields, so a save never writes back what someone else changed meanwhile; with the reason when
 * a target date already set is replaced.
 */
export function patchOf(
  fields: ActionFields,
  changed: readonly EditableField[],
  version: number,
  targetDateReason?: string | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const field of changed) body[field] = fields[field];
  if (targetDateReason !== undefined && changed.includes('targetDate')) body.targetDateReason = targetDateReason;
  return body;
}

/** The new version with my changes laid over it: what "apply my changes" puts back in the form. */
export function reapply(current: ActionFields, mine: ActionFields, changed: readonly EditableField[]): ActionFields {
  const merged: ActionFields = { ...current };
  for (const field of changed) (merged as Record<EditableField, unknown>)[field] = mine[field];
  return merged;
}

export interface FormError {
  field: FormField | undefined;
  fieldId: string | undefined;
  message: string;
}

const topField = (path: string) => path.split('.')[0] ?? path;
const isFormField = (field: string): field is FormField => (FORM_FIELDS as readonly string[]).includes(field);
const labelOf = (field: FormField) => (field === 'targetDateReason' ? TARGET_DATE_REASON_LABEL : FIELD_LABELS[field]);

/** "must not be empty" → "Action to be taken must not be empty"; written-out sentences are kept. */
export function describeError(path: string, message: string, code?: string): string {
  const field = topField(path);
  if (code === 'too_small') {
    if (field === 'ref') return 'Enter a reference';
    if (field === 'learningNeed') return 'Enter the identified learning need';
    if (field === 'action') return 'Enter the action to be taken';
    if (field === 'targetDateReason') return 'Enter the reason for the new target date';
  }
  if (field === 'targetDate' && /^Target date/.test(message)) return message;
  const label = isFormField(field) ? labelOf(field) : undefined;
  if (label && /^(must|may|is|are|should|cannot|needs|no|not)\b/i.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Field errors (from zod or from the API's problem+json) placed next to their fields, in page order. */
export function toFormErrors(errors: readonly (FieldError & { code?: string })[]): FormError[] {
  const placed = errors.map((error) => {
    const field = topField(error.path);
    return isFormField(field)
      ? { field, fieldId: FIELD_IDS[field], message: describeError(error.path, error.message, error.code) }
      : { field: undefined, fieldId: undefined, message: describeError(error.path, error.message, error.code) };
  });
  const rank = (error: FormError) => (error.field ? FORM_FIELDS.indexOf(error.field) : -1);
  // One message per field: the first is enough to mend it.
  const seen = new Set<string>();
  return placed
    .sort((a, b) => rank(a) - rank(b))
    .filter((error) => {
      const key = error.fieldId ?? error.message;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function zodFieldErrors(error: z.ZodError): (FieldError & { code?: string })[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message, code: issue.code }));
}
