import type { LearningPoint, LearningPointCreate, LearningPointPatch } from '@lrt/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput, Textarea } from '@/components/form-fields';
import { VersionConflict } from '@/features/admin/components/version-conflict';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '@/features/admin/form-errors';
import { isApiError } from '@/lib/api-client';
import { useCreateLearningPoint } from '../api/create-learning-point';
import { usePatchLearningPoint } from '../api/patch-learning-point';
import { numberFrom, NUMBER_MESSAGES } from '../plan-numbers';
import { PlanFormButtons, type SaveIntent } from './plan-form-buttons';

interface Values {
  title: string;
  description: string;
  /** As typed; '' for the next free number. */
  number: string;
}

const FIELDS = ['title', 'description', 'number'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = { title: 'Title', description: 'Description', number: 'Number' };

const valuesOf = (point: LearningPoint): Values => ({ title: point.title, description: point.description, number: String(point.number) });

/**
 * Adds a learning point to a review (`point` null) or changes one, in place on the review page. Adding keeps the
 * form open for the next one ("Save and add another"), since a plan is usually typed in from a document point by
 * point; `onClose` is told what was saved, if anything, so the list can put focus back where it was.
 */
export function LearningPointForm({
  reviewId,
  point,
  nextNumber,
  onClose,
}: {
  reviewId: number;
  point: LearningPoint | null;
  /** The number a new point gets if the person leaves it as it is. */
  nextNumber: number;
  onClose: (saved: LearningPoint | null) => void;
}) {
  const key = point ? String(point.id) : 'new';
  const id = (field: Field) => `learning-point-${key}-${field}`;
  const specs: FieldSpec[] = FIELDS.map((field) => ({
    path: field,
    fieldId: id(field),
    label: LABELS[field],
    messages: field === 'title' ? { too_small: 'Enter a title for the learning point' } : field === 'number' ? NUMBER_MESSAGES : {},
  }));
  const create = useCreateLearningPoint(reviewId);
  const patch = usePatchLearningPoint(reviewId);
  const [base, setBase] = useState<LearningPoint | null>(point);
  const [values, setValues] = useState<Values>(() => (point ? valuesOf(point) : { title: '', description: '', number: '' }));
  /** Until the person types a number, a new point takes the next free one (the box shows which). */
  const [numberTouched, setNumberTouched] = useState(point !== null);
  const [lastAdded, setLastAdded] = useState(0);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<LearningPoint | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const intent = useRef<SaveIntent>('another');
  usePreloadContracts();
  const focusTitle = () => document.getElementById(id('title'))?.focus();
  // The form opens where the person was: start them in its first field.
  useEffect(focusTitle, []);

  const summary = useMemo(() => toSummary(errors), [errors]);
  const pending = create.isPending || patch.isPending;
  const shownNumber = numberTouched ? values.number : String(Math.max(nextNumber, lastAdded + 1));
  const set = (field: Field, value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (onto: LearningPoint | null, formValues: Values, sendNumber: boolean) => {
    const number = sendNumber ? numberFrom(formValues.number) : { value: undefined };
    const contracts = await loadContracts();
    let body: Record<string, unknown>;
    if (onto) {
      body = { version: onto.version };
      if (formValues.title.trim() !== onto.title) body.title = formValues.title;
      if (formValues.description.trim() !== onto.description) body.description = formValues.description;
      if (number.value !== undefined && number.value !== onto.number) body.number = number.value;
    } else {
      body = { title: formValues.title, description: formValues.description, ...(number.value === undefined ? {} : { number: number.value }) };
    }
    const parsed = onto ? contracts.LearningPointPatch.safeParse(body) : contracts.LearningPointCreate.safeParse(body);
    const issues = [...(number.error ? [{ path: 'number', message: number.error }] : []), ...(parsed.success ? [] : zodIssues(parsed.error))];
    if (issues.length > 0 || !parsed.success) {
      setErrors(toFormErrors(issues, specs));
      return;
    }
    if (onto && Object.keys(body).length === 1) {
      setErrors([]);
      onClose(null);
      return;
    }
    try {
      const saved = onto
        ? await patch.mutateAsync({ id: onto.id, body: parsed.data as LearningPointPatch })
        : await create.mutateAsync(parsed.data as LearningPointCreate);
      setErrors([]);
      if (!onto && intent.current === 'another') {
        setValues({ title: '', description: '', number: '' });
        setNumberTouched(false);
        setLastAdded((previous) => Math.max(previous, saved.number));
        setAdded(`Learning point ${saved.number} has been added. Add the next one, or close the form.`);
        focusTitle();
        return;
      }
      onClose(saved);
    } catch (error) {
      if (onto && isVersionConflict(error) && isApiError(error) && error.problem.current) {
        setErrors([]);
        setConflict(error.problem.current as LearningPoint);
        return;
      }
      setErrors(serverFormErrors(error, specs, 'The learning point could not be saved. Try again.'));
    } finally {
      intent.current = 'another';
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    void submit(base, values, numberTouched);
  };

  if (conflict) {
    const saved = valuesOf(conflict);
    return (
      <VersionConflict
        subject="this learning point"
        pending={pending}
        rows={FIELDS.map((field) => ({
          label: LABELS[field],
          current: saved[field] || 'Empty',
          yours: values[field] || 'Empty',
          differs: saved[field].trim() !== values[field].trim(),
        }))}
        onReapply={() => {
          setBase(conflict);
          setConflict(null);
          void submit(conflict, values, true);
        }}
        onDiscard={() => {
          setBase(conflict);
          setValues(saved);
          setConflict(null);
        }}
      />
    );
  }

  const headingId = `learning-point-${key}-heading`;
  return (
    <form className="app-plan-form app-plan-form--inline" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        {point ? `Edit learning point ${point.number}` : 'Add a learning point'}
      </h3>
      <ErrorSummary errors={summary} />
      {added ? (
        <p className="govuk-body app-plan-form__added" role="status">
          {added}
        </p>
      ) : null}
      <TextInput
        id={id('title')}
        name="title"
        label="Title"
        labelSize="s"
        hint="The learning point or finding, in a line"
        autoComplete="off"
        value={values.title}
        onChange={(event) => set('title', event.target.value)}
        error={errorAt(errors, id('title'))}
      />
      <Textarea
        id={id('description')}
        name="description"
        label="Description (optional)"
        labelSize="s"
        hint="What the review found, as it says it"
        rows={5}
        value={values.description}
        onChange={(event) => set('description', event.target.value)}
        error={errorAt(errors, id('description'))}
      />
      <TextInput
        id={id('number')}
        name="number"
        label="Number"
        labelSize="s"
        hint={point ? 'To move it, use Move up and Move down instead' : 'The next number, unless you give another'}
        className="govuk-input--width-3"
        inputMode="numeric"
        autoComplete="off"
        value={shownNumber}
        onChange={(event) => {
          setNumberTouched(true);
          set('number', event.target.value);
        }}
        error={errorAt(errors, id('number'))}
      />
      <PlanFormButtons adding={point === null} pending={pending} noun="learning point" intent={intent} onCancel={() => onClose(null)} />
    </form>
  );
}
