import type { FieldError } from '@lrt/contracts';
import type { StatusChangeRefusal } from '@lrt/domain';
import { LIMITS } from '@/lib/contract-constants';
import type { z } from 'zod';

/** The form's fields in page order. Error summaries list errors in this order. */
export const FIELD_ORDER = [
  'kind',
  'agencyId',
  'confidence',
  'note',
  'statusChange',
  'evidenceOfImpact',
  'reason',
  'evidence',
  'documents',
] as const;

const FIELD_LABELS: Record<string, string> = {
  kind: 'What you are posting',
  agencyId: 'Agency',
  confidence: 'Confidence',
  note: 'Progress note',
  evidence: 'Evidence',
  documents: 'Documents',
  statusChange: 'New status',
  evidenceOfImpact: 'Evidence of impact',
  reason: 'Reason for withdrawal',
};

/** What the form is for: an answer to a question of the subgroup reads differently from a progress note. */
export interface MessageContext {
  answering?: boolean;
  /** A comment of the subgroup's chair or the business unit, not a progress note. */
  commenting?: boolean;
}

/**
 * The workflow's refusals (from `checkStatusChange` in @lrt/domain, or the API, which runs the same rule), worded
 * for the person filling in this form. The rule itself lives only in the domain package.
 */
const REFUSAL_MESSAGES: Partial<Record<StatusChangeRefusal['code'], string>> = {
  'action.evidence_required': 'Add a document or an evidence link to propose the action as completed',
  'action.evidence_of_impact_required': 'Enter the evidence of impact that shows practice changed',
  'action.reason_required': 'Enter why the action is withdrawn',
};

export const isRefusalCode = (code: string | undefined): code is StatusChangeRefusal['code'] =>
  code !== undefined && code in REFUSAL_MESSAGES;

/** Messages written for people for the mistakes people make most, GOV.UK style ("Enter…", "Select…"). */
function plainMessage(path: string, code: string | undefined, context: MessageContext): string | undefined {
  const refusal = code ? REFUSAL_MESSAGES[code as StatusChangeRefusal['code']] : undefined;
  if (refusal) return refusal;
  if (path === 'note' && code === 'too_small') {
    return context.commenting ? 'Enter your comment' : context.answering ? 'Enter your answer' : 'Enter what has been done since the last update';
  }
  if (path === 'confidence') return 'Select how confident you are that the action is on track';
  if (path === 'evidence' && code === 'too_big') return `Add no more than ${LIMITS.evidenceItems} documents and evidence links`;
  return undefined;
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);
const isPredicate = (message: string) => /^(must|may|is|are|should|cannot|needs)\b/.test(message);

/**
 * "must not be empty" → "Your name must not be empty"; a whole sentence from the API is kept as it is.
 * The API and the shared schemas write field messages as predicates, so they read well after a label.
 */
export function describeFieldError(path: string, message: string, code?: string, context: MessageContext = {}): string {
  const plain = plainMessage(path, code, context);
  if (plain) return plain;
  const field = path.split('.')[0] ?? path;
  const label = FIELD_LABELS[field];
  if (label && isPredicate(message)) return `${label} ${message}`;
  return sentence(message);
}

/** One piece of evidence as the person sees it: the second document, the first link. */
export interface EvidencePosition {
  kind: 'document' | 'link';
  number: number;
}

/** An error about one piece of evidence (`evidence.3.url`), named as the person sees it: "Evidence link 1 …". */
export function describeEvidenceError({ kind, number }: EvidencePosition, part: string, message: string, code?: string): string {
  const name = kind === 'document' ? `document ${number}` : `evidence link ${number}`;
  if (part === 'label') {
    if (code === 'too_small') return kind === 'document' ? `Enter what document ${number} is` : `Enter a label for evidence link ${number}`;
    return `The label of ${name} ${message}`;
  }
  if (part === 'fileId') return `Document ${number} could not be found. Remove it and add it again`;
  return isPredicate(message) ? `${sentence(name)} ${message}` : sentence(message);
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
