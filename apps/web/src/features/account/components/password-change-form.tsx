import { PASSWORD_MIN_LENGTH } from '@lrt/contracts/constants';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { PASSWORD_HINT } from '@/features/admin/components/user-fields';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { errorAt, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '@/features/admin/form-errors';
import { useChangePassword } from '../api/change-password';

const IDS = { current: 'account-current-password', next: 'account-new-password', confirm: 'account-confirm-password' } as const;

const SPECS: FieldSpec[] = [
  { path: 'currentPassword', fieldId: IDS.current, label: 'Current password', messages: { too_small: 'Enter your current password' } },
  { path: 'newPassword', fieldId: IDS.next, label: 'New password', messages: { too_small: `New password must be at least ${PASSWORD_MIN_LENGTH} characters` } },
  { path: 'confirmPassword', fieldId: IDS.confirm, label: 'Confirm new password' },
];

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * Change your own password: the current one (a session left open is not enough to take the account), the new one
 * twice. The API ends every other session of yours; this one stays.
 */
export function PasswordChangeForm({ onChanged, onErrorsChange }: { onChanged: () => void; onErrorsChange?: (hasErrors: boolean) => void }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FormError[]>([]);
  const mutation = useChangePassword();
  usePreloadContracts();
  const summary = useMemo(() => toSummary(errors), [errors]);
  useEffect(() => onErrorsChange?.(errors.length > 0), [errors, onErrorsChange]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { PasswordChange } = await loadContracts();
    const parsed = PasswordChange.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const found = (parsed.success ? [] : toFormErrors(zodIssues(parsed.error), SPECS)).filter((e) => e.fieldId !== IDS.next || values.newPassword !== '');
    if (values.newPassword === '') found.push({ path: 'newPassword', fieldId: IDS.next, message: 'Enter a new password' });
    else if (values.confirmPassword !== values.newPassword) {
      found.push({
        path: 'confirmPassword',
        fieldId: IDS.confirm,
        message: values.confirmPassword === '' ? 'Confirm your new password' : 'The passwords do not match: type the same new password in both',
      });
    }
    if (found.length > 0 || !parsed.success) {
      const rank = (error: FormError) => SPECS.findIndex((spec) => spec.fieldId === error.fieldId);
      setErrors(found.sort((x, y) => rank(x) - rank(y)));
      return;
    }
    try {
      await mutation.mutateAsync(parsed.data);
      setErrors([]);
      setValues(EMPTY);
      onChanged();
    } catch (error) {
      setErrors(serverFormErrors(error, SPECS, 'Your password could not be changed. Try again.'));
      setValues((current) => ({ ...current, currentPassword: '' }));
    }
  };

  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [key]: event.target.value }));

  return (
    <>
      <ErrorSummary errors={summary} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Change your password">
        <TextInput
          id={IDS.current}
          name="currentPassword"
          type="password"
          label="Current password"
          autoComplete="current-password"
          className="govuk-input--width-20"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errorAt(errors, IDS.current)}
        />
        <TextInput
          id={IDS.next}
          name="newPassword"
          type="password"
          label="New password"
          hint={PASSWORD_HINT}
          autoComplete="new-password"
          spellCheck={false}
          autoCapitalize="none"
          className="govuk-input--width-20"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errorAt(errors, IDS.next)}
        />
        <TextInput
          id={IDS.confirm}
          name="confirmPassword"
          type="password"
          label="Confirm new password"
          autoComplete="new-password"
          spellCheck={false}
          autoCapitalize="none"
          className="govuk-input--width-20"
          value={values.confirmPassword}
          onChange={set('confirmPassword')}
          error={errorAt(errors, IDS.confirm)}
        />
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Changing your password…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
