import { Fragment, useRef, useState, type ReactNode } from 'react';
import { FieldError } from './form-fields';

/**
 * GOV.UK checkboxes whose state React holds, with the GOV.UK conditional reveal: an option may carry more
 * questions, shown under it only while it is ticked. As GOV.UK Frontend's own script does, the ticked box says
 * what it controls (`aria-controls`) and whether that is shown (`aria-expanded`); a polite status message also
 * says what appeared, since not every screen reader reads out the change of `aria-expanded` on a checkbox.
 */
export interface CheckboxOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** More questions, shown beneath this option while it is ticked. */
  conditional?: ReactNode;
  /** Read out when the conditional content appears, e.g. "Agencies to lead for are shown below". */
  conditionalAnnouncement?: string;
}

export interface CheckboxGroupProps {
  /** The id of the first checkbox (what error summary links point to); the others get `-2`, `-3`… */
  id: string;
  name: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  small?: boolean;
}

const choiceId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

export function CheckboxGroup({ id, name, legend, legendSize, hint, error, options, values, onChange, small }: CheckboxGroupProps) {
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(0);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  const toggle = (option: CheckboxOption, checked: boolean) => {
    const next = checked ? [...values, option.value] : values.filter((value) => value !== option.value);
    // Keep the options' order, whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((value) => next.includes(value)));
    if (checked && option.conditionalAnnouncement) {
      // A changed string each time, so the same message is read out again after unticking and ticking.
      announced.current += 1;
      setAnnouncement(`${option.conditionalAnnouncement}${announced.current % 2 === 0 ? '' : '\u00a0'}`);
    }
  };

  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError id={`${id}-error`} message={error} />
        <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
          {options.map((option, index) => {
            const inputId = choiceId(id, index);
            const checked = values.includes(option.value);
            const conditionalId = `${inputId}-conditional`;
            return (
              <Fragment key={option.value}>
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={inputId}
                    name={name}
                    type="checkbox"
                    value={option.value}
                    checked={checked}
                    onChange={(event) => toggle(option, event.target.checked)}
                    aria-controls={option.conditional ? conditionalId : undefined}
                    aria-expanded={option.conditional ? checked : undefined}
                    aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div id={`${inputId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                      {option.hint}
                    </div>
                  ) : null}
                </div>
                {option.conditional ? (
                  <div
                    id={conditionalId}
                    className={`govuk-checkboxes__conditional${checked ? '' : ' govuk-checkboxes__conditional--hidden'}`}
                  >
                    {checked ? option.conditional : null}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
      {options.some((option) => option.conditionalAnnouncement) ? (
        <p className="govuk-visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      ) : null}
    </div>
  );
}
