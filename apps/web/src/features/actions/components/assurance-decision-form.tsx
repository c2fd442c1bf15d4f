import { AssuranceDecision, type Action, type FieldError } from '@lrt/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Textarea } from '@/components/form-fields';
import { useSettings } from '@/features/settings/api/get-settings';
import { isApiError } from '@/lib/api-client';
import { formatDate, pluralise } from '@/lib/format';
import { useDecideAssurance, type AssuranceDecisionAnswer } from '../api/decide-assurance';
import { actionKeys } from '../api/keys';
import { addDays, londonToday } from '@lrt/domain';
import { dateFromParts, EMPTY_DATE, partsOf, type DateParts } from '@/lib/date-parts';
import { DateInput } from '@/components/date-input';

/** A sign-off decision on a completed action: assure it, or return it to its agency for more information. */
export type SignOffDecision = 'assure' | 'return';

export interface AssuranceDecisionFormProps {
  action: Action;
  decision: SignOffDecision;
  onCancel: () => void;
  onDecided: (answer: AssuranceDecisionAnswer) => void;
  onErrorsChange?: ((hasErrors: boolean) => void) | undefined;
  /** The level of the form's heading: one below the heading it sits under. */
  headingLevel?: 3 | 4;
}

interface FormError {
  fieldId: string | undefined;
  message: string;
}

const FIELD_ORDER = ['evidenceOfImpact', 'note', 'question', 'replyBy'];
const LABELS: Record<string, string> = {
  evidenceOfImpact: 'Evidence of impact',
  note: 'Note for the record',
  question: 'The question',
  replyBy: 'Answer due by',
};

function describe(path: string, message: string, code?: string) {
  const field = path.split('.')[0] ?? path;
  if (code === 'too_small' && field === 'evidenceOfImpact') return 'Enter the evidence of impact that shows practice changed';
  if (code === 'too_small' && field === 'question') return 'Enter what more information the agency needs to give';
  const label = LABELS[field];
  if (label && /^(must|may|is|are|should|cannot|needs|no|not)\b/i.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

const isAction = (value: unknown): value is Action => typeof value === 'object' && value !== null && 'id' in value && 'version' in value;

/**
 * Assure a completed action (the evidence of impact, and a note if wanted) or return it for more information (the
 * question, and the day the answer is due: the partnership's reply period unless changed), through
 * `POST /api/actions/:id/assurance`. A decision carries no confidence: it is not the agency's progress.
 *
 * Checked with the shared `AssuranceDecision` schema, and by the API, whose field errors show the same way. This
 * module brings zod with it, so it is loaded only when someone opens it.
 */
export function AssuranceDecisionForm({ action, decision, onCancel, onDecided, onErrorsChange, headingLevel = 3 }: AssuranceDecisionFormProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const prefix = `decision-${action.id}`;
  const ids = {
    heading: `${prefix}-heading`,
    impact: `${prefix}-impact`,
    note: `${prefix}-note`,
    question: `${prefix}-question`,
    replyBy: `${prefix}-reply-by`,
  };
  const queryClient = useQueryClient();
  const settings = useSettings();
  const replyPeriodDays = settings.data?.replyPeriodDays;
  const [evidenceOfImpact, setEvidenceOfImpact] = useState('');
  const [note, setNote] = useState('');
  const [question, setQuestion] = useState('');
  const [replyBy, setReplyBy] = useState<DateParts>(() =>
    replyPeriodDays === undefined ? EMPTY_DATE : partsOf(addDays(londonToday(new Date()), replyPeriodDays)),
  );
  const replyByTouched = useRef(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const mutation = useDecideAssurance(action.id);
  const assuring = decision === 'assure';

  // The reply period comes with the partnership's settings; the day shows as soon as they arrive, unless changed.
  useEffect(() => {
    if (replyPeriodDays !== undefined && !replyByTouched.current) setReplyBy(partsOf(addDays(londonToday(new Date()), replyPeriodDays)));
  }, [replyPeriodDays]);
  // Opening the form moves focus into it; closing it gives focus back to the control that opened it (the caller does).
  useEffect(() => {
    document.getElementById(assuring ? ids.impact : ids.question)?.focus();
  }, [assuring, ids.impact, ids.question]);
  useEffect(() => onErrorsChange?.(errors.length > 0), [errors, onErrorsChange]);

  const fieldIdFor = (path: string) => {
    const field = path.split('.')[0];
    if (field === 'evidenceOfImpact') return ids.impact;
    if (field === 'note') return ids.note;
    if (field === 'question') return ids.question;
    if (field === 'replyBy') return ids.replyBy;
    return undefined;
  };
  const toFormErrors = (fieldErrors: readonly (FieldError & { code?: string })[]): FormError[] =>
    fieldErrors
      .map((error) => ({
        fieldId: fieldIdFor(error.path),
        message: describe(error.path, error.message, error.code),
        rank: FIELD_ORDER.indexOf(error.path.split('.')[0] ?? ''),
      }))
      .sort((a, b) => (a.rank === -1 ? 99 : a.rank) - (b.rank === -1 ? 99 : b.rank))
      .filter((error, index, all) => error.fieldId === undefined || all.findIndex((other) => other.fieldId === error.fieldId) === index)
      .map(({ fieldId, message }) => ({ fieldId, message }));

  const serverErrors = (error: unknown): FormError[] => {
    if (!isApiError(error)) return [{ fieldId: undefined, message: 'The decision could not be sent. Try again.' }];
    if (error.code.endsWith('version_conflict')) {
      if (isAction(error.problem.current)) queryClient.setQueryData(actionKeys.detail(action.id), error.problem.current);
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

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const clientErrors: (FieldError & { code?: string })[] = [];
    let body: Record<string, unknown>;
    if (assuring) {
      body = { decision: 'assure', evidenceOfImpact, ...(note.trim() ? { note } : {}), actionVersion: action.version };
    } else {
      const day = dateFromParts(replyBy, 'Answer due by');
      if ('error' in day) clientErrors.push({ path: 'replyBy', message: day.error });
      else if (day.value !== null && day.value < londonToday(new Date())) clientErrors.push({ path: 'replyBy', message: 'Answer due by must be today or later' });
      const value = 'value' in day ? day.value : null;
      body = { decision: 'return', question, ...(value ? { replyBy: value } : {}), actionVersion: action.version };
    }
    const parsed = AssuranceDecision.safeParse(body);
    if (!parsed.success) {
      clientErrors.push(...parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message, code: issue.code })));
    }
    if (!parsed.success || clientErrors.length > 0) {
      setErrors(toFormErrors(clientErrors));
      return;
    }
    try {
      const answer = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      onDecided(answer);
    } catch (error) {
      setErrors(serverErrors(error));
    }
  };

  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  const summary: SummaryError[] = useMemo(() => errors.map((error) => ({ ...error })), [errors]);

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={ids.heading}>
      <ErrorSummary errors={summary} />
      <Heading className="govuk-heading-s" id={ids.heading}>
        {assuring ? `Assure action ${action.ref}` : `Return action ${action.ref} for more information`}
      </Heading>
      {assuring ? (
        <>
          <Textarea
            id={ids.impact}
            name="evidenceOfImpact"
            label="Evidence of impact"
            labelSize="s"
            hint="What shows that practice changed: audit or re-audit findings, case sampling, feedback from staff, children and families."
            value={evidenceOfImpact}
            onChange={(event) => setEvidenceOfImpact(event.target.value)}
            error={errorAt(ids.impact)}
          />
          <Textarea
            id={ids.note}
            name="note"
            label="Note for the record (optional)"
            labelSize="s"
            hint="For example, the meeting that agreed the sign-off and anything the agency should keep doing."
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            error={errorAt(ids.note)}
          />
        </>
      ) : (
        <>
          <Textarea
            id={ids.question}
            name="question"
            label="What more information is needed?"
            labelSize="s"
            hint="The agency lead sees this question on the action, which goes back to in progress until they answer."
            rows={4}
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            error={errorAt(ids.question)}
          />
          <DateInput
            id={ids.replyBy}
            legend="Answer due by"
            hint={
              replyPeriodDays !== undefined
                ? `The partnership gives agencies ${pluralise(replyPeriodDays, 'day')} to answer, so ${formatDate(addDays(londonToday(new Date()), replyPeriodDays))}. Change it if the subgroup agreed another day.`
                : 'Left empty, the partnership’s reply period applies.'
            }
            value={replyBy}
            onChange={(value) => {
              replyByTouched.current = true;
              setReplyBy(value);
            }}
            error={errorAt(ids.replyBy)}
          />
        </>
      )}
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
