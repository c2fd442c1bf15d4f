import type { AddresseeKind, Agency, LearningPoint, Recommendation, RecommendationCreate, RecommendationPatch, Subgroup } from '@lrt/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CheckboxGroup } from '@/components/checkbox-group';
import { ErrorSummary } from '@/components/error-summary';
import { FieldError, Select, TextInput, Textarea } from '@/components/form-fields';
import { VersionConflict } from '@/features/admin/components/version-conflict';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '@/features/admin/form-errors';
import { isApiError } from '@/lib/api-client';
import { LABELS } from '@/lib/contract-constants';
import { formatDate } from '@/lib/format';
import { useCreateRecommendation } from '../api/create-recommendation';
import { usePatchRecommendation } from '../api/patch-recommendation';
import { dateFromParts as dateOf, EMPTY_DATE as NO_DATE, partsOf, type DateParts } from '@/lib/date-parts';
import { numberFrom, NUMBER_MESSAGES } from '../plan-numbers';
import { DateInput } from '@/components/date-input';
import { PlanFormButtons, type SaveIntent } from './plan-form-buttons';

const ADDRESSEES = Object.keys(LABELS.addressee) as AddresseeKind[];

interface Values {
  text: string;
  addressee: AddresseeKind;
  /** '' for none. */
  leadAgencyId: string;
  subgroupId: string;
  learningPointIds: string[];
  targetDate: DateParts;
  number: string;
}

const FIELDS = ['text', 'addressee', 'leadAgencyId', 'subgroupId', 'learningPointIds', 'targetDate', 'number'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_LABELS: Record<Field, string> = {
  text: 'Recommendation',
  addressee: 'Addressed to',
  leadAgencyId: 'Agency',
  subgroupId: 'Subgroup',
  learningPointIds: 'Learning points it answers',
  targetDate: 'Target date',
  number: 'Number',
};
const MESSAGES: Partial<Record<Field, Partial<Record<string, string>>>> = {
  text: { too_small: 'Enter the recommendation' },
  targetDate: { invalid_format: 'Target date must be a real date' },
  number: NUMBER_MESSAGES,
};

/** What the API holds for a recommendation, as the form compares it. */
type Fields = Pick<Recommendation, 'text' | 'addressee' | 'leadAgencyId' | 'subgroupId' | 'learningPointIds' | 'targetDate'>;

const valuesOf = (recommendation: Recommendation): Values => ({
  text: recommendation.text,
  addressee: recommendation.addressee,
  leadAgencyId: recommendation.leadAgencyId === null ? '' : String(recommendation.leadAgencyId),
  subgroupId: recommendation.subgroupId === null ? '' : String(recommendation.subgroupId),
  learningPointIds: recommendation.learningPointIds.map(String),
  targetDate: partsOf(recommendation.targetDate),
  number: String(recommendation.number),
});

const idOrNull = (value: string) => (value === '' ? null : Number(value));

/** The form's values as a recommendation's fields. The lead agency counts only for a recommendation to an agency. */
function fieldsOf(values: Values): { fields: Fields; errors: { path: string; message: string }[] } {
  const target = dateOf(values.targetDate, 'Target date');
  const errors = 'error' in target ? [{ path: 'targetDate', message: target.error }] : [];
  if (values.addressee === 'agency' && values.leadAgencyId === '') errors.push({ path: 'leadAgencyId', message: 'Select the agency the recommendation is addressed to' });
  if (values.addressee === 'subgroup' && values.subgroupId === '') errors.push({ path: 'subgroupId', message: 'Select the subgroup the recommendation is addressed to' });
  return {
    fields: {
      text: values.text.trim(),
      addressee: values.addressee,
      leadAgencyId: values.addressee === 'agency' ? idOrNull(values.leadAgencyId) : null,
      subgroupId: idOrNull(values.subgroupId),
      learningPointIds: [...new Set(values.learningPointIds.map(Number))].sort((a, b) => a - b),
      targetDate: 'value' in target ? target.value : null,
    },
    errors,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adds a recommendation to a review (`recommendation` null) or changes one, in place on the review page. It is
 * addressed to the partnership, a subgroup or a named agency; the agency or subgroup is asked for under the choice
 * that needs it. A subgroup may oversee any recommendation; a new one starts with the review's.
 */
export function RecommendationForm({
  reviewId,
  recommendation,
  nextNumber,
  defaultSubgroupId,
  agencies,
  subgroups,
  learningPoints,
  onClose,
}: {
  reviewId: number;
  recommendation: Recommendation | null;
  nextNumber: number;
  defaultSubgroupId: number | null;
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  /** The review's, in number order. */
  learningPoints: readonly LearningPoint[];
  onClose: (saved: Recommendation | null) => void;
}) {
  const key = recommendation ? String(recommendation.id) : 'new';
  const id = (field: Field) => `recommendation-${key}-${field}`;
  const specs: FieldSpec[] = FIELDS.map((field) => ({ path: field, fieldId: id(field), label: FIELD_LABELS[field], messages: MESSAGES[field] ?? {} }));
  const empty = (): Values => ({
    text: '',
    addressee: 'partnership',
    leadAgencyId: '',
    subgroupId: defaultSubgroupId === null ? '' : String(defaultSubgroupId),
    learningPointIds: [],
    targetDate: NO_DATE,
    number: '',
  });
  const create = useCreateRecommendation();
  const patch = usePatchRecommendation();
  const [base, setBase] = useState<Recommendation | null>(recommendation);
  const [values, setValues] = useState<Values>(() => (recommendation ? valuesOf(recommendation) : empty()));
  const [numberTouched, setNumberTouched] = useState(recommendation !== null);
  const [lastAdded, setLastAdded] = useState(0);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<Recommendation | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const intent = useRef<SaveIntent>('another');
  usePreloadContracts();
  const focusFirst = () => document.getElementById(id('text'))?.focus();
  useEffect(focusFirst, []);

  const summary = useMemo(() => toSummary(errors), [errors]);
  const pending = create.isPending || patch.isPending;
  const errorOf = (field: Field) => errorAt(errors, id(field));
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((current) => ({ ...current, [field]: value }));
  const shownNumber = numberTouched ? values.number : String(Math.max(nextNumber, lastAdded + 1));

  const submit = async (onto: Recommendation | null, formValues: Values, sendNumber: boolean) => {
    const { fields, errors: readErrors } = fieldsOf(formValues);
    const number = sendNumber ? numberFrom(formValues.number) : { value: undefined };
    let body: Record<string, unknown>;
    if (onto) {
      body = { version: onto.version };
      for (const field of Object.keys(fields) as (keyof Fields)[]) if (!same(fields[field], onto[field])) body[field] = fields[field];
      if (number.value !== undefined && number.value !== onto.number) body.number = number.value;
    } else {
      body = { reviewId, ...fields, ...(number.value === undefined ? {} : { number: number.value }) };
    }
    const contracts = await loadContracts();
    const parsed = onto ? contracts.RecommendationPatch.safeParse(body) : contracts.RecommendationCreate.safeParse(body);
    const issues = [...readErrors, ...(number.error ? [{ path: 'number', message: number.error }] : []), ...(parsed.success ? [] : zodIssues(parsed.error))];
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
        ? await patch.mutateAsync({ id: onto.id, body: parsed.data as RecommendationPatch })
        : await create.mutateAsync(parsed.data as RecommendationCreate);
      setErrors([]);
      if (!onto && intent.current === 'another') {
        setValues(empty());
        setNumberTouched(false);
        setLastAdded((previous) => Math.max(previous, saved.number));
        setAdded(`Recommendation ${saved.number} has been added. Add the next one, or close the form.`);
        focusFirst();
        return;
      }
      onClose(saved);
    } catch (error) {
      if (onto && isVersionConflict(error) && isApiError(error) && error.problem.current) {
        setErrors([]);
        setConflict(error.problem.current as Recommendation);
        return;
      }
      setErrors(serverFormErrors(error, specs, 'The recommendation could not be saved. Try again.'));
    } finally {
      intent.current = 'another';
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    void submit(base, values, numberTouched);
  };

  const agencyName = (agencyId: number | null) => (agencyId === null ? 'None' : (agencies.find((a) => a.id === agencyId)?.name ?? `Agency ${agencyId}`));
  const subgroupName = (subgroupId: number | null) =>
    subgroupId === null ? 'None' : (subgroups.find((s) => s.id === subgroupId)?.name ?? `Subgroup ${subgroupId}`);
  const pointNumbers = (ids: readonly number[]) =>
    ids.length === 0 ? 'None' : ids.map((pointId) => learningPoints.find((p) => p.id === pointId)?.number ?? `id ${pointId}`).join(', ');

  if (conflict) {
    const mine = fieldsOf(values).fields;
    const rows: [string, (f: Fields) => ReactNode, keyof Fields][] = [
      ['Recommendation', (f) => <span className="app-pre-wrap">{f.text}</span>, 'text'],
      ['Addressed to', (f) => LABELS.addressee[f.addressee], 'addressee'],
      ['Agency', (f) => agencyName(f.leadAgencyId), 'leadAgencyId'],
      ['Subgroup', (f) => subgroupName(f.subgroupId), 'subgroupId'],
      ['Learning points it answers', (f) => pointNumbers(f.learningPointIds), 'learningPointIds'],
      ['Target date', (f) => formatDate(f.targetDate, 'None set'), 'targetDate'],
    ];
    return (
      <VersionConflict
        subject="this recommendation"
        pending={pending}
        rows={rows.map(([label, show, field]) => ({ label, current: show(conflict), yours: show(mine), differs: !same(conflict[field], mine[field]) }))}
        onReapply={() => {
          setBase(conflict);
          setConflict(null);
          void submit(conflict, values, true);
        }}
        onDiscard={() => {
          setBase(conflict);
          setValues(valuesOf(conflict));
          setConflict(null);
        }}
      />
    );
  }

  const chosenAgency = Number(values.leadAgencyId);
  const agencyOptions = agencies.filter((agency) => agency.active || agency.id === chosenAgency);
  const subgroupSelect = (label: string, hint?: string) => (
    <Select
      id={id('subgroupId')}
      name="subgroupId"
      label={label}
      hint={hint}
      options={[{ value: '', label: values.addressee === 'subgroup' ? 'Select a subgroup' : 'None' }, ...subgroups.map((s) => ({ value: String(s.id), label: s.name }))]}
      value={values.subgroupId}
      onChange={(event) => set('subgroupId', event.target.value)}
      error={errorOf('subgroupId')}
    />
  );
  const conditional: Partial<Record<AddresseeKind, ReactNode>> = {
    agency: (
      <Select
        id={id('leadAgencyId')}
        name="leadAgencyId"
        label="Which agency?"
        options={[{ value: '', label: 'Select an agency' }, ...agencyOptions.map((agency) => ({ value: String(agency.id), label: `${agency.name} (${agency.shortName})` }))]}
        value={values.leadAgencyId}
        onChange={(event) => set('leadAgencyId', event.target.value)}
        error={errorOf('leadAgencyId')}
      />
    ),
    subgroup: subgroupSelect('Which subgroup?'),
  };
  const headingId = `recommendation-${key}-heading`;
  const addresseeError = errorOf('addressee');

  return (
    <form className="app-plan-form app-plan-form--inline" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        {recommendation ? `Edit recommendation ${recommendation.number}` : 'Add a recommendation'}
      </h3>
      <ErrorSummary errors={summary} />
      {added ? (
        <p className="govuk-body app-plan-form__added" role="status">
          {added}
        </p>
      ) : null}
      <Textarea
        id={id('text')}
        name="text"
        label="Recommendation"
        labelSize="s"
        hint="As the review words it"
        rows={5}
        value={values.text}
        onChange={(event) => set('text', event.target.value)}
        error={errorOf('text')}
      />
      <div className={`govuk-form-group${addresseeError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={addresseeError ? `${id('addressee')}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Addressed to</legend>
          <FieldError id={`${id('addressee')}-error`} message={addresseeError} />
          <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
            {ADDRESSEES.map((addressee, index) => {
              const radioId = index === 0 ? id('addressee') : `${id('addressee')}-${index + 1}`;
              const checked = values.addressee === addressee;
              const more = conditional[addressee];
              return (
                <div key={addressee}>
                  <div className="govuk-radios__item">
                    <input
                      className="govuk-radios__input"
                      id={radioId}
                      name={`addressee-${key}`}
                      type="radio"
                      value={addressee}
                      checked={checked}
                      onChange={() => set('addressee', addressee)}
                      // No aria-expanded: a radio may not carry it (ARIA 1.2); what it reveals follows it in the page.
                      aria-controls={more ? `${radioId}-conditional` : undefined}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={radioId}>
                      {LABELS.addressee[addressee]}
                    </label>
                  </div>
                  {more ? (
                    <div id={`${radioId}-conditional`} className={`govuk-radios__conditional${checked ? '' : ' govuk-radios__conditional--hidden'}`}>
                      {checked ? more : null}
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      {values.addressee !== 'subgroup' ? subgroupSelect('Subgroup overseeing it (optional)', 'The subgroup that checks progress on this recommendation') : null}
      {learningPoints.length > 0 ? (
        <CheckboxGroup
          id={id('learningPointIds')}
          name="learningPointIds"
          legend="Learning points it answers (optional)"
          legendSize="s"
          hint="Select all that apply"
          small
          options={learningPoints.map((point) => ({ value: String(point.id), label: `${point.number}. ${point.title}` }))}
          values={values.learningPointIds}
          onChange={(ids) => set('learningPointIds', ids)}
          error={errorOf('learningPointIds')}
        />
      ) : null}
      <DateInput
        id={id('targetDate')}
        legend="Target date (optional)"
        hint="For example, 31 3 2027"
        value={values.targetDate}
        onChange={(date) => set('targetDate', date)}
        error={errorOf('targetDate')}
      />
      <TextInput
        id={id('number')}
        name="number"
        label="Number"
        labelSize="s"
        hint={recommendation ? 'To move it, use Move up and Move down instead' : 'The next number, unless you give another'}
        className="govuk-input--width-3"
        inputMode="numeric"
        autoComplete="off"
        value={shownNumber}
        onChange={(event) => {
          setNumberTouched(true);
          set('number', event.target.value);
        }}
        error={errorOf('number')}
      />
      <PlanFormButtons adding={recommendation === null} pending={pending} noun="recommendation" intent={intent} onCancel={() => onClose(null)} />
    </form>
  );
}
