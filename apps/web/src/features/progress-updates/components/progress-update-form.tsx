import {
  ProgressUpdateCreate,
  type Action,
  type ActionStatus,
  type Agency,
  type FieldError,
  type ProgressUpdate,
} from '@lrt/contracts';
import { checkStatusChange, defaultUpdateAgency } from '@lrt/domain';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { Radios, Select, TextInput, Textarea, FieldError as InlineError } from '@/components/form-fields';
import { actionKeys } from '@/features/actions/api/keys';
import { useSignedIn } from '@/features/auth/api/get-me';
import { DocumentUploads, documentLabelId } from '@/features/evidence/components/document-uploads';
import { useEvidenceUploads, type EvidenceDocument } from '@/features/evidence/use-evidence-uploads';
import { useSettings } from '@/features/settings/api/get-settings';
import { isApiError, type Page } from '@/lib/api-client';
import { CONFIDENCE_LEVELS, LABELS, LIMITS, STATUS_TRANSITIONS } from '@/lib/contract-constants';
import { formatDate, formatInstantDate } from '@/lib/format';
import { progressUpdateKeys } from '../api/keys';
import { usePostProgressUpdate } from '../api/post-progress-update';
import {
  describeEvidenceError,
  describeFieldError,
  fieldRank,
  isRefusalCode,
  zodFieldErrors,
  type EvidencePosition,
} from '../form-errors';
import { PostedUpdate, type HeadingLevel, type PreviousEntry } from './posted-update';
import { updateTitle } from './progress-timeline';

interface LinkRow {
  key: number;
  label: string;
  url: string;
}

type PostKind = ProgressUpdateCreate['kind'];

interface FormValues {
  kind: PostKind;
  agencyId: string;
  confidence: string;
  note: string;
  links: LinkRow[];
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

type IssueLike = FieldError & { code?: string | undefined };

/** A piece of evidence as sent: `sent[i]` is what `evidence.i` of the body is, and where the person sees it. */
type SentItem = EvidencePosition & ({ kind: 'document'; document: EvidenceDocument } | { kind: 'link'; row: LinkRow });

let nextRowKey = 1;
const emptyRow = (): LinkRow => ({ key: nextRowKey++, label: '', url: '' });

const initialValues = (kind: PostKind, agencyId: string): FormValues => ({
  kind,
  agencyId,
  confidence: '',
  note: '',
  links: [],
  statusTo: '',
  evidenceOfImpact: '',
  reason: '',
});

const DOCUMENT_INPUT_ID = 'update-document';
const linkFieldId = (key: number, part: 'label' | 'url') => `update-evidence-${key}-${part}`;

/**
 * What the workflow asks of a move to `to`, from the domain's own rule: asked with nothing filled in, the
 * refusals name the fields the move needs (evidence, evidence of impact, a reason).
 */
function requirementsOf(from: ActionStatus, to: '' | ActionStatus) {
  const paths = to ? checkStatusChange({ from, to, evidenceCount: 0, evidenceOfImpact: '', reason: '' }).map((r) => r.path) : [];
  return { evidence: paths.includes('evidence'), evidenceOfImpact: paths.includes('evidenceOfImpact'), reason: paths.includes('reason') };
}

export interface ProgressUpdateFormProps {
  action: Action;
  agencies: ReadonlyMap<number, Agency>;
  /** Told whether the form shows errors, so the page can say "Error:" in its title. */
  onErrorsChange?: (hasErrors: boolean) => void;
  /** The level of the form's heading: 2 on the action's page, deeper inside a list. */
  headingLevel?: HeadingLevel;
}

/**
 * Post a progress update on an action, optionally changing its status, with evidence: documents (uploaded as
 * soon as they are chosen) and links. Checked against the shared `ProgressUpdateCreate` schema and the domain's
 * status rule before sending; the API's own field errors are shown the same way. The author is the signed-in
 * person. Shown only when the API says they may post on this action (`permissions.canPostUpdate`), offering only
 * the status changes it allows them (`permissions.statusChanges`). While the action is returned for more
 * information, the form asks for the answer to the subgroup's question.
 *
 * The overseeing subgroup's chair comments instead (`permissions.canComment`): a note only, which is not the
 * agency's progress. The business unit may do either; its progress update is posted on behalf of an agency it
 * must choose (the API would take the owner, but the form asks, so the history names the agency that replied).
 */
export function ProgressUpdateForm(props: ProgressUpdateFormProps) {
  const { canPostUpdate, canComment } = props.action.permissions;
  if (!canPostUpdate && !canComment) return null;
  return <PostUpdateForm {...props} />;
}

function PostUpdateForm({ action: shown, agencies, onErrorsChange, headingLevel = 2 }: ProgressUpdateFormProps) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const maxMegabytes = useSettings().data?.evidenceMaxMegabytes;
  // The action as the API last described it: after a conflict, the one it answered with until the page catches up.
  const [answeredWith, setAnsweredWith] = useState<Action | null>(null);
  const action = answeredWith && answeredWith.version > shown.version ? answeredWith : shown;

  const { canPostUpdate, canComment, agencyIds } = action.permissions;
  const businessUnit = me?.user.roles.includes('admin') ?? false;
  const chooseKind = canPostUpdate && canComment;
  const defaultKind: PostKind = canPostUpdate ? 'progress' : 'comment';
  // The business unit speaks for an agency it names; an agency lead of several, for the one they pick.
  const onBehalf = businessUnit && canPostUpdate;
  const agencyChoices = onBehalf || agencyIds.length > 1 ? agencyIds : [];
  const defaultAgency = onBehalf
    ? agencyIds.length === 1
      ? (agencyIds[0] ?? null)
      : null
    : defaultUpdateAgency(me?.user ?? { roles: [] }, agencyIds, action.ownerAgencyId);
  const defaultAgencyId = agencyChoices.length > 0 && defaultAgency !== null ? String(defaultAgency) : '';

  const [values, setValues] = useState<FormValues>(() => initialValues(defaultKind, defaultAgencyId));
  const commenting = values.kind === 'comment';
  const [errors, setErrors] = useState<FormError[]>([]);
  const [posted, setPosted] = useState<{ update: ProgressUpdate; previous: PreviousEntry | null; answered: boolean } | null>(null);
  const uploads = useEvidenceUploads(maxMegabytes);
  const mutation = usePostProgressUpdate(shown.id);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    onErrorsChange?.(errors.length > 0);
  }, [errors, onErrorsChange]);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const target =
      focusAfterRender.current === 'first-field'
        ? formRef.current?.querySelector<HTMLElement>('input, select, textarea')
        : document.getElementById(focusAfterRender.current);
    target?.focus();
    focusAfterRender.current = null;
  }, [values.links.length, posted]);

  const returned = action.returned;
  const nextStatuses = action.permissions.statusChanges;
  const needs = requirementsOf(action.status, values.statusTo);
  const evidenceCount = uploads.documents.length + values.links.length;
  const canAddEvidence = evidenceCount < LIMITS.evidenceItems;

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setRow = (key: number, part: 'label' | 'url', value: string) =>
    setValues((v) => ({ ...v, links: v.links.map((row) => (row.key === key ? { ...row, [part]: value } : row)) }));

  /** Documents then links, as the form shows them; link rows left wholly blank are not sent. */
  const sentItems = (): SentItem[] => [
    ...uploads.documents
      .filter((document) => document.fileId !== null)
      .map((document, index): SentItem => ({ kind: 'document', number: index + 1, document })),
    ...values.links
      .map((row, index): SentItem => ({ kind: 'link', number: index + 1, row }))
      .filter((item) => item.kind === 'link' && (item.row.label.trim() !== '' || item.row.url.trim() !== '')),
  ];

  const buildBody = (sent: SentItem[]): ProgressUpdateCreate => {
    // A comment is a note and nothing else.
    if (commenting) return { kind: 'comment', note: values.note, evidence: [], statusChange: null };
    const body: ProgressUpdateCreate = {
      kind: 'progress',
      note: values.note,
      evidence: sent.map((item) =>
        item.kind === 'document'
          ? { label: item.document.label.trim(), fileId: item.document.fileId! }
          : { label: item.row.label.trim(), url: item.row.url.trim() },
      ),
      // `from` is the status the person saw: if it has moved on, the API refuses rather than apply a stale choice.
      statusChange: values.statusTo ? { from: action.status, to: values.statusTo } : null,
    };
    if (values.confidence) body.confidence = values.confidence as NonNullable<ProgressUpdateCreate['confidence']>;
    if (values.agencyId) body.agencyId = Number(values.agencyId);
    if (needs.evidenceOfImpact) body.evidenceOfImpact = values.evidenceOfImpact;
    if (needs.reason) body.reason = values.reason;
    return body;
  };

  const fieldIdFor = (path: string, sent: SentItem[]): string | undefined => {
    const evidence = /^evidence\.(\d+)\.(\w+)/.exec(path);
    if (evidence) {
      const item = sent[Number(evidence[1])];
      if (item?.kind === 'link') return linkFieldId(item.row.key, evidence[2] === 'url' ? 'url' : 'label');
      if (item?.kind === 'document') return evidence[2] === 'label' ? documentLabelId(DOCUMENT_INPUT_ID, item.document) : DOCUMENT_INPUT_ID;
      return canAddEvidence ? DOCUMENT_INPUT_ID : undefined;
    }
    switch (path.split('.')[0]) {
      case 'kind':
        return chooseKind ? 'update-kind' : undefined;
      case 'agencyId':
        return agencyChoices.length > 0 ? 'update-agency' : undefined;
      case 'confidence':
        return 'update-confidence';
      case 'note':
        return 'update-note';
      case 'evidence':
      case 'documents':
        return canAddEvidence ? DOCUMENT_INPUT_ID : values.links.length > 0 ? linkFieldId(values.links[0]!.key, 'label') : undefined;
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

  const toFormErrors = (issues: IssueLike[], sent: SentItem[]): FormError[] =>
    issues
      .map((issue) => {
        const evidence = /^evidence\.(\d+)\.(\w+)/.exec(issue.path);
        const item = evidence ? sent[Number(evidence[1])] : undefined;
        return {
          path: issue.path,
          fieldId: fieldIdFor(issue.path, sent),
          message:
            evidence && item
              ? describeEvidenceError(item, evidence[2]!, issue.message, issue.code)
              : describeFieldError(issue.path, issue.message, issue.code, { answering: returned !== null && !commenting, commenting }),
        };
      })
      .sort((a, b) => fieldRank(a.path) - fieldRank(b.path));

  /** What the form checks before sending: the schema, the note's confidence, the workflow, unfinished uploads. */
  const clientIssues = (body: ProgressUpdateCreate): IssueLike[] => {
    const parsed = ProgressUpdateCreate.safeParse(body);
    const issues: IssueLike[] = parsed.success ? [] : zodFieldErrors(parsed.error);
    if (body.kind === 'comment') return issues;
    // The API needs a confidence on every progress note (only sign-off decisions and comments have none).
    if (!body.confidence) issues.push({ path: 'confidence', message: 'is required', code: 'required' });
    if (onBehalf && agencyChoices.length > 0 && body.agencyId === undefined) {
      issues.push({ path: 'agencyId', message: 'Select the agency this update is on behalf of', code: 'required' });
    }
    const uploading = uploads.documents.filter((document) => document.fileId === null);
    if (body.statusChange) {
      const refusals = checkStatusChange({
        from: body.statusChange.from ?? action.status,
        to: body.statusChange.to,
        // A document still uploading will be evidence once it is stored: say "wait" rather than "add evidence".
        evidenceCount: body.evidence.length + uploading.length,
        evidenceOfImpact: body.evidenceOfImpact,
        reason: body.reason,
      });
      issues.push(...refusals.map((refusal) => ({ path: refusal.path, message: refusal.message, code: refusal.code })));
    }
    if (uploading.length > 0) {
      issues.push({
        path: 'documents',
        message: `Wait for ${uploading.map((document) => `“${document.name}”`).join(' and ')} to finish uploading, or cancel it`,
      });
    }
    return issues;
  };

  /** The entry before this one, as the person last saw the history: in full if it is loaded, else in brief. */
  const previousEntry = (): PreviousEntry | null => {
    const history = queryClient.getQueryData<InfiniteData<Page<ProgressUpdate>>>(progressUpdateKeys.list(action.id));
    const latest = history?.pages[0]?.items[0];
    if (latest) {
      const decision = latest.kind === 'assurance' || latest.kind === 'return';
      return {
        title: updateTitle(latest),
        createdAt: latest.createdAt,
        authorName: decision ? null : latest.authorName,
        note: latest.kind === 'return' && latest.question ? latest.question : latest.note,
      };
    }
    const brief = action.latestUpdate;
    return brief ? { title: null, createdAt: brief.createdAt, authorName: brief.authorName, note: brief.note } : null;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sent = sentItems();
    const body = buildBody(sent);
    const issues = clientIssues(body);
    if (issues.length > 0) {
      setErrors(toFormErrors(issues, sent));
      return;
    }
    const previous = previousEntry();
    try {
      const update = await mutation.mutateAsync(ProgressUpdateCreate.parse(body));
      setErrors([]);
      setValues(initialValues(defaultKind, defaultAgencyId));
      uploads.clear();
      setPosted({ update, previous, answered: returned !== null && !commenting });
    } catch (error) {
      setErrors(serverErrors(error, sent));
    }
  };

  const serverErrors = (error: unknown, sent: SentItem[]): FormError[] => {
    if (!isApiError(error)) {
      return [{ path: '', fieldId: undefined, message: 'The update could not be sent. Try again.' }];
    }
    if (error.code === 'action.version_conflict' && error.problem.current) {
      // Someone moved the action on: show it as it is now, and keep everything this person wrote.
      const current = error.problem.current as Action;
      queryClient.setQueryData(actionKeys.detail(current.id), current);
      void queryClient.invalidateQueries({ queryKey: actionKeys.lists() });
      setAnsweredWith(current);
      const stillOffered = values.statusTo !== '' && current.permissions.statusChanges.includes(values.statusTo);
      if (!stillOffered) set('statusTo', '');
      return [
        {
          path: '',
          fieldId: undefined,
          message:
            `This action has changed since you opened it: it is now ${LABELS.actionStatus[current.status]}. ` +
            (values.statusTo && !stillOffered
              ? `It can no longer move to ${LABELS.actionStatus[values.statusTo]}, so the status change has been cleared. `
              : '') +
            'Your update has not been posted yet: check it and post it again.',
        },
      ];
    }
    const fieldErrors: IssueLike[] = error.fieldErrors
      .filter((fieldError) => fieldError.path !== 'body')
      // A workflow refusal carries its rule's code on the problem: word it as the form's own check would.
      .map((fieldError) => (isRefusalCode(error.code) ? { ...fieldError, code: error.code } : fieldError));
    if (fieldErrors.length > 0) return toFormErrors(fieldErrors, sent);
    return [{ path: '', fieldId: undefined, message: error.problem.detail || error.problem.title }];
  };

  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  const evidenceError = errors.find((error) => error.path === 'evidence')?.message;
  const documentsError = errors.find((error) => error.path === 'documents' || /^evidence\.\d+\.fileId$/.test(error.path))?.message;
  // A new list only when the form is sent, so the summary takes focus then and not on every keystroke.
  const summary: SummaryError[] = useMemo(
    () => errors.map((error) => ({ fieldId: error.fieldId, message: error.message })),
    [errors],
  );

  if (posted) {
    return (
      <PostedUpdate
        update={posted.update}
        previous={posted.previous}
        answered={posted.answered}
        agencyName={posted.update.agencyId !== null ? agencies.get(posted.update.agencyId)?.name : undefined}
        headingLevel={headingLevel}
        onPostAnother={() => {
          focusAfterRender.current = 'first-field';
          setPosted(null);
        }}
      />
    );
  }

  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4' | 'h5';
  const headingId = `post-update-heading-${action.id}`;
  const evidenceHintId = 'update-evidence-hint';

  return (
    <>
      <ErrorSummary errors={summary} />
      <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={headingId}>
        <Heading className="govuk-heading-m" id={headingId}>
          {chooseKind ? 'Post an update or a comment' : commenting ? 'Add a comment' : returned ? 'Answer the question' : 'Post a progress update'}
        </Heading>
        {chooseKind ? (
          <Radios
            id="update-kind"
            name="kind"
            legend="What are you posting?"
            legendSize="s"
            options={[
              { value: 'progress', label: businessUnit ? 'A progress update on behalf of an agency' : 'A progress update for your agency' },
              { value: 'comment', label: businessUnit ? 'A comment from the business unit' : 'A comment as the subgroup’s chair' },
            ]}
            value={values.kind}
            onChange={(value) => {
              setErrors([]);
              set('kind', value as PostKind);
            }}
            error={errorAt('update-kind')}
          />
        ) : null}
        {commenting ? (
          <>
            <p className="govuk-body">
              A comment is kept in the action’s history as {businessUnit ? 'the business unit’s' : 'the subgroup chair’s'}. It is
              not the agency’s progress: it does not change the action’s BRAG rating or status, count as an update from the agency,
              or answer a question sent to it.
            </p>
            <Textarea
              id="update-note"
              name="note"
              label="Your comment"
              labelSize="s"
              hint="For example, what the subgroup asks of the agency, or what it noted at its meeting."
              value={values.note}
              onChange={(event) => set('note', event.target.value)}
              error={errorAt('update-note')}
            />
            <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
              {mutation.isPending ? 'Posting…' : 'Post comment'}
            </button>
          </>
        ) : (
          <>
            {returned ? (
              <div className="govuk-inset-text app-returned">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>Answer the question:</strong>
                </p>
                <p className="govuk-body app-pre-wrap">{returned.question}</p>
                <p className="govuk-body govuk-!-margin-bottom-0">
                  Returned for more information on {formatInstantDate(returned.on)}. Answer due by {formatDate(returned.replyBy)}.
                </p>
              </div>
            ) : null}

            {agencyChoices.length > 0 ? (
              <Select
                id="update-agency"
                name="agencyId"
                label={onBehalf ? 'On behalf of' : 'Agency you are writing for'}
                hint={
                  onBehalf
                    ? 'The agency whose progress this is, for example from its reply by email. The history will say you posted it on the agency’s behalf.'
                    : undefined
                }
                options={[
                  ...(defaultAgency === null ? [{ value: '', label: 'Choose the agency' }] : []),
                  ...agencyChoices.map((id) => {
                    const name = agencies.get(id)?.name ?? `Agency ${id}`;
                    return { value: String(id), label: id === action.ownerAgencyId ? `${name} (leads this action)` : name };
                  }),
                ]}
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
              label={returned ? 'Your answer' : 'What has been done since the last update?'}
              labelSize="s"
              hint={
                returned
                  ? 'Answer the question: say what was done and what shows that practice changed. Add documents below.'
                  : 'Say what changed, who was involved and what happens next.'
              }
              value={values.note}
              onChange={(event) => set('note', event.target.value)}
              error={errorAt('update-note')}
            />

            {nextStatuses.length > 0 ? (
              <Select
                id="update-status"
                name="statusTo"
                label="Change the status of the action (optional)"
                labelSize="s"
                hint={
                  needs.evidence
                    ? 'Proposing the action as completed needs evidence: add a document or a link below.'
                    : needs.evidenceOfImpact
                      ? 'Assuring the action signs it off: record the evidence that practice changed.'
                      : needs.reason
                        ? 'Say why the action is withdrawn or superseded.'
                        : returned && nextStatuses.includes('completed')
                          ? `The action is ${LABELS.actionStatus[action.status]}. If your answer shows it is done, you can propose it as completed again.`
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

            {needs.evidenceOfImpact ? (
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

            {needs.reason ? (
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

            <div className={`govuk-form-group${evidenceError ? ' govuk-form-group--error' : ''}`}>
              <fieldset
                className="govuk-fieldset app-evidence"
                aria-describedby={`${evidenceHintId}${evidenceError ? ' update-evidence-error' : ''}`}
              >
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  {needs.evidence ? 'Evidence (required to propose completion)' : 'Evidence (optional)'}
                </legend>
                <div id={evidenceHintId} className="govuk-hint">
                  {needs.evidence
                    ? 'Add at least one document or link that shows the action was done, such as an audit report, a briefing, minutes or training figures. The subgroup reads it before assuring the action.'
                    : 'Documents or links that show what was done: audits, minutes, training records, guidance.'}
                </div>
                <InlineError id="update-evidence-error" message={evidenceError} />

                <DocumentUploads
                  id={DOCUMENT_INPUT_ID}
                  uploads={uploads}
                  maxMegabytes={maxMegabytes}
                  canAdd={canAddEvidence}
                  error={documentsError}
                  labelError={(document) => errorAt(documentLabelId(DOCUMENT_INPUT_ID, document))}
                />

                {values.links.map((row, index) => (
                  <div key={row.key} className="app-evidence-row">
                    <TextInput
                      id={linkFieldId(row.key, 'label')}
                      label={`Evidence link ${index + 1}: what it is`}
                      value={row.label}
                      onChange={(event) => setRow(row.key, 'label', event.target.value)}
                      error={errorAt(linkFieldId(row.key, 'label'))}
                    />
                    <TextInput
                      id={linkFieldId(row.key, 'url')}
                      type="url"
                      inputMode="url"
                      spellCheck={false}
                      label={`Evidence link ${index + 1}: web address`}
                      value={row.url}
                      onChange={(event) => setRow(row.key, 'url', event.target.value)}
                      error={errorAt(linkFieldId(row.key, 'url'))}
                    />
                    <div className="govuk-form-group">
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        onClick={() => {
                          focusAfterRender.current = 'update-evidence-add';
                          set('links', values.links.filter((other) => other.key !== row.key));
                        }}
                      >
                        Remove <span className="govuk-visually-hidden">evidence link {index + 1}</span>
                      </button>
                    </div>
                  </div>
                ))}
                {canAddEvidence ? (
                  <button
                    type="button"
                    id="update-evidence-add"
                    className="govuk-button govuk-button--secondary"
                    onClick={() => {
                      const row = emptyRow();
                      focusAfterRender.current = linkFieldId(row.key, 'label');
                      set('links', [...values.links, row]);
                    }}
                  >
                    {values.links.length === 0 ? 'Add an evidence link' : 'Add another evidence link'}
                  </button>
                ) : (
                  <p className="govuk-body" id="update-evidence-add" tabIndex={-1}>
                    You can add up to {LIMITS.evidenceItems} documents and evidence links.
                  </p>
                )}
              </fieldset>
            </div>

            <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
              {mutation.isPending ? 'Posting…' : returned ? 'Post your answer' : 'Post update'}
            </button>
          </>
        )}
      </form>
    </>
  );
}
