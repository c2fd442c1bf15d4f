import type { Role, Settings } from '@lrt/contracts';
import { CHASE_MESSAGE_DETAILS, ROLE_LABELS, ROLES, SETTINGS_BOUNDS } from '@lrt/contracts/constants';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { CheckboxGroup } from '@/components/checkbox-group';
import { ErrorSummary } from '@/components/error-summary';
import { Radios, TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useSettings } from '@/features/settings/api/get-settings';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { usePatchSettings } from '../api/patch-settings';
import { loadContracts, usePreloadContracts } from '../contracts';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { VersionConflict } from '../components/version-conflict';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '../form-errors';

interface Values {
  partnershipName: string;
  updateCadenceDays: string;
  dueSoonDays: string;
  replyPeriodDays: string;
  evidenceMaxMegabytes: string;
  chaseMessageDetail: string;
  replyLinkGraceDays: string;
  reminderDaysBefore: string;
  escalationDaysAfter: string;
  /** The roles ticked, comma-separated in the order of ROLES, so the form compares and re-applies it like the others. */
  requireMfaRoles: string;
}

const toValues = (settings: Settings): Values => ({
  partnershipName: settings.partnershipName,
  updateCadenceDays: String(settings.updateCadenceDays),
  dueSoonDays: String(settings.dueSoonDays),
  replyPeriodDays: String(settings.replyPeriodDays),
  evidenceMaxMegabytes: String(settings.evidenceMaxMegabytes),
  chaseMessageDetail: settings.chaseMessageDetail,
  replyLinkGraceDays: String(settings.replyLinkGraceDays),
  reminderDaysBefore: String(settings.reminderDaysBefore),
  escalationDaysAfter: String(settings.escalationDaysAfter),
  requireMfaRoles: settings.requireMfaRoles.join(','),
});

type ChaseMessageDetail = (typeof CHASE_MESSAGE_DETAILS)[number];

/** What chase messages say of each action, in words. */
const CHASE_MESSAGE_DETAIL_LABELS: Record<ChaseMessageDetail, string> = {
  notes: 'The latest note of each action',
  refs_only: 'Only references, target dates and BRAG (for confidentiality)',
};

const rolesOf = (value: string) => (value ? (value.split(',') as Role[]) : []);
/** What a conflict panel shows for a field: the roles and the message detail in words, everything else as typed. */
const shown = (key: keyof Values, value: string) => {
  if (key === 'requireMfaRoles') return rolesOf(value).map((role) => ROLE_LABELS[role]).join(', ') || 'None';
  if (key === 'chaseMessageDetail') return CHASE_MESSAGE_DETAIL_LABELS[value as ChaseMessageDetail] ?? value;
  return value;
};

/** A whole number as typed, or NaN so the schema says it is not one. */
const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

type NumberField = Exclude<keyof Values, 'partnershipName' | 'requireMfaRoles' | 'chaseMessageDetail'>;

/** How each number is named in messages, with its unit; the bounds come from the contract (`SETTINGS_BOUNDS`). */
const NUMBER_FIELDS: Record<NumberField, { fieldId: string; name: string; unit: 'day' | 'MB' }> = {
  updateCadenceDays: { fieldId: 'settings-update-cadence', name: 'update cadence', unit: 'day' },
  dueSoonDays: { fieldId: 'settings-due-soon', name: 'due-soon window', unit: 'day' },
  replyPeriodDays: { fieldId: 'settings-reply-period', name: 'reply period', unit: 'day' },
  evidenceMaxMegabytes: { fieldId: 'settings-evidence-max', name: 'largest evidence document', unit: 'MB' },
  replyLinkGraceDays: { fieldId: 'settings-reply-link-grace', name: 'grace period of reply links', unit: 'day' },
  reminderDaysBefore: { fieldId: 'settings-reminder-days', name: 'reminder', unit: 'day' },
  escalationDaysAfter: { fieldId: 'settings-escalation-days', name: 'escalation', unit: 'day' },
};

const amount = (value: number, unit: 'day' | 'MB') => (unit === 'MB' ? `${value} MB` : `${value} ${value === 1 ? 'day' : 'days'}`);
const boundsText = (field: NumberField) => {
  const { min, max } = SETTINGS_BOUNDS[field];
  const { unit } = NUMBER_FIELDS[field];
  return `Between ${min} and ${amount(max, unit)}`;
};

const numberSpec = (field: NumberField): FieldSpec => {
  const { fieldId, name, unit } = NUMBER_FIELDS[field];
  const { min, max, default: example } = SETTINGS_BOUNDS[field];
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return {
    path: field,
    fieldId,
    label,
    messages: {
      invalid_type: `Enter the ${name} as a whole number ${unit === 'MB' ? 'of megabytes' : 'of days'}, like ${example}`,
      too_small: `The ${name} must be at least ${amount(min, unit)}`,
      too_big: `The ${name} must be at most ${amount(max, unit)}`,
    },
  };
};

const SPECS: FieldSpec[] = [
  { path: 'partnershipName', fieldId: 'settings-partnership-name', label: 'Partnership name', messages: { too_small: 'Enter the name of the partnership' } },
  numberSpec('updateCadenceDays'),
  numberSpec('dueSoonDays'),
  numberSpec('replyPeriodDays'),
  numberSpec('evidenceMaxMegabytes'),
  { path: 'chaseMessageDetail', fieldId: 'settings-chase-message-detail', label: 'What update requests say of each action' },
  numberSpec('replyLinkGraceDays'),
  numberSpec('reminderDaysBefore'),
  numberSpec('escalationDaysAfter'),
  { path: 'requireMfaRoles', fieldId: 'settings-require-mfa', label: 'Require two-factor sign-in for' },
];

const LABELS: Record<keyof Values, string> = {
  partnershipName: 'Partnership name',
  updateCadenceDays: 'Update cadence (days)',
  dueSoonDays: 'Due-soon window (days)',
  replyPeriodDays: 'Reply period (days)',
  evidenceMaxMegabytes: 'Largest evidence document (MB)',
  chaseMessageDetail: 'What update requests say of each action',
  replyLinkGraceDays: 'Reply links work after the reply-by date for (days)',
  reminderDaysBefore: 'Reminder before the reply-by date (days; 0: none)',
  escalationDaysAfter: 'Escalation after the reply-by date (days; 0: none)',
  requireMfaRoles: 'Two-factor sign-in required for',
};

export function AdminSettingsPage() {
  return (
    <AdminAccess capability="manageSettings">
      <SettingsAdmin />
    </AdminAccess>
  );
}

function SettingsAdmin() {
  const settings = useSettings();
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle('Settings', { hasErrors });
  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      <h1 className="govuk-heading-l">Settings</h1>
      <p className="govuk-body-l">
        How the tracker judges the partnership&rsquo;s actions, what it accepts as evidence, how it chases updates,
        and the name it shows.
      </p>
      {settings.isPending ? (
        <Loading label="Loading the settings" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} onErrorsChange={setHasErrors} />
      )}
    </>
  );
}

function SettingsForm({ settings, onErrorsChange }: { settings: Settings; onErrorsChange: (hasErrors: boolean) => void }) {
  const [values, setValues] = useState<Values>(() => toValues(settings));
  const [base, setBase] = useState<Settings>(settings);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(0);
  const mutation = usePatchSettings();
  usePreloadContracts();
  const summary = useMemo(() => toSummary(errors), [errors]);
  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);

  const submit = async (onto: Settings) => {
    const { SettingsPatch } = await loadContracts();
    const parsed = SettingsPatch.safeParse({
      version: onto.version,
      partnershipName: values.partnershipName,
      updateCadenceDays: wholeNumber(values.updateCadenceDays),
      dueSoonDays: wholeNumber(values.dueSoonDays),
      replyPeriodDays: wholeNumber(values.replyPeriodDays),
      evidenceMaxMegabytes: wholeNumber(values.evidenceMaxMegabytes),
      chaseMessageDetail: values.chaseMessageDetail,
      replyLinkGraceDays: wholeNumber(values.replyLinkGraceDays),
      reminderDaysBefore: wholeNumber(values.reminderDaysBefore),
      escalationDaysAfter: wholeNumber(values.escalationDaysAfter),
      requireMfaRoles: rolesOf(values.requireMfaRoles),
    });
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), SPECS));
      return;
    }
    try {
      const next = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      setConflict(null);
      setBase(next);
      setValues(toValues(next));
      setSaved((count) => count + 1);
    } catch (error) {
      if (isVersionConflict(error) && isApiError(error) && error.problem.current) {
        const current = error.problem.current as Settings;
        // Keep what this person changed; take the rest as it is saved now (re-applying must not undo it).
        const loaded = toValues(onto);
        const saved = toValues(current);
        const keys = Object.keys(loaded) as (keyof Values)[];
        setValues(Object.fromEntries(keys.map((key) => [key, values[key] !== loaded[key] ? values[key] : saved[key]])) as unknown as Values);
        setErrors([]);
        setSaved(0);
        setConflict(current);
        return;
      }
      setErrors(serverFormErrors(error, SPECS, 'The settings could not be saved. Try again.'));
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(0);
    void submit(base);
  };
  const set = (key: keyof Values, value: string) => setValues((current) => ({ ...current, [key]: value }));

  return (
    <>
      {/* Keyed by the count, so a second save shows (and announces) the banner afresh. */}
      {saved > 0 ? <SuccessBanner key={saved} heading="The settings have been saved" /> : null}
      {conflict ? (
        <VersionConflict
          subject="the settings"
          pending={mutation.isPending}
          rows={(Object.keys(LABELS) as (keyof Values)[]).map((key) => {
            const current = toValues(conflict)[key];
            return { label: LABELS[key], current: shown(key, current), yours: shown(key, values[key]), differs: current.trim() !== values[key].trim() };
          })}
          onReapply={() => {
            setBase(conflict);
            void submit(conflict);
          }}
          onDiscard={() => {
            setBase(conflict);
            setValues(toValues(conflict));
            setConflict(null);
          }}
        />
      ) : null}
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate aria-label="Settings">
        <TextInput
          id="settings-partnership-name"
          name="partnershipName"
          label="Partnership name"
          labelSize="s"
          hint="Shown at the top of every page. For example, Northshire Safeguarding Children Partnership"
          value={values.partnershipName}
          onChange={(event) => set('partnershipName', event.target.value)}
          error={errorAt(errors, 'settings-partnership-name')}
        />
        <NumberInput
          field="updateCadenceDays"
          label="Update cadence, in days"
          hint={`An action not started or in progress with no progress update for this many days is stale, and rated Amber. ${boundsText('updateCadenceDays')}; 56 is eight weeks.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <NumberInput
          field="dueSoonDays"
          label="Due-soon window, in days"
          hint={`An open action whose target date is within this many days counts as due soon on the dashboards, on My agency and in the actions list. ${boundsText('dueSoonDays')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <NumberInput
          field="replyPeriodDays"
          label="Reply period, in days"
          hint={`When a completed action is returned for more information without a day to answer by, its agency has this many days to answer. Until then the action is Amber, neither overdue nor stale; after it, Red. Changing this does not move days already given. ${boundsText('replyPeriodDays')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <NumberInput
          field="evidenceMaxMegabytes"
          label="Largest evidence document, in megabytes (MB)"
          hint={`A document larger than this is refused when someone adds it to a progress update. ${boundsText('evidenceMaxMegabytes')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <h2 className="govuk-heading-m govuk-!-margin-top-8">Update requests</h2>
        <p className="govuk-body">
          How update requests (chases) to agency leads read, how long their reply links work, and when the tracker
          reminds the leads who have not answered and escalates to the agency&rsquo;s senior contact.
        </p>
        <Radios
          id="settings-chase-message-detail"
          name="chaseMessageDetail"
          legend="What update requests say of each action"
          legendSize="s"
          hint="Every message lists the agency’s actions with their references, target dates and BRAG ratings. The latest note says where each action has got to, but email can travel beyond the partnership: for confidential work, send only the references, and leads read the rest in the tracker."
          options={CHASE_MESSAGE_DETAILS.map((detail) => ({ value: detail, label: CHASE_MESSAGE_DETAIL_LABELS[detail] }))}
          value={values.chaseMessageDetail}
          onChange={(value) => set('chaseMessageDetail', value)}
          error={errorAt(errors, 'settings-chase-message-detail')}
          small
        />
        <NumberInput
          field="replyLinkGraceDays"
          label="Grace period of reply links, in days"
          hint={`The personal link in an update request lets its holder answer without signing in until the reply-by date, and for this many days after it. Then it stops working and asks them to sign in. 0: it stops the day after the reply-by date. ${boundsText('replyLinkGraceDays')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <NumberInput
          field="reminderDaysBefore"
          label="Reminder, in days before the reply-by date"
          hint={`Leads who have not answered are sent a reminder this many days before the reply-by date. 0: no reminder. ${boundsText('reminderDaysBefore')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <NumberInput
          field="escalationDaysAfter"
          label="Escalation, in days after the reply-by date"
          hint={`If an agency has still not answered this many days after the reply-by date, the request is escalated to its senior contact (set on the agency, in Agencies). 0: no escalation. ${boundsText('escalationDaysAfter')}.`}
          values={values}
          errors={errors}
          onChange={set}
        />
        <h2 className="govuk-heading-m govuk-!-margin-top-8">Sign-in</h2>
        <CheckboxGroup
          id="settings-require-mfa"
          name="requireMfaRoles"
          legend="Require two-factor sign-in for"
          legendSize="s"
          hint="People in these roles who sign in with a password must also enter a code from an authenticator app on their phone. Anyone who has not set one up is asked to, before they can do anything else. People who sign in with their organisation’s account are not asked: their organisation’s sign-in does this. If your own role is ticked and you have not set it up, you are asked to straight away."
          options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          values={rolesOf(values.requireMfaRoles)}
          onChange={(roles) => set('requireMfaRoles', roles.join(','))}
          error={errorAt(errors, 'settings-require-mfa')}
          small
        />
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </>
  );
}

function NumberInput({
  field,
  label,
  hint,
  values,
  errors,
  onChange,
}: {
  field: NumberField;
  label: string;
  hint: string;
  values: Values;
  errors: readonly FormError[];
  onChange: (key: keyof Values, value: string) => void;
}) {
  const { fieldId } = NUMBER_FIELDS[field];
  return (
    <TextInput
      id={fieldId}
      name={field}
      label={label}
      labelSize="s"
      hint={hint}
      inputMode="numeric"
      className="govuk-input--width-4"
      spellCheck={false}
      value={values[field]}
      onChange={(event) => onChange(field, event.target.value)}
      error={errorAt(errors, fieldId)}
    />
  );
}
