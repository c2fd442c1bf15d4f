import type { ReactNode } from 'react';
import { FieldError } from '@/components/form-fields';
import type { DateParts } from '@/lib/date-parts';

/**
 * The GOV.UK date input: day, month and year boxes in a fieldset whose legend names the date. `id` is the day
 * box's (where an error summary link goes); the others are `-month` and `-year`.
 */
export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const boxes = [
    ['day', 'Day', id, 2],
    ['month', 'Month', `${id}-month`, 2],
    ['year', 'Year', `${id}-year`, 4],
  ] as const;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError id={errorId} message={error} />
        <div className="govuk-date-input">
          {boxes.map(([part, label, boxId, width]) => (
            <div key={part} className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={boxId}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
                  id={boxId}
                  name={`${id}-${part}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={value[part]}
                  onChange={(event) => onChange({ ...value, [part]: event.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
