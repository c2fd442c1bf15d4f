import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { AGENCY_KINDS, LABELS, LIMITS } from '@lrt/contracts/constants';
import type { Agency, AgencyKind, ImportAgencyMatch, ImportPatch } from '@lrt/contracts';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Select, TextInput } from '@/components/form-fields';
import { pluralise } from '@/lib/format';

type AgencyMatches = NonNullable<ImportPatch['agencyMatches']>;

/** What a name in the file is taken to mean: `agency:<id>`, `create`, `none` (no agency), or '' (not chosen yet). */
interface Choice {
  value: string;
  create: { name: string; shortName: string; kind: AgencyKind | '' };
}

const NOT_CHOSEN = '';
const CREATE = 'create';
const NONE = 'none';
const agencyValue = (id: number) => `agency:${id}`;
const agencyIdOf = (value: string) => (value.startsWith('agency:') ? Number(value.slice('agency:'.length)) : null);

/** "Adult Social Care" → "ASC"; a name of one short word is its own short name. */
export function shortNameFor(name: string): string {
  const words = name.trim().split(/[\s\-–—/&,]+/).filter(Boolean);
  if (words.length === 1) return words[0]!.slice(0, LIMITS.shortName);
  const initials = words.filter((word) => /^[A-Za-z0-9]/.test(word) && !/^(and|of|the|for)$/i.test(word)).map((word) => word[0]!.toUpperCase());
  return initials.join('').slice(0, LIMITS.shortName) || name.trim().slice(0, LIMITS.shortName);
}

/** A first guess at an agency's kind from its name, which the person can change. */
export function kindFor(name: string): AgencyKind {
  if (/police|constabulary/i.test(name)) return 'police';
  if (/nhs|health|hospital|ambulance|\bgp\b|clinical|mental|camhs|nursing|\bicb\b|foundation trust/i.test(name)) return 'health';
  if (/school|education|academy|college|learning trust/i.test(name)) return 'education';
  if (/council|social care|children'?s (services|trust)|youth justice|borough|county/i.test(name)) return 'local_authority';
  if (/aid|charity|voluntary|society|barnardo|nspcc/i.test(name)) return 'voluntary';
  return 'other';
}

function initialChoice(match: ImportAgencyMatch): Choice {
  const create = match.create ?? { name: match.name.trim().slice(0, LIMITS.name), shortName: shortNameFor(match.name), kind: kindFor(match.name) };
  if (match.agencyId !== null) return { value: agencyValue(match.agencyId), create };
  if (match.create) return { value: CREATE, create };
  return { value: match.matchedBy === 'chosen' ? NONE : NOT_CHOSEN, create };
}

const sameChoice = (a: Choice, b: Choice) =>
  a.value === b.value &&
  (a.value !== CREATE || (a.create.name === b.create.name && a.create.shortName === b.create.shortName && a.create.kind === b.create.kind));

const fieldId = (index: number, part: 'match' | 'name' | 'short-name' | 'kind') => `import-agency-${index}-${part}`;

/** How the name stands now, in words. */
function standing(match: ImportAgencyMatch, agencies: ReadonlyMap<number, Agency>): string {
  const agency = match.agencyId !== null ? agencies.get(match.agencyId) : undefined;
  const agencyName = agency ? agency.name : match.agencyId !== null ? `agency ${match.agencyId}` : '';
  switch (match.matchedBy) {
    case 'name':
      return `Matched to ${agencyName} by its name.`;
    case 'short_name':
      return `Matched to ${agencyName} by its short name.`;
    case 'created':
      return match.create ? `Will be created as a new agency, ${match.create.name} (${match.create.shortName}), when the plan is imported.` : 'Will be created when the plan is imported.';
    case 'chosen':
      if (agencyName) return `Matched to ${agencyName} (your choice).`;
      if (match.create) return `Will be created as a new agency, ${match.create.name} (${match.create.shortName}), when the plan is imported.`;
      return 'No agency: the rows naming it stay in error and cannot be imported.';
    case 'none':
    default:
      return 'Not matched to an agency: the rows naming it cannot be imported until you choose.';
  }
}

export interface AgenciesStepProps {
  matches: readonly ImportAgencyMatch[];
  /** Every agency of the partnership, to match a name to any of them. */
  agencies: readonly Agency[];
  onApply: (matches: AgencyMatches) => void;
  applying: boolean;
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * Step 3: each agency the file names, and which agency of the tracker it is: matched by name or short name where
 * it can be, otherwise one of the near misses, any agency, a new agency created when the plan is brought in, or
 * none (its rows then stay in error).
 */
export function AgenciesStep({ matches, agencies, onApply, applying, onDirtyChange }: AgenciesStepProps) {
  const saved = useMemo(() => matches.map(initialChoice), [matches]);
  const [choices, setChoices] = useState<Choice[]>(saved);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [notice, setNotice] = useState('');
  const lookup = useMemo(() => new Map(agencies.map((agency) => [agency.id, agency])), [agencies]);
  const active = useMemo(() => [...agencies].filter((agency) => agency.active).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')), [agencies]);
  const changedIndexes = choices.flatMap((choice, index) => (sameChoice(choice, saved[index]!) || choice.value === NOT_CHOSEN ? [] : [index]));
  const dirty = changedIndexes.length > 0;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const unmatched = matches.filter((match) => match.agencyId === null && !match.create).length;

  const update = (index: number, patch: Partial<Choice> | ((choice: Choice) => Partial<Choice>)) =>
    setChoices((current) => current.map((choice, i) => (i === index ? { ...choice, ...(typeof patch === 'function' ? patch(choice) : patch) } : choice)));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (applying) return;
    const found: SummaryError[] = [];
    const body: AgencyMatches = [];
    for (const index of changedIndexes) {
      const match = matches[index]!;
      const choice = choices[index]!;
      if (choice.value === CREATE) {
        const name = choice.create.name.trim();
        const shortName = choice.create.shortName.trim();
        const before = found.length;
        if (!name) found.push({ fieldId: fieldId(index, 'name'), message: `Enter the name of the agency to create for “${match.name}”` });
        else if (name.length > LIMITS.name) found.push({ fieldId: fieldId(index, 'name'), message: `The name of the agency to create for “${match.name}” must be ${LIMITS.name} characters or fewer` });
        if (!shortName) found.push({ fieldId: fieldId(index, 'short-name'), message: `Enter a short name for the agency to create for “${match.name}”` });
        else if (shortName.length > LIMITS.shortName) found.push({ fieldId: fieldId(index, 'short-name'), message: `The short name of the agency to create for “${match.name}” must be ${LIMITS.shortName} characters or fewer` });
        if (!choice.create.kind) found.push({ fieldId: fieldId(index, 'kind'), message: `Choose the kind of agency to create for “${match.name}”` });
        if (found.length === before && choice.create.kind) body.push({ name: match.name, create: { name, shortName, kind: choice.create.kind } });
      } else if (choice.value === NONE) {
        body.push({ name: match.name, agencyId: null, create: null });
      } else {
        const agencyId = agencyIdOf(choice.value);
        if (agencyId !== null) body.push({ name: match.name, agencyId });
      }
    }
    setErrors(found);
    if (found.length > 0) return;
    if (body.length === 0) {
      setNotice('No agency has been changed.');
      return;
    }
    setNotice('');
    onApply(body);
  };

  const errorFor = (id: string) => errors.find((error) => error.fieldId === id)?.message;

  if (matches.length === 0) {
    return <p className="govuk-body">No column is read as an agency, or the agency columns are empty.</p>;
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="import-agencies-heading" noValidate>
      <ErrorSummary errors={errors} />
      <p className="govuk-body">
        The file names {pluralise(matches.length, 'agency', 'agencies')}
        {unmatched > 0 ? `; ${unmatched} of them ${unmatched === 1 ? 'is' : 'are'} not matched to an agency of the tracker yet` : ', all matched'}.
      </p>
      {matches.map((match, index) => {
        const choice = choices[index]!;
        const suggestionIds = new Set(match.suggestions.map((suggestion) => suggestion.id));
        const matchId = fieldId(index, 'match');
        return (
          <div key={match.name} className="app-document">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1 app-file-name">“{match.name}”</h3>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">Named on {pluralise(match.rows, 'row')}</p>
            <p className="govuk-body" id={`${matchId}-standing`}>
              {standing(match, lookup)}
            </p>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={matchId}>
                Which agency is “{match.name}”?
              </label>
              <select
                id={matchId}
                className="govuk-select"
                value={choice.value}
                aria-describedby={`${matchId}-standing`}
                onChange={(event) => update(index, { value: event.target.value })}
              >
                {choice.value === NOT_CHOSEN || saved[index]!.value === NOT_CHOSEN ? <option value={NOT_CHOSEN}>Not chosen yet</option> : null}
                {match.suggestions.length > 0 ? (
                  <optgroup label="Closest matches">
                    {match.suggestions.map((suggestion) => (
                      <option key={suggestion.id} value={agencyValue(suggestion.id)}>
                        {suggestion.name} ({suggestion.shortName})
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label="Other choices">
                  <option value={CREATE}>Create it as a new agency</option>
                  <option value={NONE}>No agency (its rows stay in error)</option>
                </optgroup>
                <optgroup label="All agencies">
                  {active
                    .filter((agency) => !suggestionIds.has(agency.id))
                    .map((agency) => (
                      <option key={agency.id} value={agencyValue(agency.id)}>
                        {agency.name} ({agency.shortName})
                      </option>
                    ))}
                </optgroup>
              </select>
            </div>
            {choice.value === CREATE ? (
              <div className="govuk-inset-text">
                <TextInput
                  id={fieldId(index, 'name')}
                  label="Name of the new agency"
                  value={choice.create.name}
                  maxLength={LIMITS.name}
                  error={errorFor(fieldId(index, 'name'))}
                  onChange={(event) => {
                    const name = event.target.value;
                    update(index, (current) => ({ create: { ...current.create, name } }));
                  }}
                />
                <TextInput
                  id={fieldId(index, 'short-name')}
                  label="Short name"
                  hint={`As tables and the file show it, up to ${LIMITS.shortName} characters (e.g. WMP).`}
                  className="govuk-input--width-10"
                  value={choice.create.shortName}
                  error={errorFor(fieldId(index, 'short-name'))}
                  onChange={(event) => {
                    const shortName = event.target.value;
                    update(index, (current) => ({ create: { ...current.create, shortName } }));
                  }}
                />
                <Select
                  id={fieldId(index, 'kind')}
                  label="Kind of agency"
                  value={choice.create.kind}
                  error={errorFor(fieldId(index, 'kind'))}
                  options={[{ value: '', label: 'Choose a kind' }, ...AGENCY_KINDS.map((kind) => ({ value: kind, label: LABELS.agencyKind[kind] }))]}
                  onChange={(event) => {
                    const kind = event.target.value as AgencyKind | '';
                    update(index, (current) => ({ create: { ...current.create, kind } }));
                  }}
                />
              </div>
            ) : null}
          </div>
        );
      })}
      <p className="govuk-body" aria-live="polite">
        {notice}
      </p>
      {dirty ? <div className="govuk-inset-text">You have changed {pluralise(changedIndexes.length, 'agency', 'agencies')}. Apply the changes to see the preview read again.</div> : null}
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={applying}>
        {applying ? 'Applying the agencies…' : 'Apply the agencies'}
      </button>
    </form>
  );
}
