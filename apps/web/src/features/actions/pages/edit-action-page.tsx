import type { Action, Agency, Recommendation, Subgroup, Theme } from '@lrt/contracts';
import { LABELS, ACTION_KINDS } from '@/lib/contract-constants';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { NotFoundPage } from '@/app/not-found-page';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Checkboxes, FieldError, Select, TextInput, Textarea } from '@/components/form-fields';
import { ErrorState, Loading } from '@/components/states';
import { StatusTag } from '@/components/status-tag';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useRecommendations } from '@/features/reviews/api/get-recommendations';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import {
  changedFields,
  FIELD_IDS,
  FIELD_LABELS,
  fieldsFromValues,
  fieldsOf,
  patchOf,
  readForm,
  reapply,
  replacesTargetDate,
  TARGET_DATE_REASON_LABEL,
  toFormErrors,
  valuesOf,
  zodFieldErrors,
  type ActionFields,
  type ActionFormValues,
  type EditableField,
  type FormError,
  type FormField,
} from '../action-form';
import { useAction } from '../api/get-action';
import { actionKeys } from '../api/keys';
import { usePatchAction } from '../api/patch-action';

/** The schema check, with zod, in its own chunk: fetched as the form opens, awaited when it is sent. */
const loadSchema = () => import('../action-patch-schema');

/** What the action page shows after a save: a confirmation banner. */
export interface ActionSavedState {
  savedAction: { ref: string; fields: string[] };
}

export function EditActionPage() {
  const actionId = useIdParam('actionId');
  if (actionId === null) return <NotFoundPage />;
  return <EditAction actionId={actionId} />;
}

interface ReferenceData {
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  themes: readonly Theme[];
  recommendations: readonly Recommendation[];
}

function EditAction({ actionId }: { actionId: number }) {
  const action = useAction(actionId);
  const agencies = useAgencies();
  const subgroups = useSubgroups();
  const themes = useThemes();
  const recommendations = useRecommendations(action.data?.reviewId ?? 0, { enabled: action.data !== undefined });
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(action.data ? `Edit action ${action.data.ref}` : 'Edit action', { hasErrors });

  if (action.isPending) return <Loading label="Loading the action" />;
  if (action.isError) {
    if (isApiError(action.error) && action.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Edit action</h1>
        <ErrorState error={action.error} onRetry={() => void action.refetch()} />
      </>
    );
  }
  if (!action.data.permissions.canEdit) {
    return (
      <>
        <Link to={`/actions/${actionId}`} className="govuk-back-link">
          Back to action {action.data.ref}
        </Link>
        <h1 className="govuk-heading-l">You cannot edit this action</h1>
        <p className="govuk-body">
          Actions are set up and changed by the partnership business unit. You can post a progress update on the{' '}
          <Link className="govuk-link" to={`/actions/${actionId}`}>
            action’s page
          </Link>{' '}
          if it is one of your agency’s.
        </p>
      </>
    );
  }
  const failed = [agencies, subgroups, themes, recommendations].find((query) => query.isError);
  if (failed) {
    return (
      <>
        <h1 className="govuk-heading-l">Edit action {action.data.ref}</h1>
        <ErrorState error={failed.error} onRetry={() => [agencies, subgroups, themes, recommendations].forEach((q) => void q.refetch())} />
      </>
    );
  }
  if (!agencies.data || !subgroups.data || !themes.data || !recommendations.data) return <Loading label="Loading the form" />;
  return (
    <EditActionForm
      loaded={action.data}
      reference={{ agencies: agencies.data, subgroups: subgroups.data, themes: themes.data, recommendations: recommendations.data }}
      onErrorsChange={setHasErrors}
    />
  );
}

interface Conflict {
  /** The action as someone else saved it. */
  current: Action;
  /** What the form held when it was sent. */
  mine: ActionFields;
  /** The fields this person changed. */
  changed: EditableField[];
  /** The reason they gave for a new target date, kept for when they apply their changes again. */
  targetDateReason: string;
}

function EditActionForm({
  loaded,
  reference,
  onErrorsChange,
}: {
  loaded: Action;
  reference: ReferenceData;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = usePatchAction(loaded.id);
  // The version this form is based on. It changes only when the person chooses to move onto a newer one.
  const [base, setBase] = useState<Action>(loaded);
  const [draft, setDraft] = useState<ActionFormValues>(() => valuesOf(fieldsOf(loaded)));
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The reason for a new target date is asked for as soon as the date boxes differ from the saved date.
  const [asksReason, setAsksReason] = useState(() => replacesTargetDate(loaded.targetDate, draft));

  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);
  useEffect(() => {
    void loadSchema();
  }, []);

  const summary: SummaryError[] = useMemo(() => errors.map(({ fieldId, message }) => ({ fieldId, message })), [errors]);
  const errorAt = (field: FormField) => errors.find((error) => error.field === field)?.message;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const values = readForm(event.currentTarget);
    setDraft(values);
    const { fields, errors: readErrors } = fieldsFromValues(values);
    const changed = changedFields(fieldsOf(base), fields);
    const needsReason = replacesTargetDate(base.targetDate, values);
    const body = patchOf(fields, changed, base.version, needsReason ? values.targetDateReason.trim() : undefined);
    const { validatePatch } = await loadSchema();
    const parsed = validatePatch(body);
    const clientErrors = [...readErrors, ...(parsed.success ? [] : zodFieldErrors(parsed.error))];
    if (needsReason && changed.includes('targetDate') && !values.targetDateReason.trim()) {
      clientErrors.push({ path: 'targetDateReason', message: 'Enter the reason for the new target date' });
    }
    if (clientErrors.length > 0 || !parsed.success) {
      setErrors(toFormErrors(clientErrors));
      return;
    }
    if (changed.length === 0) {
      setErrors([{ field: undefined, fieldId: undefined, message: 'You have not changed anything. Change a field, or cancel.' }]);
      return;
    }
    try {
      const saved = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      const state: ActionSavedState = { savedAction: { ref: saved.ref, fields: changed.map((field) => FIELD_LABELS[field]) } };
      await navigate(`/actions/${saved.id}`, { state });
    } catch (error) {
      if (isApiError(error) && error.code.endsWith('version_conflict') && isAction(error.problem.current)) {
        const current = error.problem.current;
        // Everyone else sees the new version at once; this form keeps the person's changes until they choose.
        queryClient.setQueryData(actionKeys.detail(current.id), current);
        setErrors([]);
        setConflict({ current, mine: fields, changed, targetDateReason: values.targetDateReason });
        return;
      }
      if (isApiError(error) && error.fieldErrors.some((fieldError) => fieldError.path !== 'body')) {
        setErrors(toFormErrors(error.fieldErrors));
        return;
      }
      setErrors([
        {
          field: undefined,
          fieldId: undefined,
          message: isApiError(error) ? error.problem.detail || error.problem.title : 'The action could not be saved. Try again.',
        },
      ]);
    }
  };

  const moveOnto = (current: Action, values: ActionFormValues, message: string) => {
    setBase(current);
    setDraft(values);
    setAsksReason(replacesTargetDate(current.targetDate, values));
    setFormKey((key) => key + 1);
    setConflict(null);
    setErrors([]);
    setNotice(message);
  };

  return (
    <>
      <Link to={`/actions/${loaded.id}`} className="govuk-back-link">
        Back to action {base.ref}
      </Link>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">Action {base.ref}</span>
      <h1 className="govuk-heading-l">Edit action</h1>

      {conflict ? (
        <ConflictPanel
          base={base}
          conflict={conflict}
          reference={reference}
          onReapply={() =>
            moveOnto(
              conflict.current,
              {
                ...valuesOf(reapply(fieldsOf(conflict.current), conflict.mine, conflict.changed)),
                targetDateReason: conflict.targetDateReason,
              },
              'Your changes have been put onto the latest version of the action. Check them, then save.',
            )
          }
          onDiscard={() =>
            moveOnto(conflict.current, valuesOf(fieldsOf(conflict.current)), 'Your changes were discarded. The form shows the latest version.')
          }
        />
      ) : (
        <>
          {notice ? <Notice>{notice}</Notice> : null}
          <div className="govuk-inset-text">
            The action is <StatusTag status={base.status} />. Its status cannot be changed here: it changes only through a{' '}
            <Link className="govuk-link" to={`/actions/${base.id}`}>
              progress update
            </Link>
            , so every change of status has a dated note.
          </div>
          <form
            key={formKey}
            onSubmit={(event) => void onSubmit(event)}
            onChange={(event) => setAsksReason(replacesTargetDate(base.targetDate, readForm(event.currentTarget)))}
            noValidate
            className="app-action-form"
            aria-labelledby="edit-form-heading"
          >
            <h2 className="govuk-visually-hidden" id="edit-form-heading">
              The action’s details
            </h2>
            <ActionFormFields
              values={draft}
              reference={reference}
              ownerNow={base.ownerAgencyId}
              savedTargetDate={base.targetDate}
              asksReason={asksReason}
              errorAt={errorAt}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
                {mutation.isPending ? 'Saving…' : 'Save changes'}
              </button>
              <Link className="govuk-link" to={`/actions/${base.id}`}>
                Cancel
              </Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}

const isAction = (value: unknown): value is Action =>
  typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'ref' in value;

function Notice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="govuk-notification-banner" role="region" aria-labelledby="edit-notice-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="edit-notice-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

/** The form's fields. Uncontrolled: it is remounted with new values when the person moves onto a newer version. */
function ActionFormFields({
  values,
  reference,
  ownerNow,
  savedTargetDate,
  asksReason,
  errorAt,
}: {
  values: ActionFormValues;
  reference: ReferenceData;
  ownerNow: number;
  savedTargetDate: string | null;
  /** Show "Reason for the new target date": the date boxes no longer hold the saved date. */
  asksReason: boolean;
  errorAt: (field: FormField) => string | undefined;
}) {
  const agencyLabel = (agency: Agency) => `${agency.name} (${agency.shortName})${agency.active ? '' : ', no longer active'}`;
  // Inactive agencies are offered only when the action already names them.
  const chosenAgencies = new Set([ownerNow, ...values.partnerAgencyIds.map(Number), Number(values.ownerAgencyId)]);
  const agencyOptions = reference.agencies.filter((agency) => agency.active || chosenAgencies.has(agency.id));
  const dateError = errorAt('targetDate');
  return (
    <>
      <TextInput
        id={FIELD_IDS.ref}
        name="ref"
        label="Reference"
        labelSize="s"
        hint="Unique in the partnership, for example SD-2022/A3"
        className="govuk-input--width-20"
        spellCheck={false}
        defaultValue={values.ref}
        error={errorAt('ref')}
      />
      <Select
        id={FIELD_IDS.recommendationId}
        name="recommendationId"
        label="Recommendation it serves"
        labelSize="s"
        hint="Actions agreed at a rapid review often serve none"
        options={[
          { value: '', label: 'Not linked to a recommendation' },
          ...reference.recommendations.map((r) => ({
            value: String(r.id),
            label: `Recommendation ${r.number}: ${r.text.length > 90 ? `${r.text.slice(0, 89).trimEnd()}…` : r.text}`,
          })),
        ]}
        defaultValue={values.recommendationId}
        error={errorAt('recommendationId')}
      />
      <div className={`govuk-form-group${errorAt('kind') ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errorAt('kind') ? `${FIELD_IDS.kind}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Kind of action</legend>
          <FieldError id={`${FIELD_IDS.kind}-error`} message={errorAt('kind')} />
          <div className="govuk-radios govuk-radios--inline" data-module="govuk-radios">
            {ACTION_KINDS.map((kind, index) => {
              const id = index === 0 ? FIELD_IDS.kind : `${FIELD_IDS.kind}-${index + 1}`;
              return (
                <div key={kind} className="govuk-radios__item">
                  <input className="govuk-radios__input" id={id} name="kind" type="radio" value={kind} defaultChecked={values.kind === kind} />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {LABELS.actionKind[kind]}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <Select
        id={FIELD_IDS.ownerAgencyId}
        name="ownerAgencyId"
        label="Owner agency"
        labelSize="s"
        hint="The agency that leads the action and answers for it"
        options={agencyOptions.map((agency) => ({ value: String(agency.id), label: agencyLabel(agency) }))}
        defaultValue={values.ownerAgencyId}
        error={errorAt('ownerAgencyId')}
      />
      <Checkboxes
        id={FIELD_IDS.partnerAgencyIds}
        name="partnerAgencyIds"
        legend="Partner agencies (optional)"
        legendSize="s"
        hint="Other agencies sharing a multi-agency action. Their leads can post updates on it too."
        small
        options={agencyOptions.map((agency) => ({ value: String(agency.id), label: agencyLabel(agency) }))}
        defaultValues={values.partnerAgencyIds}
        error={errorAt('partnerAgencyIds')}
      />
      <Textarea
        id={FIELD_IDS.learningNeed}
        name="learningNeed"
        label="Identified learning need"
        labelSize="s"
        hint="What the review found that this action answers"
        defaultValue={values.learningNeed}
        error={errorAt('learningNeed')}
      />
      <Textarea
        id={FIELD_IDS.action}
        name="action"
        label="Action to be taken"
        labelSize="s"
        hint="What will be done, by whom. Specific and measurable."
        rows={6}
        defaultValue={values.action}
        error={errorAt('action')}
      />
      <Textarea
        id={FIELD_IDS.successMeasure}
        name="successMeasure"
        label="Measure of success (optional)"
        labelSize="s"
        hint="How the partnership will know practice changed, not only that the task was done"
        defaultValue={values.successMeasure}
        error={errorAt('successMeasure')}
      />
      <div className={`govuk-form-group${dateError ? ' govuk-form-group--error' : ''}`}>
        <fieldset
          className="govuk-fieldset"
          role="group"
          aria-describedby={`${FIELD_IDS.targetDate}-hint${dateError ? ` ${FIELD_IDS.targetDate}-error` : ''}`}
        >
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Target date (optional)</legend>
          <div id={`${FIELD_IDS.targetDate}-hint`} className="govuk-hint">
            For example, 31 3 2027. Leave all three empty if there is none.
            {savedTargetDate ? ' If you change it, say why in the box that follows.' : null}
          </div>
          <FieldError id={`${FIELD_IDS.targetDate}-error`} message={dateError} />
          <div className="govuk-date-input">
            {(
              [
                ['targetDay', 'Day', FIELD_IDS.targetDate, 2],
                ['targetMonth', 'Month', `${FIELD_IDS.targetDate}-month`, 2],
                ['targetYear', 'Year', `${FIELD_IDS.targetDate}-year`, 4],
              ] as const
            ).map(([name, label, id, width]) => (
              <div key={name} className="govuk-date-input__item">
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                    {label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${width}${dateError ? ' govuk-input--error' : ''}`}
                    id={id}
                    name={name}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[name]}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {asksReason ? (
        <Textarea
          id={FIELD_IDS.targetDateReason}
          name="targetDateReason"
          label={TARGET_DATE_REASON_LABEL}
          labelSize="s"
          hint={`The target date was ${formatDate(savedTargetDate)}. Say why it moves: the original date and the reason stay in the action’s target date history.`}
          rows={3}
          defaultValue={values.targetDateReason}
          error={errorAt('targetDateReason')}
        />
      ) : null}
      <Checkboxes
        id={FIELD_IDS.themeIds}
        name="themeIds"
        legend="Themes (optional)"
        legendSize="s"
        hint="Let the board see what recurs across reviews"
        small
        options={reference.themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
        defaultValues={values.themeIds}
        error={errorAt('themeIds')}
      />
      <Select
        id={FIELD_IDS.subgroupId}
        name="subgroupId"
        label="Subgroup overseeing the action"
        labelSize="s"
        options={[{ value: '', label: 'None' }, ...reference.subgroups.map((s) => ({ value: String(s.id), label: s.name }))]}
        defaultValue={values.subgroupId}
        error={errorAt('subgroupId')}
      />
    </>
  );
}

/** A field's value in words, for comparing versions. */
function showField(field: EditableField, fields: ActionFields, reference: ReferenceData): ReactNode {
  const agencyName = (id: number) => reference.agencies.find((agency) => agency.id === id)?.name ?? `Agency ${id}`;
  switch (field) {
    case 'recommendationId': {
      if (fields.recommendationId === null) return 'Not linked to a recommendation';
      const recommendation = reference.recommendations.find((r) => r.id === fields.recommendationId);
      return recommendation ? `Recommendation ${recommendation.number}` : `Recommendation (id ${fields.recommendationId})`;
    }
    case 'kind':
      return LABELS.actionKind[fields.kind];
    case 'ownerAgencyId':
      return agencyName(fields.ownerAgencyId);
    case 'partnerAgencyIds':
      return fields.partnerAgencyIds.length > 0 ? fields.partnerAgencyIds.map(agencyName).join(', ') : 'None';
    case 'themeIds':
      return fields.themeIds.length > 0
        ? fields.themeIds.map((id) => reference.themes.find((theme) => theme.id === id)?.name ?? `Theme ${id}`).join(', ')
        : 'None';
    case 'subgroupId':
      return fields.subgroupId === null ? 'None' : (reference.subgroups.find((s) => s.id === fields.subgroupId)?.name ?? `Subgroup ${fields.subgroupId}`);
    case 'targetDate':
      return formatDate(fields.targetDate, 'None set');
    default: {
      const text = fields[field];
      return text ? <span className="app-pre-wrap">{text}</span> : 'Empty';
    }
  }
}

/**
 * Someone else saved the action while this person was editing it. Nothing was saved. Shows what they changed
 * and what this person changed, side by side, and lets them put their changes onto the new version (to check
 * and save again) or drop them.
 */
function ConflictPanel({
  base,
  conflict,
  reference,
  onReapply,
  onDiscard,
}: {
  base: Action;
  conflict: Conflict;
  reference: ReferenceData;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const baseFields = fieldsOf(base);
  const currentFields = fieldsOf(conflict.current);
  const theirs = changedFields(baseFields, currentFields);
  const rows = [...new Set([...conflict.changed, ...theirs])].sort(
    (a, b) => Object.keys(FIELD_LABELS).indexOf(a) - Object.keys(FIELD_LABELS).indexOf(b),
  );
  const both = conflict.changed.filter((field) => theirs.includes(field));
  return (
    <div className="app-conflict">
      <div
        ref={ref}
        tabIndex={-1}
        className="govuk-notification-banner"
        role="alert"
        aria-labelledby="conflict-title"
      >
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="conflict-title">
            Important
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">Someone else changed this action while you were editing it</p>
          <p className="govuk-body">
            Your changes have not been saved. The action was changed {formatDateTime(conflict.current.updatedAt)}. Compare the new
            version with your changes below
            {both.length > 0 ? (
              <>
                : you both changed <strong>{both.map((field) => FIELD_LABELS[field].toLowerCase()).join(', ')}</strong>
              </>
            ) : null}
            .
          </p>
        </div>
      </div>
      <div className="app-table-wrapper" role="region" aria-labelledby="conflict-caption" tabIndex={0}>
        <table className="govuk-table app-conflict__table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="conflict-caption">
            The new version and your unsaved changes
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Field
              </th>
              <th scope="col" className="govuk-table__header">
                New version (saved by someone else)
              </th>
              <th scope="col" className="govuk-table__header">
                Your unsaved change
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((field) => (
              <tr key={field} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {FIELD_LABELS[field]}
                </th>
                <td className="govuk-table__cell">
                  {showField(field, currentFields, reference)}
                  {theirs.includes(field) ? null : <span className="app-secondary-text govuk-!-display-block">(not changed by them)</span>}
                </td>
                <td className="govuk-table__cell">
                  {conflict.changed.includes(field) ? showField(field, conflict.mine, reference) : <span className="app-secondary-text">You did not change this</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="govuk-body">
        The action is now <StatusTag status={conflict.current.status} />.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={onReapply}>
          Apply my changes to the new version
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onDiscard}>
          Discard my changes
        </button>
      </div>
    </div>
  );
}
