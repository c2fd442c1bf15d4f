import { PASSWORD_MIN_LENGTH } from '@lrt/contracts/constants';
import { TextInput } from '@/components/form-fields';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import type { FieldSpec } from '../form-errors';

/** The password policy in words (the API checks it: NIST SP 800-63B, no composition rules). */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. There are no rules about capitals, numbers or symbols: three or four unrelated words make a strong password. Common passwords, and ones containing the person’s name or email address, are refused.`;

export const userFieldSpecs = (prefix: string): FieldSpec[] => [
  { path: 'name', fieldId: `${prefix}-name`, label: 'Full name', messages: { too_small: 'Enter the person’s full name' } },
  {
    path: 'email',
    fieldId: `${prefix}-email`,
    label: 'Email address',
    messages: { invalid_format: 'Enter an email address in the correct format, like name@example.org' },
  },
  { path: 'password', fieldId: `${prefix}-password`, label: 'Password', messages: { too_small: `Password must be at least ${PASSWORD_MIN_LENGTH} characters` } },
  { path: 'roles', fieldId: `${prefix}-roles`, label: 'Roles', messages: { too_small: 'Select at least one role' } },
  { path: 'agencyIds', fieldId: `${prefix}-agencies`, label: 'Agencies' },
  { path: 'subgroupIds', fieldId: `${prefix}-subgroups`, label: 'Subgroups' },
  { path: 'active', fieldId: `${prefix}-active`, label: 'Status' },
];

export function UserStatusTag({ active }: { active: boolean }) {
  return active ? (
    <strong className="govuk-tag govuk-tag--green">Active</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
  );
}

/** Agencies and subgroups to offer under the roles, loaded before the form is shown. */
export function useRoleChoices() {
  const agencies = useAgencies();
  const subgroups = useSubgroups();
  return { agencies, subgroups };
}

/** A new password, with the policy explained and a button to show what was typed (it must be given to them). */
export function PasswordInput({
  id,
  label,
  value,
  onChange,
  shown,
  onShownChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  shown: boolean;
  onShownChange: (shown: boolean) => void;
  error: string | undefined;
}) {
  return (
    <div className="app-password-input">
      <TextInput
        id={id}
        name="password"
        type={shown ? 'text' : 'password'}
        label={label}
        hint={PASSWORD_HINT}
        autoComplete="new-password"
        spellCheck={false}
        autoCapitalize="none"
        className="govuk-input--width-20"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      />
      <button
        type="button"
        className="govuk-button govuk-button--secondary app-password-input__toggle"
        aria-controls={id}
        onClick={() => onShownChange(!shown)}
      >
        {shown ? 'Hide' : 'Show'} <span className="govuk-visually-hidden">password</span>
      </button>
    </div>
  );
}
