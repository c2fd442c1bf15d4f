import type { Action, ActionKind, FieldError } from '@lrt/contracts';
import type { z } from 'zod';

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

/** The id of the input an error about each field links to. */
export const FIELD_IDS: Record<EditableField, string> = {
  ref: 'edit-ref',
  recommendationId: 'edit-recommendation',
  kind: 'edit-kind',
  ownerAgencyId: 'edit-owner',
  partnerAgencyIds: 'edit-partners',
  learningNeed: 'edit-learning-need',
  action: 'edit-action',
  successMeasure: 'edit-success-measure',
  targetDate: 'edit-target-date',
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
    themeIds: all('themeIds'),
    subgroupId: text('subgroupId'),
  };
}

const pad = (value: string) => value.padStart(2, '0');

/**
 * The target date from its three boxes: none when all are empty, `YYYY-MM-DD` when all are filled (the schema then
 * checks the day exists), and an error when only some are.
 */
function targetDateOf(values: ActionFormValues): { value: string | null } | { error: string } {
  const parts = [values.targetDay, values.targetMonth, values.targetYear];
  if (parts.every((part) => part === '')) return { value: null };
  const missing = (['day', 'month', 'year'] as const).filter((_, index) => parts[index] === '');
  if (missing.length > 0) return { error: `Target date must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(values.targetDay) || !/^\d{1,2}$/.test(values.targetMonth) || !/^\d{4}$/.test(values.targetYear)) {
    return { error: 'Target date must be a real date, for example 31 3 2027' };
  }
  return { value: `${values.targetYear}-${pad(values.targetMonth)}-${pad(values.targetDay)}` };
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

/** Only the changed fields, so a save never writes back what someone else changed meanwhile. */
export function patchOf(fields: ActionFields, changed: readonly EditableField[], version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const field of changed) body[field] = fields[field];
  return body;
}

/** The new version with my changes laid over it: what "apply my changes" puts back in the form. */
export function reapply(current: ActionFields, mine: ActionFields, changed: readonly EditableField[]): ActionFields {
  const merged: ActionFields = { ...current };
  for (const field of changed) (merged as Record<EditableField, unknown>)[field] = mine[field];
  return merged;
}

export interface FormError {
  field: EditableField | undefined;
  fieldId: string | undefined;
  message: string;
}

const topField = (path: string) => path.split('.')[0] ?? path;
const isEditable = (field: string): field is EditableField => (EDITABLE_FIELDS as readonly string[]).includes(field);

/** "must not be empty" → "Action to be taken must not be empty"; written-out sentences are kept. */
export function describeError(path: string, message: string, code?: string): string {
  const field = topField(path);
  if (code === 'too_small') {
    if (field === 'ref') return 'Enter a reference';
    if (field === 'learningNeed') return 'Enter the identified learning need';
    if (field === 'action') return 'Enter the action to be taken';
  }
  if (field === 'targetDate' && /^Target date/.test(message)) return message;
  const label = isEditable(field) ? FIELD_LABELS[field] : undefined;
  if (label && /^(must|may|is|are|should|cannot|needs|no|not)\b/i.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Field errors (from zod or from the API's problem+json) placed next to their fields, in page order. */
export function toFormErrors(errors: readonly (FieldError & { code?: string })[]): FormError[] {
  const placed = errors.map((error) => {
    const field = topField(error.path);
    return isEditable(field)
      ? { field, fieldId: FIELD_IDS[field], message: describeError(error.path, error.message, error.code) }
      : { field: undefined, fieldId: undefined, message: describeError(error.path, error.message, error.code) };
  });
  const rank = (error: FormError) => (error.field ? EDITABLE_FIELDS.indexOf(error.field) : -1);
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
