import type { FieldError } from '@lrt/contracts';
import type { SummaryError } from '@/components/error-summary';
import { isApiError } from '@/lib/api-client';

/** A field's error as the forms of this area place it: beside the field (by its id) and in the error summary. */
export interface PlacedError {
  fieldId: string | undefined;
  message: string;
}

/**
 * The API's field errors (`errors[].path`) beside the fields they name; the API writes messages as predicates
 * ("must be after the current target date"), which read well after the field's label. Anything else goes to the
 * top of the form, in the API's words.
 */
export function placeApiError(
  error: unknown,
  fields: Record<string, { id: string; label: string }>,
  fallback: string,
): PlacedError[] {
  if (!isApiError(error)) return [{ fieldId: undefined, message: fallback }];
  const placed = error.fieldErrors
    .filter((fieldError: FieldError) => fieldError.path !== 'body')
    .map((fieldError) => {
      const field = fields[fieldError.path.split('.')[0] ?? ''];
      return field ? { fieldId: field.id, message: sentence(field.label, fieldError.message) } : { fieldId: undefined, message: capitalise(fieldError.message) };
    });
  if (placed.length > 0) return placed;
  return [{ fieldId: undefined, message: error.problem.detail || error.problem.title }];
}

const capitalise = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** "must not be empty" after "Reason" → "Reason must not be empty"; a whole sentence is kept as it is. */
export const sentence = (label: string, message: string) =>
  /^(must|may|is|are|should|cannot|needs|no|not)\b/i.test(message) ? `${label} ${message}` : capitalise(message);

export const summaryOf = (errors: readonly PlacedError[]): SummaryError[] => errors.map(({ fieldId, message }) => ({ fieldId, message }));

export const errorAt = (errors: readonly PlacedError[], fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
