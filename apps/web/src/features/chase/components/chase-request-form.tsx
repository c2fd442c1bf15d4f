import type { ChaseCreated, ChaseCreateInput } from '@lrt/contracts';
import { addDays, compareIsoDates, londonToday } from '@lrt/domain';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { DateInput } from '@/components/date-input';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { isApiError } from '@/lib/api-client';
import { completeDateOf, dateFromParts, partsOf, type DateParts } from '@/lib/date-parts';
import { formatDate, pluralise } from '@/lib/format';
import { useCreateChase } from '../api/create-chase';
import type { ChaseScope } from '../api/get-chase-candidates';
import { SCOPE_FIELD_IDS } from './scope-form';

export const REPLY_BY_ID = 'chase-reply-by';
export const CHOSEN_ID = 'chase-actions-chosen';

interface FormError {
  fieldId: string | undefined;
  message: string;
}

export interface ChaseRequestFormProps {
  scope: ChaseScope;
  /** Ticked by hand: when there are any, exactly these are asked about. */
  tickedIds: readonly number[];
  /** What the scope asks about when nothing is ticked. */
  inScope: { actions: number; agencies: number };
  defaultReplyBy: string;
  /** Days after the reply-by date that the personal links keep working (the partnership's setting), when known. */
  graceDays: number | undefined;
  /** The body a preview was made for: the page shows the preview only while the form still says the same. */
  onPreview: (preview: ChaseCreated, body: string) => void;
  onBodyChange: (body: string) => void;
  onSent: (created: ChaseCreated) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}

/** What the API said, beside the field it is about: the reply-by date, the ticked actions, or the scope. */
function serverErrors(error: unknown, ticking: boolean): FormError[] {
  if (!isApiError(error)) return [{ fieldId: undefined, message: 'The update requests could not be sent. Try again.' }];
  if (error.code === 'chase.nothing_to_ask') {
    return [
      {
        fieldId: ticking ? CHOSEN_ID : SCOPE_FIELD_IDS.reviewId,
        message: ticking
          ? 'None of the ticked actions needs an update any more: tick others, or untick them all to ask about the whole scope'
          : 'No action in this scope needs an update: choose another review, subgroup or agency',
      },
    ];
  }
  const fields = error.fieldErrors.map((fieldError): FormError => {
    const top = fieldError.path.split('.')[0];
    if (top === 'replyBy') {
      return { fieldId: REPLY_BY_ID, message: /past/i.test(fieldError.message) ? 'The reply-by date must be today or in the future' : `The reply-by date ${fieldError.message}` };
    }
    if (top === 'actionIds') return { fieldId: CHOSEN_ID, message: `Ticked actions: ${fieldError.message}` };
    if (top === 'reviewId' || top === 'subgroupId' || top === 'agencyId') {
      return { fieldId: SCOPE_FIELD_IDS[top], message: fieldError.message.charAt(0).toUpperCase() + fieldError.message.slice(1) };
    }
    return { fieldId: undefined, message: fieldError.message.charAt(0).toUpperCase() + fieldError.message.slice(1) };
  });
  return fields.length > 0 ? fields : [{ fieldId: undefined, message: error.problem.detail || error.problem.title }];
}

/**
 * Choose the reply-by date, preview the messages, send. With actions ticked, exactly those are asked about;
 * otherwise everything the scope holds. The date is checked here first (a real day, not in the past); the API
 * checks everything again and its refusals show beside the same fields.
 */
export function ChaseRequestForm({
  scope,
  tickedIds,
  inScope,
  defaultReplyBy,
  graceDays,
  onPreview,
  onBodyChange,
  onSent,
  onErrorsChange,
}: ChaseRequestFormProps) {
  const [replyBy, setReplyBy] = useState<DateParts>(() => partsOf(defaultReplyBy));
  const [errors, setErrorsState] = useState<FormError[]>([]);
  const [pending, setPending] = useState<'preview' | 'send' | null>(null);
  const create = useCreateChase();
  const ticking = tickedIds.length > 0;
  const setErrors = (next: FormError[]) => {
    setErrorsState(next);
    onErrorsChange(next.length > 0);
  };
  const summary = useMemo<SummaryError[]>(() => errors.map((error) => ({ fieldId: error.fieldId, message: error.message })), [errors]);

  const bodyOf = (replyByDate: string, preview: boolean): ChaseCreateInput =>
    ticking
      ? { actionIds: [...tickedIds], replyBy: replyByDate, preview }
      : {
          ...(scope.reviewId ? { reviewId: scope.reviewId } : {}),
          ...(scope.subgroupId ? { subgroupId: scope.subgroupId } : {}),
          ...(scope.agencyId ? { agencyId: scope.agencyId } : {}),
          replyBy: replyByDate,
          preview,
        };

  const typed = completeDateOf(replyBy);
  const bodyKey = JSON.stringify(bodyOf(typed ?? '', true));
  useEffect(() => onBodyChange(bodyKey), [bodyKey, onBodyChange]);

  const submit = async (preview: boolean) => {
    const day = dateFromParts(replyBy, 'The reply-by date');
    const today = londonToday(new Date());
    const problem =
      'error' in day
        ? day.error
        : day.value === null
          ? 'Enter the date agencies should reply by'
          : compareIsoDates(day.value, today) < 0
            ? 'The reply-by date must be today or in the future'
            : null;
    if (problem || !('value' in day) || day.value === null) {
      setErrors([{ fieldId: REPLY_BY_ID, message: problem ?? 'Enter the date agencies should reply by' }]);
      return;
    }
    setPending(preview ? 'preview' : 'send');
    try {
      const body = bodyOf(day.value, preview);
      const created = await create.mutateAsync(body);
      setErrors([]);
      if (preview) onPreview(created, JSON.stringify({ ...body, preview: true }));
      else onSent(created);
    } catch (error) {
      setErrors(serverErrors(error, ticking));
    } finally {
      setPending(null);
    }
  };

  // Which button sent the form. Pressing Enter in a date box presses the first one, the preview: nothing goes by accident.
  const intent = useRef<'preview' | 'send'>('preview');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(intent.current === 'preview');
    intent.current = 'preview';
  };

  const linksUntil = typed && graceDays !== undefined ? addDays(typed, graceDays) : null;
  const busy = pending !== null;

  return (
    <section aria-labelledby="chase-request-heading">
      <h2 className="govuk-heading-m" id="chase-request-heading">
        Ask for updates
      </h2>
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="chase-request-heading">
        <div className={`govuk-form-group${errors.some((e) => e.fieldId === CHOSEN_ID) ? ' govuk-form-group--error' : ''}`}>
          {errors
            .filter((error) => error.fieldId === CHOSEN_ID)
            .map((error) => (
              <p key={error.message} className="govuk-error-message" id={`${CHOSEN_ID}-error`}>
                <span className="govuk-visually-hidden">Error:</span> {error.message}
              </p>
            ))}
          <p className="govuk-body" id={CHOSEN_ID} tabIndex={-1} role="status">
            {ticking
              ? `You have ticked ${pluralise(tickedIds.length, 'action')}: only ${tickedIds.length === 1 ? 'it' : 'these'} will be asked about.`
              : `Every action listed above will be asked about: ${pluralise(inScope.actions, 'action')} of ${pluralise(inScope.agencies, 'agency', 'agencies')}. Tick actions to ask about only those.`}
          </p>
        </div>
        <DateInput
          id={REPLY_BY_ID}
          legend="Reply by"
          hint={
            <>
              For example, {formatDate(defaultReplyBy)}. Leads who have not answered are reminded before this day and their agency&rsquo;s
              senior contact is told after it, as the partnership&rsquo;s settings say.
              {linksUntil ? ` Their personal links work until the end of ${formatDate(linksUntil)}.` : ''}
            </>
          }
          value={replyBy}
          onChange={setReplyBy}
          error={errors.find((error) => error.fieldId === REPLY_BY_ID)?.message}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary" onClick={() => (intent.current = 'preview')} disabled={busy} aria-disabled={busy}>
            {pending === 'preview' ? 'Preparing the preview…' : 'Preview messages'}
          </button>
          <button type="submit" className="govuk-button" onClick={() => (intent.current = 'send')} disabled={busy} aria-disabled={busy}>
            {pending === 'send' ? 'Sending…' : 'Send update requests'}
          </button>
        </div>
      </form>
    </section>
  );
}
