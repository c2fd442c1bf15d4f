import type { Action, TargetDateRequest } from '@lrt/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { Textarea } from '@/components/form-fields';
import { DateInput } from '@/components/date-input';
import { dateFromParts, EMPTY_DATE, type DateParts } from '@/lib/date-parts';
import { formatDate } from '@/lib/format';
import { useRequestTargetDate } from '../api/request-target-date';
import { errorAt, placeApiError, summaryOf, type PlacedError } from '../form-errors';

export interface AskForTargetDateProps {
  action: Action;
  onRequested: (request: TargetDateRequest) => void;
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
}

/**
 * "Ask for a new target date", for an agency lead of the action (`permissions.canRequestTargetDate`): a button
 * that opens a short form (the new date and why). Opening moves focus to the date; cancelling gives it back to
 * the button. The subgroup's chair or the business unit then decides.
 */
export function AskForTargetDate({ action, onRequested, onErrorsChange }: AskForTargetDateProps) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const formId = `ask-target-date-${action.id}`;

  useEffect(() => {
    if (!open && returnFocus.current) {
      opener.current?.focus();
      returnFocus.current = false;
    }
  }, [open]);

  if (action.pendingTargetDateRequest) {
    return <p className="govuk-body-s">You can ask for another date once this request is decided.</p>;
  }
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        Ask for a new target date
      </button>
      {open ? (
        <div className="app-inline-panel" id={formId}>
          <TargetDateRequestForm
            action={action}
            onCancel={() => {
              returnFocus.current = true;
              setOpen(false);
              onErrorsChange?.(false);
            }}
            onRequested={(request) => {
              // The page's confirmation takes focus; the button is gone while the request is pending.
              setOpen(false);
              onErrorsChange?.(false);
              onRequested(request);
            }}
            onErrorsChange={onErrorsChange}
          />
        </div>
      ) : null}
    </>
  );
}

function TargetDateRequestForm({
  action,
  onCancel,
  onRequested,
  onErrorsChange,
}: {
  action: Action;
  onCancel: () => void;
  onRequested: (request: TargetDateRequest) => void;
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
}) {
  const ids = { heading: `ask-target-date-${action.id}-heading`, date: `ask-target-date-${action.id}-date`, reason: `ask-target-date-${action.id}-reason` };
  const fields = { targetDate: { id: ids.date, label: 'New target date' }, reason: { id: ids.reason, label: 'Reason for the new target date' } };
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<PlacedError[]>([]);
  const mutation = useRequestTargetDate(action.id);
  const summary = useMemo(() => summaryOf(errors), [errors]);

  useEffect(() => {
    document.getElementById(ids.date)?.focus();
  }, [ids.date]);
  useEffect(() => onErrorsChange?.(errors.length > 0), [errors, onErrorsChange]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = dateFromParts(date, 'New target date');
    const found: PlacedError[] = [];
    if ('error' in read) found.push({ fieldId: ids.date, message: read.error });
    else if (read.value === null) found.push({ fieldId: ids.date, message: 'Enter the new target date' });
    if (!reason.trim()) found.push({ fieldId: ids.reason, message: 'Enter the reason for the new target date' });
    if (found.length > 0 || !('value' in read) || read.value === null) {
      setErrors(found);
      return;
    }
    try {
      const request = await mutation.mutateAsync({ targetDate: read.value, reason: reason.trim() });
      setErrors([]);
      onRequested(request);
    } catch (error) {
      setErrors(placeApiError(error, fields, 'The request could not be sent. Try again.'));
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={ids.heading}>
      <ErrorSummary errors={summary} />
      <h3 className="govuk-heading-s" id={ids.heading}>
        Ask for a new target date
      </h3>
      <DateInput
        id={ids.date}
        legend="New target date"
        hint={`For example, 31 3 2027. The target date is ${formatDate(action.targetDate, 'not set')}.`}
        value={date}
        onChange={setDate}
        error={errorAt(errors, ids.date)}
      />
      <Textarea
        id={ids.reason}
        name="reason"
        label="Reason for the new target date"
        labelSize="s"
        hint="Why the date must move and what will be done by the new one. The subgroup sees this when it decides."
        rows={4}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errorAt(errors, ids.reason)}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Sending…' : 'Ask for this date'}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
