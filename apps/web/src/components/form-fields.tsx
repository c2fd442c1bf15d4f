import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * GOV.UK form fields as React components. Every input has a label; groups of radios or checkboxes sit in a
 * fieldset with a legend; an error shows next to its field and is tied to it with aria-describedby.
 */

interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Make the label a page-level heading-sized label. */
  labelSize?: 's' | 'm' | 'l';
}

const describedBy = (id: string, hint: ReactNode, error: string | undefined) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

const groupClass = (error: string | undefined) => `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

function Label({ id, label, labelSize }: { id: string; label: ReactNode; labelSize?: 's' | 'm' | 'l' | undefined }) {
  return (
    <label className={`govuk-label${labelSize ? ` govuk-label--${labelSize}` : ''}`} htmlFor={id}>
      {label}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelSize,
  className,
  ...input
}: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <div className={groupClass(error)}>
      <Label id={id} label={label} labelSize={labelSize} />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      <input
        id={id}
        type="text"
        className={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  labelSize,
  rows = 5,
  ...textarea
}: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <div className={groupClass(error)}>
      <Label id={id} label={label} labelSize={labelSize} />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        rows={rows}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  id,
  label,
  hint,
  error,
  labelSize,
  options,
  ...select
}: FieldFrame & { options: readonly Option[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <div className={groupClass(error)}>
      <Label id={id} label={label} labelSize={labelSize} />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      <select
        id={id}
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceGroupProps {
  /** The id of the first choice, which error summary links point to; the others get `-2`, `-3`… */
  id: string;
  name: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly Option[];
  small?: boolean;
  inline?: boolean;
}

const choiceId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

function ChoiceFieldset({
  id,
  legend,
  legendSize,
  hint,
  error,
  children,
}: Pick<ChoiceGroupProps, 'id' | 'legend' | 'legendSize' | 'hint' | 'error'> & { children: ReactNode }) {
  return (
    <div className={groupClass(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>
          {legend}
        </legend>
        <Hint id={id} hint={hint} />
        <FieldError id={`${id}-error`} message={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({
  value,
  onChange,
  ...group
}: ChoiceGroupProps & { value: string | undefined; onChange: (value: string) => void }) {
  const { id, name, options, small, inline } = group;
  return (
    <ChoiceFieldset {...group}>
      <div
        className={`govuk-radios${small ? ' govuk-radios--small' : ''}${inline ? ' govuk-radios--inline' : ''}`}
        data-module="govuk-radios"
      >
        {options.map((option, index) => (
          <div key={option.value} className="govuk-radios__item">
            <input
              className="govuk-radios__input"
              id={choiceId(id, index)}
              name={name}
              type="radio"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={choiceId(id, index)}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </ChoiceFieldset>
  );
}

/** Checkboxes that submit with their form (uncontrolled): each checked box sends `name=value`. */
export function Checkboxes({ defaultValues = [], ...group }: ChoiceGroupProps & { defaultValues?: readonly string[] }) {
  const { id, name, options, small } = group;
  return (
    <ChoiceFieldset {...group}>
      <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
        {options.map((option, index) => (
          <div key={option.value} className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id={choiceId(id, index)}
              name={name}
              type="checkbox"
              value={option.value}
              defaultChecked={defaultValues.includes(option.value)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={choiceId(id, index)}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </ChoiceFieldset>
  );
}
