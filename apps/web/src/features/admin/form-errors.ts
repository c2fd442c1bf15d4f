import type { FieldError } from '@lrt/contracts';
import type { z } from 'zod';
import type { SummaryError } from '@/components/error-summary';
import { isApiError } from '@/lib/api-client';

/**
 * How the administration forms turn the shared schemas' issues and the API's problem+json field errors into
 * GOV.UK error messages: one summary at the top linking to each field, and the same message beside the field.
 */

/** A field of a form, in page order: which body path it answers, its input's id and how to word its errors. */
export interface FieldSpec {
  /** The top-level path of the request body (`name`, `agencyIds`). */
  path: string;
  /** The id of the input (or the first checkbox of a group) that an error summary link moves to. */
  fieldId: string;
  /** The field's name as people read it, put before messages written as predicates ("must not be empty"). */
  label: string;
  /** Messages that replace the schema's, by zod issue code (`too_small`, `invalid_value`, `invalid_type`…). */
  messages?: Partial<Record<string, string>>;
}

export interface FormError {
  path: string;
  fieldId: string | undefined;
  message: string;
}

type IssueLike = FieldError & { code?: string | undefined };

/** Zod issues as the same `{ path, message }` field errors the API sends in problem+json. */
export function zodIssues(error: z.ZodError): IssueLike[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message, code: issue.code }));
}

/** "must not be empty" → "Name must not be empty"; a whole sentence is kept as it is, with a capital letter. */
function wording(spec: FieldSpec | undefined, issue: IssueLike): string {
  const replacement = issue.code ? spec?.messages?.[issue.code] : undefined;
  if (replacement) return replacement;
  if (spec && /^(must|may|is|are|should|cannot|needs)\b/.test(issue.message)) return `${spec.label} ${issue.message}`;
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** Field errors (from the schema or the API) in the order of the fields on the page, one per field. */
export function toFormErrors(issues: readonly IssueLike[], specs: readonly FieldSpec[]): FormError[] {
  const rank = (path: string) => {
    const index = specs.findIndex((spec) => spec.path === path);
    return index === -1 ? specs.length : index;
  };
  const seen = new Set<string>();
  return issues
    .map((issue) => {
      const top = issue.path.split('.')[0] ?? issue.path;
      const spec = specs.find((candidate) => candidate.path === top);
      return { path: spec ? top : issue.path, fieldId: spec?.fieldId, message: wording(spec, issue) };
    })
    .filter((error) => {
      // One message per field: the first is the one to fix first.
      if (!error.fieldId) return true;
      if (seen.has(error.fieldId)) return false;
      seen.add(error.fieldId);
      return true;
    })
    .sort((a, b) => rank(a.path) - rank(b.path));
}

/** True when the API refused a change because someone else saved first (`<resource>.version_conflict`). */
export const isVersionConflict = (error: unknown) => isApiError(error) && error.code.endsWith('.version_conflict');

/**
 * What the API said, as form errors: its field errors beside their fields, or else its detail on its own. The
 * `version` path of a conflict is not a field anyone can fix, so it is left to the conflict panel.
 */
export function serverFormErrors(error: unknown, specs: readonly FieldSpec[], fallback: string): FormError[] {
  if (!isApiError(error)) return [{ path: '', fieldId: undefined, message: fallback }];
  const fieldErrors = error.fieldErrors.filter((fieldError) => fieldError.path !== 'version' && fieldError.path !== 'body');
  if (fieldErrors.length > 0) return toFormErrors(fieldErrors, specs);
  return [{ path: '', fieldId: undefined, message: error.problem.detail || error.problem.title }];
}

export const errorAt = (errors: readonly FormError[], fieldId: string) =>
  errors.find((error) => error.fieldId === fieldId)?.message;

export const toSummary = (errors: readonly FormError[]): SummaryError[] =>
  errors.map((error) => ({ fieldId: error.fieldId, message: error.message }));
