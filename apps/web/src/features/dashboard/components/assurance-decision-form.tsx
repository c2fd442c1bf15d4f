import { ProgressUpdateCreate, type Action, type FieldError, type ProgressUpdate } from '@lrt/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Textarea } from '@/components/form-fields';
import { usePostProgressUpdate } from '@/features/progress-updates/api/post-progress-update';
import { describeFieldError, zodFieldErrors } from '@/features/progress-updates/form-errors';
import { isApiError } from '@/lib/api-client';

/** A subgroup's decision on a completed action: sign it off, or send it back to the agency. */
export type AssuranceDecision = 'assure' | 'return';

export interface AssuranceDecisionFormProps {
  action: Action;
  decision: AssuranceDecision;
  onCancel: () => void;
  onDecided: (update: ProgressUpdate) => void;
  onErrorsChange?: (hasErrors: boolean) => void;
}

interface FormError {
  fieldId: string | undefined;
  message: string;
}

const FIELD_ORDER = ['evidenceOfImpact', 'note'];

/**
 * Assure a completed action (evidence of impact and a note) or return it for more information (a note), as one
 * progress update with a status change. Checked against the shared `ProgressUpdateCreate` schema, and by the
 * API, whose field errors show the same way. This module brings zod with it, so it is loaded only when a
 * chair opens it.
 */
export function AssuranceDecisionForm({ action, decision, onCancel, onDecided, onErrorsChange }: AssuranceDecisionFormProps) {
  const ids = {
    heading: `decision-${action.id}-heading`,
    impact: `decision-${action.id}-impact`,
    note: `decision-${action.id}-note`,
  };
  const [evidenceOfImpact, setEvidenceOfImpact] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const mutation = usePostProgressUpdate(action.id);

  // Opening the form moves focus into it; closing it gives focus back to the control that opened it (the list does that).
  useEffect(() => {
    document.getElementById(decision === 'assure' ? ids.impact : ids.note)?.focus();
  }, [decision, ids.impact, ids.note]);
  useEffect(() => {
    onErrorsChange?.(errors.length > 0);
  }, [errors, onErrorsChange]);

  const fieldIdFor = (path: string) =>
    path.startsWith('evidenceOfImpact') ? ids.impact : path.startsWith('note') ? ids.note : undefined;

  const messageFor = (error: FieldError & { code?: string }) => {
    if (error.path === 'note' && error.code === 'too_small') {
      return decision === 'assure' ? 'Enter a note about the assurance' : 'Enter what more information the agency needs to give';
    }
    return describeFieldError(error.path, error.message, error.code);
  };

  const toFormErrors = (fieldErrors: (FieldError & { code?: string })[]): FormError[] =>
    fieldErrors
      .map((error) => ({ fieldId: fieldIdFor(error.path), message: messageFor(error), rank: FIELD_ORDER.indexOf(error.path.split('.')[0] ?? '') }))
      .sort((a, b) => (a.rank === -1 ? 99 : a.rank) - (b.rank === -1 ? 99 : b.rank))
      .map(({ fieldId, message }) => ({ fieldId, message }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: ProgressUpdateCreate = {
      note,
      // A decision on the evidence, not a new view of how on track the work is: keep the agency's last word.
      confidence: action.latestConfidence ?? 'on_track',
      evidence: [],
      statusChange: { to: decision === 'assure' ? 'assured' : 'in_progress' },
      actionVersion: action.version,
      ...(decision === 'assure' ? { evidenceOfImpact } : {}),
    };
    const parsed = ProgressUpdateCreate.safeParse(body);
    const clientErrors: (FieldError & { code?: string })[] = parsed.success ? [] : zodFieldErrors(parsed.error);
    if (decision === 'assure' && !evidenceOfImpact.trim() && !clientErrors.some((e) => e.path === 'evidenceOfImpact')) {
      clientErrors.push({ path: 'evidenceOfImpact', message: 'Enter the evidence of impact that shows practice changed' });
    }
    if (!parsed.success || clientErrors.length > 0) {
      setErrors(toFormErrors(clientErrors));
      return;
    }
    try {
      const update = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      onDecided(update);
    } catch (error) {
      setErrors(serverErrors(error));
    }
  };

  const serverErrors = (error: unknown): FormError[] => {
    if (!isApiError(error)) return [{ fieldId: undefined, message: 'The decision could not be sent. Try again.' }];
    if (error.code.endsWith('version_conflict')) {
      return [
        {
          fieldId: undefined,
          message: 'Someone else changed this action since you opened the page. It has been refreshed: check it and try again.',
        },
      ];
    }
    const fieldErrors = error.fieldErrors.filter((fieldError) => fieldError.path !== 'body');
    if (fieldErrors.length > 0) return toFormErrors(fieldErrors);
    return [{ fieldId: undefined, message: error.problem.detail || error.problem.title }];
  };

  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  const summary: SummaryError[] = useMemo(() => errors.map((error) => ({ ...error })), [errors]);
  const assuring = decision === 'assure';

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={ids.heading}>
      <ErrorSummary errors={summary} />
      <h4 className="govuk-heading-s" id={ids.heading}>
        {assuring ? `Assure action ${action.ref}` : `Return action ${action.ref} for more information`}
      </h4>
      {assuring ? (
        <Textarea
          id={ids.impact}
          name="evidenceOfImpact"
          label="Evidence of impact"
          labelSize="s"
          hint="What shows that practice changed: audit findings, case file reviews, feedback from children and families."
          value={evidenceOfImpact}
          onChange={(event) => setEvidenceOfImpact(event.target.value)}
          error={errorAt(ids.impact)}
        />
      ) : null}
      <Textarea
        id={ids.note}
        name="note"
        label={assuring ? 'Note for the record' : 'What more information is needed?'}
        labelSize="s"
        hint={
          assuring
            ? 'For example, the meeting that agreed the sign-off and anything the agency should keep doing.'
            : 'The agency lead sees this note on the action, which goes back to in progress.'
        }
        rows={4}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errorAt(ids.note)}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Sending…' : assuring ? 'Assure action' : 'Return for more information'}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
