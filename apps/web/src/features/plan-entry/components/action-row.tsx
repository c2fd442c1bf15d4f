import { memo, useMemo } from 'react';
import type { Agency, Recommendation } from '@lrt/contracts';
import { ACTION_KINDS, LABELS } from '@/lib/contract-constants';
import { AgencyMultiPicker, AgencyPicker, MultiPicker, type PickerOption } from '@/components/agency-picker';
import { FieldError, Radios, Select, Textarea } from '@/components/form-fields';
import { fieldId, ROW_FIELD_LABELS, type PlanRow, type RowField } from '../plan-rows';
import { parseTargetDate } from '../target-date';

export interface RowReference {
  /** Only the agencies a new action may be given: the active ones. */
  agencies: readonly Agency[];
  recommendations: readonly Recommendation[];
  themes: readonly PickerOption[];
}

interface ActionRowProps {
  row: PlanRow;
  /** 1-based, as people count. */
  number: number;
  reference: RowReference;
  /** The message beside each field, by field id. */
  errorAt: (id: string) => string | undefined;
  onChange: (key: number, patch: Partial<PlanRow>) => void;
  /** Absent when this is the only row. */
  onRemove: ((key: number) => void) | undefined;
}

const shorten = (text: string, length = 80) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** The first field of a row, which "Add another action" moves to. */
export const firstFieldOf = (key: number, reference: RowReference) =>
  fieldId(key, reference.recommendations.length > 0 ? 'recommendationId' : 'ownerAgencyId');

/**
 * One action of the plan, laid out like a row of the Word table on a wide screen and as a card on a phone. The
 * fields come in the order a person tabs through them, and every one is labelled (the row's legend, "Action 3",
 * is read with each), so nothing depends on seeing a column heading.
 */
export const ActionRow = memo(function ActionRow({ row, number, reference, errorAt, onChange, onRemove }: ActionRowProps) {
  const { key } = row;
  const id = (field: RowField) => fieldId(key, field);
  const error = (field: RowField) => errorAt(id(field));
  const change = (patch: Partial<PlanRow>) => onChange(key, patch);
  const partnerChoices = useMemo(() => reference.agencies.filter((agency) => agency.id !== row.ownerAgencyId), [reference.agencies, row.ownerAgencyId]);
  const typedDate = parseTargetDate(row.targetDate);
  const dateId = id('targetDate');
  const dateError = error('targetDate');

  return (
    <fieldset className="govuk-fieldset app-plan-row" data-testid="plan-row">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m app-plan-row__legend">Action {number}</legend>
      <div className="app-plan-row__grid">
        {reference.recommendations.length > 0 ? (
          <div className="app-plan-row__cell app-plan-row__cell--wide">
            <Select
              id={id('recommendationId')}
              label={ROW_FIELD_LABELS.recommendationId}
              labelSize="s"
              options={[
                { value: '', label: 'Not linked to a recommendation' },
                ...reference.recommendations.map((r) => ({ value: String(r.id), label: `Recommendation ${r.number}: ${shorten(r.text)}` })),
              ]}
              value={row.recommendationId}
              onChange={(event) => change({ recommendationId: event.target.value })}
              error={error('recommendationId')}
            />
          </div>
        ) : null}
        <div className="app-plan-row__cell">
          <AgencyPicker
            id={id('ownerAgencyId')}
            label={ROW_FIELD_LABELS.ownerAgencyId}
            labelSize="s"
            hint="Type its name or short name"
            agencies={reference.agencies}
            value={row.ownerAgencyId}
            onChange={(ownerAgencyId) => change({ ownerAgencyId })}
            error={error('ownerAgencyId')}
          />
        </div>
        <div className="app-plan-row__cell">
          <Radios
            id={id('kind')}
            name={`action-${key}-kind`}
            legend={ROW_FIELD_LABELS.kind}
            legendSize="s"
            small
            options={ACTION_KINDS.map((kind) => ({ value: kind, label: LABELS.actionKind[kind] }))}
            value={row.kind}
            onChange={(kind) => change({ kind: kind === 'multi_agency' ? 'multi_agency' : 'single_agency' })}
            error={error('kind')}
          />
        </div>
        {row.kind === 'multi_agency' ? (
          <div className="app-plan-row__cell app-plan-row__cell--full">
            <AgencyMultiPicker
              id={id('partnerAgencyIds')}
              label={ROW_FIELD_LABELS.partnerAgencyIds}
              labelSize="s"
              hint="The other agencies sharing this action. Add each by typing its name or short name."
              agencies={partnerChoices}
              values={row.partnerAgencyIds}
              onChange={(partnerAgencyIds) => change({ partnerAgencyIds })}
              error={error('partnerAgencyIds')}
            />
          </div>
        ) : null}
        <div className="app-plan-row__cell">
          <Textarea
            id={id('learningNeed')}
            label={ROW_FIELD_LABELS.learningNeed}
            labelSize="s"
            rows={4}
            value={row.learningNeed}
            onChange={(event) => change({ learningNeed: event.target.value })}
            error={error('learningNeed')}
          />
        </div>
        <div className="app-plan-row__cell">
          <Textarea
            id={id('action')}
            label={ROW_FIELD_LABELS.action}
            labelSize="s"
            rows={4}
            value={row.action}
            onChange={(event) => change({ action: event.target.value })}
            error={error('action')}
          />
        </div>
        <div className="app-plan-row__cell">
          <Textarea
            id={id('successMeasure')}
            label={`${ROW_FIELD_LABELS.successMeasure} (optional)`}
            labelSize="s"
            rows={4}
            value={row.successMeasure}
            onChange={(event) => change({ successMeasure: event.target.value })}
            error={error('successMeasure')}
          />
        </div>
        <div className="app-plan-row__cell">
          <div className={`govuk-form-group${dateError ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor={dateId}>
              {ROW_FIELD_LABELS.targetDate} (optional)
            </label>
            <div id={`${dateId}-hint`} className="govuk-hint">
              For example, 31/3/2027
            </div>
            <FieldError id={`${dateId}-error`} message={dateError} />
            <input
              id={dateId}
              type="text"
              inputMode="text"
              autoComplete="off"
              spellCheck={false}
              className={`govuk-input app-plan-row__date${dateError ? ' govuk-input--error' : ''}`}
              value={row.targetDate}
              onChange={(event) => change({ targetDate: event.target.value })}
              aria-describedby={[`${dateId}-hint`, dateError ? `${dateId}-error` : null, `${dateId}-words`].filter(Boolean).join(' ')}
              aria-invalid={dateError ? true : undefined}
            />
            <p id={`${dateId}-words`} className="govuk-body-s app-plan-row__date-words">
              {typedDate.kind === 'date' ? typedDate.words : typedDate.kind === 'invalid' ? 'Not a date yet' : ''}
            </p>
          </div>
        </div>
        <div className="app-plan-row__cell app-plan-row__cell--themes">
          <MultiPicker
            id={id('themeIds')}
            label={`${ROW_FIELD_LABELS.themeIds} (optional)`}
            labelSize="s"
            hint="Add each by typing part of its name"
            options={reference.themes}
            noun={{ one: 'theme', many: 'themes' }}
            values={row.themeIds}
            onChange={(themeIds) => change({ themeIds })}
            error={error('themeIds')}
          />
        </div>
        {onRemove ? (
          <div className="app-plan-row__cell app-plan-row__cell--remove">
            <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => onRemove(key)}>
              Remove this action<span className="govuk-visually-hidden"> (action {number})</span>
            </button>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
});
