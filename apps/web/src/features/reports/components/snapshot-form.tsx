import type { Snapshot } from '@lrt/contracts';
import { londonToday } from '@lrt/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { DateInput } from '@/components/date-input';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { errorAt, serverFormErrors, toSummary, type FormError } from '@/features/admin/form-errors';
import { isApiError } from '@/lib/api-client';
import { dateFromParts, partsOf, type DateParts } from '@/lib/date-parts';
import { formatDate } from '@/lib/format';
import { useCreateSnapshot } from '../api/create-snapshot';

export const SNAPSHOT_FIELD_IDS = { name: 'snapshot-name', asAt: 'snapshot-as-at' } as const;

const SPECS = [
  { path: 'name', fieldId: SNAPSHOT_FIELD_IDS.name, label: 'The name' },
  { path: 'asAt', fieldId: SNAPSHOT_FIELD_IDS.asAt, label: 'The as-at date' },
];

const NAME_MAX = 120;

/**
 * "Take a snapshot", for the business unit: a name (a board meeting's, usually) and the day the plan is frozen as
 * at. A name already used, or a date the API refuses (in the future, or before the partnership's first record), is
 * shown beside its field.
 */
export function SnapshotForm({ onTaken, onErrorsChange }: { onTaken: (snapshot: Snapshot) => void; onErrorsChange: (hasErrors: boolean) => void }) {
  const today = londonToday(new Date());
  const [name, setName] = useState('');
  const [asAt, setAsAt] = useState<DateParts>(partsOf(today));
  const [errors, setErrors] = useState<FormError[]>([]);
  const create = useCreateSnapshot();
  const summary = useMemo(() => toSummary(errors), [errors]);

  const show = (found: FormError[]) => {
    setErrors(found);
    onErrorsChange(found.length > 0);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FormError[] = [];
    const trimmed = name.trim();
    if (trimmed === '') found.push({ path: 'name', fieldId: SNAPSHOT_FIELD_IDS.name, message: 'Enter a name for the snapshot' });
    else if (trimmed.length > NAME_MAX) found.push({ path: 'name', fieldId: SNAPSHOT_FIELD_IDS.name, message: `The name must be ${NAME_MAX} characters or fewer` });
    const date = dateFromParts(asAt, 'The as-at date');
    if ('error' in date) found.push({ path: 'asAt', fieldId: SNAPSHOT_FIELD_IDS.asAt, message: date.error });
    else if (date.value === null) found.push({ path: 'asAt', fieldId: SNAPSHOT_FIELD_IDS.asAt, message: 'Enter the date the snapshot is as at' });
    else if (date.value > today) found.push({ path: 'asAt', fieldId: SNAPSHOT_FIELD_IDS.asAt, message: `The as-at date must be today (${formatDate(today)}) or earlier` });
    show(found);
    if (found.length > 0 || !('value' in date) || date.value === null) return;

    try {
      const snapshot = await create.mutateAsync({ name: trimmed, asAt: date.value });
      setName('');
      setAsAt(partsOf(today));
      onTaken(snapshot);
    } catch (error) {
      if (isApiError(error) && error.code === 'snapshot.name_taken') {
        show([{ path: 'name', fieldId: SNAPSHOT_FIELD_IDS.name, message: `There is already a snapshot called “${trimmed}”: choose another name` }]);
      } else {
        show(serverFormErrors(error, SPECS, 'The snapshot could not be taken. Try again.'));
      }
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="snapshot-form-heading">
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m" id="snapshot-form-heading">
        Take a snapshot
      </h2>
      <TextInput
        id={SNAPSHOT_FIELD_IDS.name}
        name="name"
        label="Name"
        labelSize="s"
        hint="For example, “Board, 12 March 2026”"
        error={errorAt(errors, SNAPSHOT_FIELD_IDS.name)}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoComplete="off"
        spellCheck
      />
      <DateInput
        id={SNAPSHOT_FIELD_IDS.asAt}
        legend="As at"
        hint="The plan as it stood at the end of this day: today or earlier."
        error={errorAt(errors, SNAPSHOT_FIELD_IDS.asAt)}
        value={asAt}
        onChange={setAsAt}
      />
      <button type="submit" className="govuk-button" disabled={create.isPending} aria-disabled={create.isPending}>
        {create.isPending ? 'Taking the snapshot…' : 'Take the snapshot'}
      </button>
    </form>
  );
}
