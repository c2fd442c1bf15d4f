import type { FieldError } from '@lrt/contracts';
import { LIMITS } from '@/lib/contract-constants';
import type { z } from 'zod';

/** The form's fields in page order. Error summaries list errors in this order. */
export const FIELD_ORDER = [
  'agencyId',
  'confidence',
  'note',
  'evidence',
  'statusChange',
  'evidenceOfImpact',
  'reason',
] as const;

const FIELD_LABELS: Record<string, string> = {
  agencyId: 'Agency',
  confidence: 'Confidence',
  note: 'Progress note',
  evidence: 'Evidence',
  statusChange: 'New status',
  evidenceOfImpact: 'Evidence of impact',
  reason: 'Reason for withdrawal',
};

/** Messages written for people for the mistakes people make most, GOV.UK style ("Enter…", "Select…"). */
function plainMessage(path: string, message: string, code?: string): string | undefined {
  const evidence = /^evidence\.(\d+)\.(label|url)$/.exec(path);
  if (evidence) {
    const number = Number(evidence[1]) + 1;
    if (evidence[2] === 'label' && code === 'too_small') return `Enter a label for evidence link ${number}`;
    return `${evidence[2] === 'label' ? `The label of evidence link ${number}` : `Evidence link ${number}`} ${message}`;
  }
  if (path === 'note' && code === 'too_small') return 'Enter what has been done since the last update';
  if (path === 'confidence') return 'Select how confident you are that the action is on track';
  if (path === 'evidence' && code === 'too_big') return `Add no more than ${LIMITS.evidenceItems} evidence links`;
  return undefined;
}

/**
 * "must not be empty" → "Your name must not be empty"; a whole sentence from the API is kept as it is.
 * The API and the shared schemas write field messages as predicates, so they read well after a label.
 */
export function describeFieldError(path: string, message: string, code?: string): string {
  const plain = plainMessage(path, message, code);
  if (plain) return plain;
  const field = path.split('.')[0] ?? path;
  const label = FIELD_LABELS[field];
  if (label && /^(must|may|is|are|should|cannot|needs)\b/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Zod issues as the same `{ path, message }` field errors the API sends in problem+json. */
export function zodFieldErrors(error: z.ZodError): (FieldError & { code?: string })[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** `statusChange.to` and `statusChange` both belong to the status field; `evidence.2.url` to evidence. */
export const topField = (path: string) => path.split('.')[0] ?? path;

export const fieldRank = (path: string) => {
  const index = FIELD_ORDER.indexOf(topField(path) as (typeof FIELD_ORDER)[number]);
  return index === -1 ? FIELD_ORDER.length : index;
};
