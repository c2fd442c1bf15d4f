import type { Action, TargetDateRequest } from '@lrt/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { Textarea } from '@/components/form-fields';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDecideTargetDateRequest } from '../api/decide-target-date-request';
import { errorAt, placeApiError, summaryOf, type PlacedError } from '../form-errors';

export interface PendingTargetDateRequestProps {
  action: Action;
  /** After a decision: the request as decided, with the action as it now is. */
  onDecided: (request: TargetDateRequest, action: Action) => void;
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
}

/**
 * A request for a new target date waiting for a decision: what was asked, by whom and why. The business unit and
 * the subgroup's chair (`permissions.canDecideTargetDate`) agree or refuse it here, with an optional note.
 */
export function PendingTargetDateRequest({ action, onDecided, onErrorsChange }: PendingTargetDateRequestProps) {
  const pending = action.pendingTargetDateRequest;
  if (!pending) return null;
  return (
    <div className="app-sign-off-panel" role="region" aria-labelledby={`pending-request-${pending.id}-heading`}>
      <h3 className="govuk-heading-s" id={`pending-request-${pending.id}-heading`}>
        A new target date has been asked for
      </h3>
      <p className="govuk-body">
        A new target date of <strong>{formatDate(pending.requestedTargetDate)}</strong> has been asked for by {pending.requestedBy}:{' '}
        <span className="app-pre-wrap">{pending.reason}</span>
      </p>
      <p className="govuk-body-s app-secondary-text">
        Asked {formatDateTime(pending.requestedAt)}. The target date is {formatDate(action.targetDate, 'not set')} until the request is decided.
      </p>
      {action.permissions.canDecideTargetDate ? (
        <TargetDateDecisionForm action={action} requestId={pending.id} requestedDate={pending.requestedTargetDate} onDecided={onDecided} onErrorsChange={onErrorsChange} />
      ) : (
        <p className="govuk-body-s">The business unit or the chair of the subgroup overseeing the action decides.</p>
      )}
    </div>
  );
}

function TargetDateDecisionForm({
  action,
  requestId,
  requestedDate,
  onDecided,
  onErrorsChange,
}: {
  action: Action;
  requestId: number;
  requestedDate: string;
  onDecided: PendingTargetDateRequestProps['onDecided'];
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
}) {
  const noteId = `target-date-decision-${requestId}-note`;
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<PlacedError[]>([]);
  const [sending, setSending] = useState<'agree' | 'refuse' | null>(null);
  const mutation = useDecideTargetDateRequest(action.id);
  const summary = useMemo(() => summaryOf(errors), [errors]);
  useEffect(() => onErrorsChange?.(errors.length > 0), [errors, onErrorsChange]);
  useEffect(() => () => onErrorsChange?.(false), [onErrorsChange]);

  const decide = async (agree: boolean) => {
    setSending(agree ? 'agree' : 'refuse');
    try {
      const trimmed = note.trim();
      const result = await mutation.mutateAsync({ requestId, agree, ...(trimmed ? { note: trimmed } : {}) });
      setErrors([]);
      onDecided(result.request, result.action);
    } catch (error) {
      setErrors(placeApiError(error, { note: { id: noteId, label: 'Note' } }, 'The decision could not be sent. Try again.'));
    } finally {
      setSending(null);
    }
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter in the note agrees to nothing: a decision needs one of the two buttons.
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Decide on the new target date">
      <ErrorSummary errors={summary} />
      <Textarea
        id={noteId}
        name="note"
        label="Note about your decision (optional)"
        labelSize="s"
        hint="The agency lead sees it with the decision. Say why, if you refuse."
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errorAt(errors, noteId)}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending} onClick={() => void decide(true)}>
          {sending === 'agree' ? 'Sending…' : 'Agree'} <span className="govuk-visually-hidden">to the new target date of {formatDate(requestedDate)}</span>
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          disabled={mutation.isPending}
          aria-disabled={mutation.isPending}
          onClick={() => void decide(false)}
        >
          {sending === 'refuse' ? 'Sending…' : 'Refuse'} <span className="govuk-visually-hidden">the new target date of {formatDate(requestedDate)}</span>
        </button>
      </div>
    </form>
  );
}
