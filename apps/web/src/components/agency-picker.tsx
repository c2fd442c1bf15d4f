import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Agency } from '@lrt/contracts';
import { FieldError } from './form-fields';

/**
 * Type-ahead pickers: an editable combobox with list autocomplete and automatic selection, after the ARIA
 * Authoring Practices combobox pattern (GOV.UK Frontend has none of its own). Typing filters the options and
 * highlights the first; Down and Up move through them, Enter (or leaving the field) chooses the highlighted one,
 * Escape closes the list and, pressed again, clears the text. The list sits in the page's flow, never in a
 * scroll box of its own, so every match can be read and reached.
 */
export interface PickerOption {
  value: number;
  /** What the option reads as, in the list and in the field once chosen. */
  label: string;
  /** Other words it is found by (an agency's short name). */
  keywords?: readonly string[];
}

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', '&']);
const initialsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((word) => word && !SMALL_WORDS.has(word))
    .map((word) => word[0])
    .join('');

/**
 * The options matching what was typed, best first: a name or short name typed in full, then one it begins,
 * then a word of the name it begins, then the initials of the name ("wmas"), then anywhere in the name.
 * Nothing typed matches everything, in the options' own order.
 */
export function matchOptions<T extends PickerOption>(options: readonly T[], typed: string): T[] {
  const query = typed.trim().toLowerCase();
  if (!query) return [...options];
  const rank = (option: T) => {
    const names = [option.label, ...(option.keywords ?? [])].map((name) => name.toLowerCase());
    if (names.some((name) => name === query)) return 0;
    if (names.some((name) => name.startsWith(query))) return 1;
    if (names.some((name) => name.split(/[\s(),/-]+/).some((word) => word.startsWith(query)))) return 2;
    if (initialsOf(option.label).startsWith(query.replace(/\s+/g, ''))) return 3;
    if (names.some((name) => name.includes(query))) return 4;
    return null;
  };
  return options
    .map((option, index) => ({ option, index, rank: rank(option) }))
    .filter((entry): entry is { option: T; index: number; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.option);
}

/** The option whose name or other word is exactly what was typed. */
const exactly = <T extends PickerOption>(options: readonly T[], typed: string) => {
  const query = typed.trim().toLowerCase();
  return query ? options.find((option) => [option.label, ...(option.keywords ?? [])].some((name) => name.toLowerCase() === query)) : undefined;
};

interface ComboboxProps {
  id: string;
  options: readonly PickerOption[];
  text: string;
  onTextChange: (text: string) => void;
  onChoose: (option: PickerOption) => void;
  /** Leaving the field with text typed: `option` is the highlighted match, if any. */
  onLeave?: (option: PickerOption | undefined) => void;
  /** Escape in a closed list with the text already empty, or clearing the text. */
  onClear?: () => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  /** "agency", "agencies": for the count read out as the list changes. */
  noun: { one: string; many: string };
  labelId: string;
  /** Whether the person has typed since the last choice (leaving the field then chooses). */
  dirty: boolean;
}

function Combobox({ id, options, text, onTextChange, onChoose, onLeave, onClear, describedBy, invalid, noun, labelId, dirty }: ComboboxProps) {
  const listboxId = `${id}-listbox`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => matchOptions(options, text), [options, text]);
  const activeOption = open && active >= 0 ? matches[active] : undefined;

  const show = (index: number) => {
    setOpen(true);
    setActive(index);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (option: PickerOption) => {
    onChoose(option);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (event.altKey) return setOpen(true);
        if (!open) return show(matches.length > 0 ? 0 : -1);
        return setActive(matches.length === 0 ? -1 : (active + 1) % matches.length);
      case 'ArrowUp':
        event.preventDefault();
        if (!open) return show(matches.length - 1);
        return setActive(matches.length === 0 ? -1 : active <= 0 ? matches.length - 1 : active - 1);
      case 'Enter':
        // Choosing from an open list must not send the form.
        if (!open) return;
        event.preventDefault();
        if (activeOption) choose(activeOption);
        else close();
        return;
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        } else if (text) {
          event.preventDefault();
          onTextChange('');
          onClear?.();
        }
        return;
      default:
        return;
    }
  };

  const status = !open
    ? ''
    : matches.length === 0
      ? `No ${noun.many} match`
      : `${matches.length} ${matches.length === 1 ? noun.one : noun.many} ${matches.length === 1 ? 'matches' : 'match'}; use up and down arrows, then Enter to choose`;

  return (
    <div className="app-picker__box">
      <input
        id={id}
        type="text"
        role="combobox"
        className={`govuk-input app-picker__input${invalid ? ' govuk-input--error' : ''}`}
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listboxId}
        aria-activedescendant={activeOption ? `${id}-option-${activeOption.value}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          onTextChange(next);
          // Automatic selection: the best match is highlighted as the person types.
          if (next.trim()) show(0);
          else close();
          if (!next) onClear?.();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (dirty && text.trim()) onLeave?.(activeOption ?? exactly(options, text));
          close();
        }}
      />
      <ul id={listboxId} role="listbox" aria-labelledby={labelId} className="app-picker__listbox" hidden={!open || matches.length === 0}>
        {open
          ? matches.map((option, index) => (
              <li
                key={option.value}
                id={`${id}-option-${option.value}`}
                role="option"
                aria-selected={index === active}
                className={`app-picker__option${index === active ? ' app-picker__option--active' : ''}`}
                // Keep focus in the field, so choosing with the pointer does not count as leaving it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(option)}
              >
                {option.label}
              </li>
            ))
          : null}
      </ul>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}

interface PickerFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  labelSize?: 's' | 'm';
  options: readonly PickerOption[];
  noun?: { one: string; many: string };
}

const describedByOf = (...ids: unknown[]) => ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ') || undefined;

function Frame({ id, labelId, label, hint, error, labelSize, children }: Omit<PickerFrame, 'options' | 'noun'> & { labelId: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group app-picker${error ? ' govuk-form-group--error' : ''}`}>
      <label id={labelId} className={`govuk-label${labelSize ? ` govuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

/** One choice from a list, by typing part of its name. */
export function SinglePicker({
  value,
  onChange,
  noun = { one: 'option', many: 'options' },
  ...frame
}: PickerFrame & { value: number | null; onChange: (value: number | null) => void }) {
  const { id, options, hint, error } = frame;
  const labelId = `${id}-label`;
  const labelOf = (chosen: number | null) => options.find((option) => option.value === chosen)?.label ?? '';
  const [text, setText] = useState(() => labelOf(value));
  const [dirty, setDirty] = useState(false);
  // A choice made from outside (a form reset, say) shows in the field.
  const lastValue = useRef(value);
  useEffect(() => {
    if (value === lastValue.current) return;
    lastValue.current = value;
    if (value !== null) {
      setText(options.find((option) => option.value === value)?.label ?? '');
      setDirty(false);
    }
  }, [value, options]);

  const choose = (option: PickerOption) => {
    setText(option.label);
    setDirty(false);
    onChange(option.value);
  };
  return (
    <Frame {...frame} labelId={labelId}>
      <Combobox
        id={id}
        labelId={labelId}
        options={options}
        text={text}
        dirty={dirty}
        noun={noun}
        invalid={Boolean(error)}
        describedBy={describedByOf(Boolean(hint) && `${id}-hint`, error && `${id}-error`)}
        onTextChange={(next) => {
          setText(next);
          setDirty(true);
          // What is typed is not a choice until one is made.
          if (value !== null) onChange(null);
        }}
        onChoose={choose}
        onLeave={(option) => {
          if (option) choose(option);
        }}
        onClear={() => onChange(null)}
      />
    </Frame>
  );
}

/** Several choices from a list, each added by typing part of its name; each chosen one can be removed. */
export function MultiPicker({
  values,
  onChange,
  noun = { one: 'option', many: 'options' },
  ...frame
}: PickerFrame & { values: readonly number[]; onChange: (values: number[]) => void }) {
  const { id, options, hint, error } = frame;
  const labelId = `${id}-label`;
  const chosenId = `${id}-chosen`;
  const inputRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const offered = useMemo(() => options.filter((option) => !values.includes(option.value)), [options, values]);
  const chosen = values.map((value) => options.find((option) => option.value === value)).filter((option): option is PickerOption => option !== undefined);

  const add = (option: PickerOption) => {
    setText('');
    setDirty(false);
    onChange([...values, option.value]);
  };
  const remove = (option: PickerOption) => {
    onChange(values.filter((value) => value !== option.value));
    inputRef.current?.querySelector('input')?.focus();
  };
  return (
    <Frame {...frame} labelId={labelId}>
      {chosen.length > 0 ? (
        <ul className="govuk-list app-picker__chosen" id={chosenId} aria-label="Chosen">
          {chosen.map((option) => (
            <li key={option.value} className="app-picker__chip">
              <span>{option.label}</span>
              <button type="button" className="govuk-button govuk-button--secondary app-picker__remove" onClick={() => remove(option)}>
                Remove<span className="govuk-visually-hidden"> {option.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div ref={inputRef}>
        <Combobox
          id={id}
          labelId={labelId}
          options={offered}
          text={text}
          dirty={dirty}
          noun={noun}
          invalid={Boolean(error)}
          describedBy={describedByOf(Boolean(hint) && `${id}-hint`, error && `${id}-error`, chosen.length > 0 && chosenId)}
          onTextChange={(next) => {
            setText(next);
            setDirty(true);
          }}
          onChoose={add}
          onLeave={(option) => {
            if (option) add(option);
          }}
        />
      </div>
    </Frame>
  );
}

/** An agency's option: found by its name or its short name ("wmp"). */
export const agencyOption = (agency: Agency): PickerOption => ({
  value: agency.id,
  label: `${agency.name} (${agency.shortName})`,
  keywords: [agency.name, agency.shortName],
});

const AGENCY_NOUN = { one: 'agency', many: 'agencies' };

/** Choose an agency by typing its name or short name. Pass the agencies to offer (usually only active ones). */
export function AgencyPicker({ agencies, ...props }: Omit<Parameters<typeof SinglePicker>[0], 'options' | 'noun'> & { agencies: readonly Agency[] }) {
  const options = useMemo(() => agencies.map(agencyOption), [agencies]);
  return <SinglePicker {...props} options={options} noun={AGENCY_NOUN} />;
}

/** Choose several agencies by typing their names or short names. */
export function AgencyMultiPicker({ agencies, ...props }: Omit<Parameters<typeof MultiPicker>[0], 'options' | 'noun'> & { agencies: readonly Agency[] }) {
  const options = useMemo(() => agencies.map(agencyOption), [agencies]);
  return <MultiPicker {...props} options={options} noun={AGENCY_NOUN} />;
}
