import { ProgressUpdateCreate, type Action, type ActionStatus, type Agency, type FieldError, type ProgressUpdate } from '@lrt/contracts';
import { CONFIDENCE_LEVELS, LABELS, LIMITS, STATUS_TRANSITIONS } from '@/lib/contract-constants';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Radios, Select, TextInput, Textarea, FieldError as InlineError } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { isApiError } from '@/lib/api-client';
import { usePostProgressUpdate } from '../api/post-progress-update';
import { describeFieldError, fieldRank, zodFieldErrors } from '../form-errors';

interface EvidenceRow {
  key: number;
  label: string;
  url: string;
}

interface FormValues {
  agencyId: string;
  confidence: string;
  note: string;
  evidence: EvidenceRow[];
  statusTo: '' | ActionStatus;
  evidenceOfImpact: string;
  reason: string;
}

/** One error as the form shows it: where it came from (a body path) and the id of the field to focus. */
interface FormError {
  path: string;
  fieldId: string | undefined;
  message: string;
}

const STATUS_HINTS: Partial<Record<ActionStatus, string>> = {
  completed: 'Proposing the action as completed needs at least one evidence link.',
  assured: 'Assuring the action signs it off: record the evidence that practice changed.',
  withdrawn: 'Say why the action is withdrawn or superseded.',
};

let nextRowKey = 1;
const emptyRow = (): EvidenceRow => ({ key: nextRowKey++, label: '', url: '' });

const initialValues = (agencyId: string): FormValues => ({
  agencyId,
  confidence: '',
  note: '',
  evidence: [],
  statusTo: '',
  evidenceOfImpact: '',
  reason: '',
});

export interface ProgressUpdateFormProps {
  action: Action;
  agencies: ReadonlyMap<number, Agency>;
  /** Told whether the form shows errors, so the page can say "Error:" in its title. */
  onErrorsChange?: (hasErrors: boolean) => void;
}

/**
 * The agency an update speaks for when the author may speak for several: the owner if it is one of theirs,
 * else the first of theirs on the action (as the API would choose when none is sent).
 */
const defaultAgencyId = (action: Action) => {
  const { agencyIds } = action.permissions;
  if (agencyIds.length < 2) return '';
  return String(agencyIds.includes(action.ownerAgencyId) ? action.ownerAgencyId : agencyIds[0]);
};

/**
 * Post a progress update on an action, optionally changing its status. Checked against the shared
 * `ProgressUpdateCreate` schema before sending; the API's own field errors are shown the same way.
 * The author is the signed-in person. Shown only when the API says they may post on this action
 * (`permissions.canPostUpdate`), offering only the status changes it allows them (`permissions.statusChanges`).
 */
export function ProgressUpdateForm(props: ProgressUpdateFormProps) {
  if (!props.action.permissions.canPostUpdate) return null;
  return <PostUpdateForm {...props} />;
}

function PostUpdateForm({ action, agencies, onErrorsChange }: ProgressUpdateFormProps) {
  const [values, setValues] = useState<FormValues>(() => initialValues(defaultAgencyId(action)));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [posted, setPosted] = useState<ProgressUpdate | null>(null);
  const mutation = usePostProgressUpdate(action.id);
  const focusAfterAdd = useRef<string | null>(null);

  useEffect(() => {
    onErrorsChange?.(errors.length > 0);
  }, [errors, onErrorsChange]);
  useEffect(() => {
    if (focusAfterAdd.current) {
      document.getElementById(focusAfterAdd.current)?.focus();
      focusAfterAdd.current = null;
    }
  }, [values.evidence.length]);

  const nextStatuses = action.permissions.statusChanges;
  const agencyChoices = action.permissions.agencyIds.length > 1 ? action.permissions.agencyIds : [];
  const evidenceFieldId = (key: number, part: 'label' | 'url') => `update-evidence-${key}-${part}`;

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setRow = (key: number, part: 'label' | 'url', value: string) =>
    setValues((v) => ({ ...v, evidence: v.evidence.map((row) => (row.key === key ? { ...row, [part]: value } : row)) }));

  /** Evidence rows left wholly blank are not sent; `sentRows[i]` is the row behind `evidence.i` of the body. */
  const buildBody = () => {
    const sentRows = values.evidence.filter((row) => row.label.trim() !== '' || row.url.trim() !== '');
    const body: ProgressUpdateCreate = {
      note: values.note,
      confidence: values.confidence as ProgressUpdateCreate['confidence'],
      evidence: sentRows.map(({ label, url }) => ({ label: label.trim(), url: url.trim() })),
      statusChange: values.statusTo ? { to: values.statusTo } : null,
      actionVersion: action.version,
    };
    if (values.agencyId) body.agencyId = Number(values.agencyId);
    if (values.statusTo === 'assured') body.evidenceOfImpact = values.evidenceOfImpact;
    if (values.statusTo === 'withdrawn') body.reason = values.reason;
    return { body, sentRows };
  };

  const fieldIdFor = (path: string, sentRows: EvidenceRow[]): string | undefined => {
    const evidence = /^evidence\.(\d+)\.(label|url)/.exec(path);
    if (evidence) {
      const row = sentRows[Number(evidence[1])];
      return row ? evidenceFieldId(row.key, evidence[2] as 'label' | 'url') : 'update-evidence-add';
    }
    switch (path.split('.')[0]) {
      case 'agencyId':
        return agencyChoices.length > 0 ? 'update-agency' : undefined;
      case 'confidence':
        return 'update-confidence';
      case 'note':
        return 'update-note';
      case 'evidence':
        return 'update-evidence-add';
      case 'statusChange':
        return nextStatuses.length > 0 ? 'update-status' : undefined;
      case 'evidenceOfImpact':
        return 'update-impact';
      case 'reason':
        return 'update-reason';
      default:
        return undefined;
    }
  };

  const toFormErrors = (fieldErrors: (FieldError & { code?: string })[], sentRows: EvidenceRow[]): FormError[] =>
    fieldErrors
      .map((error) => {
        // Evidence paths are numbered as sent; number them as the user sees the rows.
        const evidence = /^evidence\.(\d+)\.(.+)$/.exec(error.path);
        const shownPath = evidence
          ? `evidence.${values.evidence.indexOf(sentRows[Number(evidence[1])]!)}.${evidence[2]}`
          : error.path;
        return {
          path: error.path,
          fieldId: fieldIdFor(error.path, sentRows),
          message: describeFieldError(shownPath, error.message, error.code),
        };
      })
      .sort((a, b) => fieldRank(a.path) - fieldRank(b.path));

  /** What the workflow needs for the chosen status; the API checks the same and has the last word. */
  const workflowErrors = (body: ProgressUpdateCreate): FieldError[] => {
    const to = body.statusChange?.to;
    if (to === 'completed' && (body.evidence ?? []).length === 0) {
      return [{ path: 'evidence', message: 'Add at least one evidence link to propose the action as completed' }];
    }
    if (to === 'assured' && !body.evidenceOfImpact?.trim()) {
      return [{ path: 'evidenceOfImpact', message: 'Enter the evidence of impact that shows practice changed' }];
    }
    if (to === 'withdrawn' && !body.reason?.trim()) {
      return [{ path: 'reason', message: 'Enter why the action is withdrawn' }];
    }
    return [];
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPosted(null);
    const { body, sentRows } = buildBody();
    const parsed = ProgressUpdateCreate.safeParse(body);
    const clientErrors = [...(parsed.success ? [] : zodFieldErrors(parsed.error)), ...workflowErrors(body)];
    if (!parsed.success || clientErrors.length > 0) {
      setErrors(toFormErrors(clientErrors, sentRows));
      return;
    }
    try {
      const update = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      setValues(initialValues(values.agencyId));
      setPosted(update);
    } catch (error) {
      setErrors(serverErrors(error, sentRows));
    }
  };

  const serverErrors = (error: unknown, sentRows: EvidenceRow[]): FormError[] => {
    if (!isApiError(error)) {
      return [{ path: '', fieldId: undefined, message: 'The update could not be sent. Try again.' }];
    }
    if (error.code.endsWith('version_conflict')) {
      return [
        {
          path: '',
          fieldId: undefined,
          message:
            'Someone else changed this action while you were writing. The action has been refreshed: check its status and send your update again.',
        },
      ];
    }
    const fieldErrors = error.fieldErrors.filter((fieldError) => fieldError.path !== 'body');
    if (fieldErrors.length > 0) return toFormErrors(fieldErrors, sentRows);
    return [{ path: '', fieldId: undefined, message: error.problem.detail || error.problem.title }];
  };

  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  // A new list only when the form is sent, so the summary takes focus then and not on every keystroke.
  const summary: SummaryError[] = useMemo(
    () => errors.map((error) => ({ fieldId: error.fieldId, message: error.message })),
    [errors],
  );

  return (
    <>
      {posted ? (
        <SuccessBanner heading="Your progress update has been posted">
          {posted.statusChange ? (
            <p className="govuk-body">The action is now {LABELS.actionStatus[posted.statusChange.to]}.</p>
          ) : null}
        </SuccessBanner>
      ) : null}
      <ErrorSummary errors={summary} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="post-update-heading">
        <h2 className="govuk-heading-m" id="post-update-heading">
          Post a progress update
        </h2>

        {agencyChoices.length > 0 ? (
          <Select
            id="update-agency"
            name="agencyId"
            label="Agency you are writing for"
            options={agencyChoices.map((id) => {
              const name = agencies.get(id)?.name ?? `Agency ${id}`;
              return { value: String(id), label: id === action.ownerAgencyId ? `${name} (leads this action)` : name };
            })}
            value={values.agencyId}
            onChange={(event) => set('agencyId', event.target.value)}
            error={errorAt('update-agency')}
          />
        ) : null}

        <Radios
          id="update-confidence"
          name="confidence"
          legend="How confident are you that the action is on track?"
          legendSize="s"
          options={CONFIDENCE_LEVELS.map((level) => ({ value: level, label: LABELS.confidence[level] }))}
          value={values.confidence}
          onChange={(value) => set('confidence', value)}
          error={errorAt('update-confidence')}
        />

        <Textarea
          id="update-note"
          name="note"
          label="What has been done since the last update?"
          labelSize="s"
          hint="Say what changed, who was involved and what happens next."
          value={values.note}
          onChange={(event) => set('note', event.target.value)}
          error={errorAt('update-note')}
        />

        <div className={`govuk-form-group${errorAt('update-evidence-add') ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby="update-evidence-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Evidence (optional)</legend>
            <div id="update-evidence-hint" className="govuk-hint">
              Links to audits, minutes, training records, guidance or other documents that show what was done.
            </div>
            <InlineError id="update-evidence-error" message={errorAt('update-evidence-add')} />
            {values.evidence.map((row, index) => (
              <div key={row.key} className="app-evidence-row">
                <TextInput
                  id={evidenceFieldId(row.key, 'label')}
                  label={`Evidence link ${index + 1}: what it is`}
                  value={row.label}
                  onChange={(event) => setRow(row.key, 'label', event.target.value)}
                  error={errorAt(evidenceFieldId(row.key, 'label'))}
                />
                <TextInput
                  id={evidenceFieldId(row.key, 'url')}
                  type="url"
                  inputMode="url"
                  spellCheck={false}
                  label={`Evidence link ${index + 1}: web address`}
                  value={row.url}
                  onChange={(event) => setRow(row.key, 'url', event.target.value)}
                  error={errorAt(evidenceFieldId(row.key, 'url'))}
                />
                <div className="govuk-form-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => set('evidence', values.evidence.filter((other) => other.key !== row.key))}
                  >
                    Remove <span className="govuk-visually-hidden">evidence link {index + 1}</span>
                  </button>
                </div>
              </div>
            ))}
            {values.evidence.length < LIMITS.evidenceItems ? (
              <button
                type="button"
                id="update-evidence-add"
                className="govuk-button govuk-button--secondary"
                onClick={() => {
                  const row = emptyRow();
                  focusAfterAdd.current = evidenceFieldId(row.key, 'label');
                  set('evidence', [...values.evidence, row]);
                }}
              >
                {values.evidence.length === 0 ? 'Add an evidence link' : 'Add another evidence link'}
              </button>
            ) : (
              <p className="govuk-body" id="update-evidence-add" tabIndex={-1}>
                You can add up to {LIMITS.evidenceItems} evidence links.
              </p>
            )}
          </fieldset>
        </div>

        {nextStatuses.length > 0 ? (
          <Select
            id="update-status"
            name="statusTo"
            label="Change the status of the action (optional)"
            labelSize="s"
            hint={
              values.statusTo && STATUS_HINTS[values.statusTo]
                ? STATUS_HINTS[values.statusTo]
                : `The action is ${LABELS.actionStatus[action.status]}.`
            }
            options={[
              { value: '', label: `No change: keep it ${LABELS.actionStatus[action.status]}` },
              ...nextStatuses.map((status) => ({ value: status, label: LABELS.actionStatus[status] })),
            ]}
            value={values.statusTo}
            onChange={(event) => set('statusTo', event.target.value as FormValues['statusTo'])}
            error={errorAt('update-status')}
          />
        ) : (
          <p className="govuk-body">
            {STATUS_TRANSITIONS[action.status].length === 0
              ? `This action is ${LABELS.actionStatus[action.status]}: its status can no longer change.`
              : `The action is ${LABELS.actionStatus[action.status]}. You cannot change its status.`}
          </p>
        )}

        {values.statusTo === 'assured' ? (
          <Textarea
            id="update-impact"
            name="evidenceOfImpact"
            label="Evidence of impact"
            labelSize="s"
            hint="What shows that practice changed: audit findings, case file reviews, feedback from children and families."
            value={values.evidenceOfImpact}
            onChange={(event) => set('evidenceOfImpact', event.target.value)}
            error={errorAt('update-impact')}
          />
        ) : null}

        {values.statusTo === 'withdrawn' ? (
          <Textarea
            id="update-reason"
            name="reason"
            label="Reason for withdrawing the action"
            labelSize="s"
            hint="For example, superseded by another action, or no longer relevant after a service change."
            value={values.reason}
            onChange={(event) => set('reason', event.target.value)}
            error={errorAt('update-reason')}
          />
        ) : null}

        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Posting update…' : 'Post update'}
        </button>
      </form>
    </>
  );
}
