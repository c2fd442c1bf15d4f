import type { Agency, Review, ReportSection, Snapshot, Subgroup } from '@lrt/contracts';
import { londonToday } from '@lrt/domain';
import { useState, type FormEvent } from 'react';
import { CheckboxGroup } from '@/components/checkbox-group';
import { DateInput } from '@/components/date-input';
import { Select } from '@/components/form-fields';
import type { FormError } from '@/features/admin/form-errors';
import { dateFromParts, partsOf, type DateParts } from '@/lib/date-parts';
import { formatDate } from '@/lib/format';
import { REPORT_SCOPES, type ReportChoices, type ReportScope } from '../report-choices';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from '@/lib/contract-constants';

/** The id of each field, where the error summary's links go. A scope's picker is shown only while it is chosen. */
export const REPORT_FIELD_IDS = {
  scope: 'report-scope',
  reviewId: 'report-review',
  subgroupId: 'report-subgroup',
  agencyId: 'report-agency',
  from: 'report-from',
  to: 'report-to',
  asAt: 'report-as-at',
  compareTo: 'report-compare-to',
  sections: 'report-sections',
} as const;

/** The fields in page order, with the words errors about them start with (the API's messages are predicates). */
export const REPORT_FIELD_SPECS = [
  { path: 'reviewId', fieldId: REPORT_FIELD_IDS.reviewId, label: 'The review' },
  { path: 'subgroupId', fieldId: REPORT_FIELD_IDS.subgroupId, label: 'The subgroup' },
  { path: 'agencyId', fieldId: REPORT_FIELD_IDS.agencyId, label: 'The agency' },
  { path: 'from', fieldId: REPORT_FIELD_IDS.from, label: 'The start of the period' },
  { path: 'to', fieldId: REPORT_FIELD_IDS.to, label: 'The end of the period' },
  { path: 'asAt', fieldId: REPORT_FIELD_IDS.asAt, label: 'The as-at date' },
  { path: 'compareTo', fieldId: REPORT_FIELD_IDS.compareTo, label: 'The snapshot to compare with' },
  { path: 'sections', fieldId: REPORT_FIELD_IDS.sections, label: 'The sections' },
] as const;

const SCOPE_LABELS: Record<ReportScope, string> = {
  partnership: 'The whole partnership',
  review: 'One review',
  subgroup: 'One subgroup',
  agency: 'One agency',
};

const scopeRadioId = (index: number) => (index === 0 ? REPORT_FIELD_IDS.scope : `${REPORT_FIELD_IDS.scope}-${index + 1}`);
const idOf = (value: string) => (/^\d+$/.test(value) ? Number(value) : undefined);

export interface ReportFormProps {
  choices: ReportChoices;
  reviews: readonly Review[];
  subgroups: readonly Subgroup[];
  agencies: readonly Agency[];
  snapshots: readonly Snapshot[];
  /** Errors to show beside the fields: the API's, about the report last asked for. */
  serverErrors: readonly FormError[];
  onPreview: (choices: ReportChoices) => void;
  /** The form's own errors when it is sent, for the page's error summary (empty when there are none). */
  onErrors: (errors: FormError[]) => void;
}

/**
 * What the report covers and how: the scope (with its picker), the period, the as-at date, what to compare with and
 * the sections. The choices go into the URL when the report is previewed, so a link reproduces the report.
 */
export function ReportForm({ choices, reviews, subgroups, agencies, snapshots, serverErrors, onPreview, onErrors }: ReportFormProps) {
  const today = londonToday(new Date());
  const [scope, setScope] = useState<ReportScope>(choices.scope);
  const [ids, setIds] = useState({
    reviewId: choices.reviewId ? String(choices.reviewId) : '',
    subgroupId: choices.subgroupId ? String(choices.subgroupId) : '',
    agencyId: choices.agencyId ? String(choices.agencyId) : '',
  });
  const [from, setFrom] = useState<DateParts>(partsOf(choices.from));
  const [to, setTo] = useState<DateParts>(partsOf(choices.to));
  const [asAt, setAsAt] = useState<DateParts>(partsOf(choices.asAt ?? today));
  const [compareTo, setCompareTo] = useState(choices.compareTo ? String(choices.compareTo) : '');
  const [sections, setSections] = useState<ReportSection[]>(choices.sections);
  const [ownErrors, setOwnErrors] = useState<FormError[]>([]);

  const errors = ownErrors.length > 0 ? ownErrors : serverErrors;
  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FormError[] = [];
    const fail = (path: keyof typeof REPORT_FIELD_IDS, message: string) => found.push({ path, fieldId: REPORT_FIELD_IDS[path], message });

    const picked = scope === 'partnership' ? undefined : idOf(ids[`${scope}Id`]);
    if (scope !== 'partnership' && picked === undefined) fail(`${scope}Id`, `Choose the ${scope} the report is about`);

    const read = (parts: DateParts, path: 'from' | 'to' | 'asAt', label: string) => {
      const result = dateFromParts(parts, label);
      if ('error' in result) {
        fail(path, result.error);
        return undefined;
      }
      return result.value ?? undefined;
    };
    const fromDate = read(from, 'from', 'The start of the period');
    const toDate = read(to, 'to', 'The end of the period');
    const asAtDate = read(asAt, 'asAt', 'The as-at date');
    if (fromDate && toDate && fromDate > toDate) fail('to', 'The end of the period must be the same as or after its start');
    if (asAtDate && asAtDate > today) fail('asAt', `The as-at date must be today (${formatDate(today)}) or earlier`);
    if (sections.length === 0) fail('sections', 'Choose at least one section for the report');

    setOwnErrors(found);
    onErrors(found);
    if (found.length > 0) return;
    onPreview({
      scope,
      reviewId: scope === 'review' ? picked : undefined,
      subgroupId: scope === 'subgroup' ? picked : undefined,
      agencyId: scope === 'agency' ? picked : undefined,
      from: fromDate,
      to: toDate,
      asAt: asAtDate ?? today,
      compareTo: idOf(compareTo),
      sections,
    });
  };

  const pickers: Record<Exclude<ReportScope, 'partnership'>, { label: string; options: { value: string; label: string }[] }> = {
    review: { label: 'Review', options: reviews.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.title}` })) },
    subgroup: { label: 'Subgroup', options: subgroups.map((s) => ({ value: String(s.id), label: s.name })) },
    agency: {
      label: 'Agency',
      options: agencies.filter((a) => a.active || String(a.id) === ids.agencyId).map((a) => ({ value: String(a.id), label: a.name })),
    },
  };
  const scopeError = scope === 'partnership' ? undefined : errorAt(REPORT_FIELD_IDS[`${scope}Id`]);

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="report-form-heading" className="app-report-form">
      <h2 className="govuk-heading-m" id="report-form-heading">
        What the report covers
      </h2>

      <div className={`govuk-form-group${scopeError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Report on</legend>
          <div className="govuk-radios" data-module="govuk-radios">
            {REPORT_SCOPES.map((value, index) => {
              const checked = scope === value;
              return (
                <div key={value}>
                  <div className="govuk-radios__item">
                    <input
                      className="govuk-radios__input"
                      id={scopeRadioId(index)}
                      name="scope"
                      type="radio"
                      value={value}
                      checked={checked}
                      onChange={() => setScope(value)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={scopeRadioId(index)}>
                      {SCOPE_LABELS[value]}
                    </label>
                  </div>
                  {value !== 'partnership' && checked ? (
                    <div className="govuk-radios__conditional">
                      <Select
                        id={REPORT_FIELD_IDS[`${value}Id`]}
                        name={`${value}Id`}
                        label={pickers[value].label}
                        error={scopeError}
                        value={ids[`${value}Id`]}
                        onChange={(event) => setIds((current) => ({ ...current, [`${value}Id`]: event.target.value }))}
                        options={[{ value: '', label: `Choose a ${value}` }, ...pickers[value].options]}
                      />
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>

      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">The period</legend>
        <div id="report-period-hint" className="govuk-hint">
          BRAG changes, completions and revised dates are counted over the period. Leave the start empty for the twelve months
          to its end, and the end empty for the as-at date.
        </div>
        <DateInput id={REPORT_FIELD_IDS.from} legend="From" hint="For example, 1 4 2025" error={errorAt(REPORT_FIELD_IDS.from)} value={from} onChange={setFrom} />
        <DateInput id={REPORT_FIELD_IDS.to} legend="To" hint="For example, 31 3 2026" error={errorAt(REPORT_FIELD_IDS.to)} value={to} onChange={setTo} />
      </fieldset>

      <DateInput
        id={REPORT_FIELD_IDS.asAt}
        legend="As at"
        hint="The plan as it stood at the end of this day: today or earlier."
        error={errorAt(REPORT_FIELD_IDS.asAt)}
        value={asAt}
        onChange={setAsAt}
      />

      <Select
        id={REPORT_FIELD_IDS.compareTo}
        name="compareTo"
        label="Compare with"
        labelSize="s"
        hint="“What changed” lists what moved since this point."
        error={errorAt(REPORT_FIELD_IDS.compareTo)}
        value={compareTo}
        onChange={(event) => setCompareTo(event.target.value)}
        options={[
          { value: '', label: 'The start of the period' },
          ...snapshots.map((s) => ({ value: String(s.id), label: `Snapshot: ${s.name} (as at ${formatDate(s.asAt)})` })),
        ]}
      />

      <CheckboxGroup
        id={REPORT_FIELD_IDS.sections}
        name="sections"
        legend="Sections"
        legendSize="s"
        hint="Every section is included unless you untick it."
        error={errorAt(REPORT_FIELD_IDS.sections)}
        options={REPORT_SECTIONS.map((section) => ({ value: section, label: REPORT_SECTION_TITLES[section] }))}
        values={sections}
        onChange={(values) => setSections(values as ReportSection[])}
        small
      />

      <button type="submit" className="govuk-button">
        Preview
      </button>
    </form>
  );
}
