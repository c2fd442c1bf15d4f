import type { AddresseeKind, Agency, LearningPoint, Recommendation, Subgroup } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { CheckboxGroup } from '@/components/checkbox-group';
import { FieldError, Select, Textarea } from '@/components/form-fields';
import { LABELS } from '@/lib/contract-constants';
import { formatDate } from '@/lib/format';
import { useCreateRecommendation } from '../api/create-recommendation';
import { usePatchRecommendation } from '../api/patch-recommendation';
import { dateFromParts as dateOf, EMPTY_DATE as NO_DATE, partsOf, type DateParts } from '@/lib/date-parts';
import { DateInput } from '@/components/date-input';
import { InPlaceForm } from './in-place-form';
import { useInPlaceForm } from './use-in-place-form';

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

type Field = keyof Values;
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

/** Every field when adding (to `reviewId`); only what changed when changing `onto`. */
function bodyOf(reviewId: number, values: Values, onto: Recommendation | null) {
  const { fields, errors } = fieldsOf(values);
  if (!onto) return { body: { reviewId, ...fields }, errors };
  const body: Record<string, unknown> = {};
  for (const field of Object.keys(fields) as (keyof Fields)[]) if (!same(fields[field], onto[field])) body[field] = fields[field];
  return { body, errors };
}

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
  const form = useInPlaceForm({
    noun: 'recommendation',
    item: recommendation,
    nextNumber,
    labels: FIELD_LABELS,
    messages: MESSAGES,
    firstField: 'text',
    // A new recommendation starts with the review's subgroup.
    empty: (): Values => ({
      text: '',
      addressee: 'partnership',
      leadAgencyId: '',
      subgroupId: defaultSubgroupId === null ? '' : String(defaultSubgroupId),
      learningPointIds: [],
      targetDate: NO_DATE,
      number: '',
    }),
    valuesOf,
    bodyOf: (values, onto) => bodyOf(reviewId, values, onto),
    schemas: (contracts) => ({ create: contracts.RecommendationCreate, patch: contracts.RecommendationPatch }),
    create: useCreateRecommendation(),
    patch: usePatchRecommendation(),
    onClose,
  });
  const { id, values, set, errorOf } = form;
  const key = recommendation ? String(recommendation.id) : 'new';

  const agencyName = (agencyId: number | null) => (agencyId === null ? 'None' : (agencies.find((a) => a.id === agencyId)?.name ?? `Agency ${agencyId}`));
  const subgroupName = (subgroupId: number | null) =>
    subgroupId === null ? 'None' : (subgroups.find((s) => s.id === subgroupId)?.name ?? `Subgroup ${subgroupId}`);
  const pointNumbers = (ids: readonly number[]) =>
    ids.length === 0 ? 'None' : ids.map((pointId) => learningPoints.find((p) => p.id === pointId)?.number ?? `id ${pointId}`).join(', ');

  /** Someone else's saved recommendation beside this form's, as each reads on the page. */
  const conflictRows = (saved: Recommendation) => {
    const mine = fieldsOf(values).fields;
    const rows: [string, (f: Fields) => ReactNode, keyof Fields][] = [
      ['Recommendation', (f) => <span className="app-pre-wrap">{f.text}</span>, 'text'],
      ['Addressed to', (f) => LABELS.addressee[f.addressee], 'addressee'],
      ['Agency', (f) => agencyName(f.leadAgencyId), 'leadAgencyId'],
      ['Subgroup', (f) => subgroupName(f.subgroupId), 'subgroupId'],
      ['Learning points it answers', (f) => pointNumbers(f.learningPointIds), 'learningPointIds'],
      ['Target date', (f) => formatDate(f.targetDate, 'None set'), 'targetDate'],
    ];
    return rows.map(([label, show, field]) => ({ label, current: show(saved), yours: show(mine), differs: !same(saved[field], mine[field]) }));
  };

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
  const addresseeError = errorOf('addressee');

  return (
    <InPlaceForm form={form} conflictRows={conflictRows}>
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
    </InPlaceForm>
  );
}
