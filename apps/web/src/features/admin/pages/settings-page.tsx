import type { Settings } from '@lrt/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
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
}

const toValues = (settings: Settings): Values => ({
  partnershipName: settings.partnershipName,
  updateCadenceDays: String(settings.updateCadenceDays),
  dueSoonDays: String(settings.dueSoonDays),
});

/** A whole number as typed, or NaN so the schema says it is not one. */
const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

const SPECS: FieldSpec[] = [
  { path: 'partnershipName', fieldId: 'settings-partnership-name', label: 'Partnership name', messages: { too_small: 'Enter the name of the partnership' } },
  {
    path: 'updateCadenceDays',
    fieldId: 'settings-update-cadence',
    label: 'Update cadence',
    messages: {
      invalid_type: 'Enter the update cadence as a whole number of days, like 56',
      too_small: 'The update cadence must be at least 7 days',
      too_big: 'The update cadence must be at most 366 days',
    },
  },
  {
    path: 'dueSoonDays',
    fieldId: 'settings-due-soon',
    label: 'Due-soon window',
    messages: {
      invalid_type: 'Enter the due-soon window as a whole number of days, like 28',
      too_small: 'The due-soon window must be at least 1 day',
      too_big: 'The due-soon window must be at most 366 days',
    },
  },
];

const LABELS: Record<keyof Values, string> = {
  partnershipName: 'Partnership name',
  updateCadenceDays: 'Update cadence (days)',
  dueSoonDays: 'Due-soon window (days)',
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
      <p className="govuk-body-l">How the tracker judges the partnership&rsquo;s actions, and the name it shows.</p>
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
            return { label: LABELS[key], current, yours: values[key], differs: current.trim() !== values[key].trim() };
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
          hint="Shown at the top of every page and on board assurance reports. For example, Northshire Safeguarding Children Partnership"
          value={values.partnershipName}
          onChange={(event) => set('partnershipName', event.target.value)}
          error={errorAt(errors, 'settings-partnership-name')}
        />
        <TextInput
          id="settings-update-cadence"
          name="updateCadenceDays"
          label="Update cadence, in days"
          labelSize="s"
          hint="An action not started or in progress with no progress update for this many days is stale, and rated Amber. Between 7 and 366 days; 56 is eight weeks."
          inputMode="numeric"
          className="govuk-input--width-4"
          spellCheck={false}
          value={values.updateCadenceDays}
          onChange={(event) => set('updateCadenceDays', event.target.value)}
          error={errorAt(errors, 'settings-update-cadence')}
        />
        <TextInput
          id="settings-due-soon"
          name="dueSoonDays"
          label="Due-soon window, in days"
          labelSize="s"
          hint="An open action whose target date is within this many days counts as due soon on the dashboards and when chasing. Between 1 and 366 days."
          inputMode="numeric"
          className="govuk-input--width-4"
          spellCheck={false}
          value={values.dueSoonDays}
          onChange={(event) => set('dueSoonDays', event.target.value)}
          error={errorAt(errors, 'settings-due-soon')}
        />
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </>
  );
}
