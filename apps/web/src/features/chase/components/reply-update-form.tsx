import { RespondUpdateCreate, type ActionStatus, type FieldError, type ProgressUpdate, type RespondAction, type RespondView } from '@lrt/contracts';
import { checkStatusChange } from '@lrt/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { FieldError as InlineError, Radios, Select, Textarea, TextInput } from '@/components/form-fields';
import { DocumentUploads, documentLabelId } from '@/features/evidence/components/document-uploads';
import type { EvidenceDocument } from '@/features/evidence/use-evidence-uploads';
import {
  describeEvidenceError,
  describeFieldError,
  fieldRank,
  isRefusalCode,
  zodFieldErrors,
  type EvidencePosition,
} from '@/features/progress-updates/form-errors';
import { isApiError } from '@/lib/api-client';
import { CONFIDENCE_LEVELS, LABELS, LIMITS } from '@/lib/contract-constants';
import { respondKeys } from '../api/keys';
import { usePostRespondUpdate } from '../api/post-respond-update';
import { useReplyUploads } from '../use-reply-uploads';
import { SIGN_IN_TO_MY_AGENCY } from '../words';

interface LinkRow {
  key: number;
  label: string;
  url: string;
}

interface FormError {
  path: string;
  fieldId: string | undefined;
  message: string;
}

type IssueLike = FieldError & { code?: string | undefined };
type SentItem = EvidencePosition & ({ kind: 'document'; document: EvidenceDocument } | { kind: 'link'; row: LinkRow });

let nextRowKey = 1;

export interface ReplyUpdateFormProps {
  token: string;
  action: RespondAction;
  maxMegabytes: number;
  onPosted: (update: ProgressUpdate) => void;
}

/**
 * The agency's progress update on one action, posted through the reply link as its holder (an agency lead of the
 * agency): a note, a confidence, optionally a status change (only those the API offers), a reason when
 * withdrawing, and evidence (documents uploaded through the link, and links). Checked against the shared schema
 * and the domain's status rule first; the API's refusals show beside the same fields.
 */
export function ReplyUpdateForm({ token, action, maxMegabytes, onPosted }: ReplyUpdateFormProps) {
  const queryClient = useQueryClient();
  const id = (part: string) => `reply-${action.id}-${part}`;
  const ids = {
    confidence: id('confidence'),
    note: id('note'),
    status: id('status'),
    reason: id('reason'),
    document: id('document'),
    addLink: id('evidence-add'),
    link: (key: number, part: 'label' | 'url') => id(`evidence-${key}-${part}`),
  };
  const [confidence, setConfidence] = useState('');
  const [note, setNote] = useState('');
  const [statusTo, setStatusTo] = useState<'' | ActionStatus>('');
  const [reason, setReason] = useState('');
  const [links, setLinks] = useState<LinkRow[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  // The link stopped working (or never covered this action) while the form was open: signing in is the way on.
  const [linkGone, setLinkGone] = useState(false);
  const uploads = useReplyUploads(token, maxMegabytes);
  const mutation = usePostRespondUpdate(token, action.id);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [links.length]);

  // After a conflict the view is asked again: a status change it no longer offers is dropped, not sent stale.
  useEffect(() => {
    if (statusTo !== '' && !action.statusChanges.includes(statusTo)) setStatusTo('');
  }, [action.statusChanges, statusTo]);

  const refusalsOf = (to: '' | ActionStatus) =>
    to ? checkStatusChange({ from: action.status, to, evidenceCount: 0, evidenceOfImpact: '', reason: '' }).map((r) => r.path) : [];
  const needs = { evidence: refusalsOf(statusTo).includes('evidence'), reason: refusalsOf(statusTo).includes('reason') };
  const evidenceCount = uploads.documents.length + links.length;
  const canAddEvidence = evidenceCount < LIMITS.evidenceItems;
  const returned = action.returned;

  const sentItems = (): SentItem[] => [
    ...uploads.documents
      .filter((document) => document.fileId !== null)
      .map((document, index): SentItem => ({ kind: 'document', number: index + 1, document })),
    ...links
      .map((row, index): SentItem => ({ kind: 'link', number: index + 1, row }))
      .filter((item) => item.kind === 'link' && (item.row.label.trim() !== '' || item.row.url.trim() !== '')),
  ];

  const buildBody = (sent: SentItem[]) => ({
    note,
    confidence,
    evidence: sent.map((item) =>
      item.kind === 'document'
        ? { label: item.document.label.trim(), fileId: item.document.fileId! }
        : { label: item.row.label.trim(), url: item.row.url.trim() },
    ),
    // `from` is the status the person saw: if it has moved on, the API refuses rather than apply a stale choice.
    statusChange: statusTo ? { from: action.status, to: statusTo } : null,
    ...(needs.reason ? { reason } : {}),
  });

  const fieldIdFor = (path: string, sent: SentItem[]): string | undefined => {
    const evidence = /^evidence\.(\d+)\.(\w+)/.exec(path);
    if (evidence) {
      const item = sent[Number(evidence[1])];
      if (item?.kind === 'link') return ids.link(item.row.key, evidence[2] === 'url' ? 'url' : 'label');
      if (item?.kind === 'document') return evidence[2] === 'label' ? documentLabelId(ids.document, item.document) : ids.document;
      return canAddEvidence ? ids.document : undefined;
    }
    switch (path.split('.')[0]) {
      case 'confidence':
        return ids.confidence;
      case 'note':
        return ids.note;
      case 'statusChange':
        return action.statusChanges.length > 0 ? ids.status : undefined;
      case 'reason':
        return needs.reason ? ids.reason : undefined;
      case 'evidence':
      case 'documents':
        return canAddEvidence ? ids.document : links[0] ? ids.link(links[0].key, 'label') : undefined;
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
              : describeFieldError(issue.path, issue.message, issue.code, { answering: returned !== null }),
        };
      })
      .sort((a, b) => fieldRank(a.path) - fieldRank(b.path));

  const clientIssues = (body: ReturnType<typeof buildBody>): IssueLike[] => {
    const parsed = RespondUpdateCreate.safeParse(body);
    const issues: IssueLike[] = parsed.success ? [] : zodFieldErrors(parsed.error);
    const uploading = uploads.documents.filter((document) => document.fileId === null);
    if (body.statusChange) {
      const refusals = checkStatusChange({
        from: body.statusChange.from,
        to: body.statusChange.to,
        evidenceCount: body.evidence.length + uploading.length,
        evidenceOfImpact: '',
        reason: body.reason,
      });
      issues.push(...refusals.map((refusal) => ({ path: refusal.path, message: refusal.message, code: refusal.code })));
    }
    if (uploading.length > 0) {
      issues.push({ path: 'documents', message: `Wait for ${uploading.map((d) => `“${d.name}”`).join(' and ')} to finish uploading, or cancel it` });
    }
    return issues;
  };

  const serverErrors = (error: unknown, sent: SentItem[]): FormError[] => {
    const whole = (message: string): FormError[] => [{ path: '', fieldId: undefined, message }];
    if (!isApiError(error)) return whole('The update could not be sent. Try again.');
    if (error.code === 'action.version_conflict') {
      // Someone moved the action on. Show it as it now stands at once (the fields the answer carries), then ask
      // the link's view again for the rest; keep everything this person wrote except a status change made stale.
      const current = (error.problem.current ?? {}) as Partial<RespondAction>;
      const shown = (['status', 'brag', 'bragReason', 'targetDate', 'latestConfidence', 'returned', 'version'] as const).filter(
        (key) => key in current,
      );
      if (current.id === action.id && shown.length > 0) {
        const patch = Object.fromEntries(shown.map((key) => [key, current[key]])) as Partial<RespondAction>;
        queryClient.setQueryData<RespondView>(respondKeys.view(token), (view) =>
          view ? { ...view, actions: view.actions.map((a) => (a.id === action.id ? { ...a, ...patch } : a)) } : view,
        );
      }
      void queryClient.invalidateQueries({ queryKey: respondKeys.view(token) });
      const clearedStatus = statusTo !== '' ? statusTo : null;
      setStatusTo('');
      return whole(
        `Someone has updated this action since you opened this page${current.status ? `: it is now ${LABELS.actionStatus[current.status]}` : ''}. ` +
          (clearedStatus ? `Your change of status to ${LABELS.actionStatus[clearedStatus]} has been cleared: choose it again if it still applies. ` : '') +
          'Your update has not been posted yet: check the action above, then post it again. What you wrote is kept.',
      );
    }
    if (error.code === 'reply_link.action_not_included') {
      setLinkGone(true);
      return whole('This link cannot post updates on this action. Sign in to post it instead.');
    }
    if (error.status === 410 || error.code === 'reply_link.not_found') {
      setLinkGone(true);
      return whole(`${error.problem.detail} Copy what you wrote, then sign in to post it.`);
    }
    const fieldErrors: IssueLike[] = error.fieldErrors
      .filter((fieldError) => fieldError.path !== 'body')
      .map((fieldError) => (isRefusalCode(error.code) ? { ...fieldError, code: error.code } : fieldError));
    if (fieldErrors.length > 0) return toFormErrors(fieldErrors, sent);
    return whole(error.problem.detail || error.problem.title);
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
    try {
      const update = await mutation.mutateAsync(RespondUpdateCreate.parse(body));
      setErrors([]);
      setConfidence('');
      setNote('');
      setStatusTo('');
      setReason('');
      setLinks([]);
      uploads.clear();
      onPosted(update);
    } catch (error) {
      setErrors(serverErrors(error, sent));
    }
  };

  const errorAt = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  const evidenceError = errors.find((error) => error.path === 'evidence')?.message;
  const documentsError = errors.find((error) => error.path === 'documents' || /^evidence\.\d+\.fileId$/.test(error.path))?.message;
  const summary: SummaryError[] = useMemo(() => errors.map((error) => ({ fieldId: error.fieldId, message: error.message })), [errors]);
  const headingId = id('heading');
  const evidenceHintId = id('evidence-hint');

  return (
    <>
      <ErrorSummary errors={summary} />
      {linkGone ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={SIGN_IN_TO_MY_AGENCY}>
            Sign in to post your update
          </Link>
        </p>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={headingId}>
        <h3 className="govuk-heading-m" id={headingId}>
          {returned ? `Answer the question on ${action.ref}` : `Post an update on ${action.ref}`}
        </h3>
        <Radios
          id={ids.confidence}
          name={`confidence-${action.id}`}
          legend="How confident are you that the action is on track?"
          legendSize="s"
          options={CONFIDENCE_LEVELS.map((level) => ({ value: level, label: LABELS.confidence[level] }))}
          value={confidence}
          onChange={setConfidence}
          error={errorAt(ids.confidence)}
        />
        <Textarea
          id={ids.note}
          name="note"
          label={returned ? 'Your answer' : 'What has been done since the last update?'}
          labelSize="s"
          hint={
            returned
              ? 'Answer the question: say what was done and what shows that practice changed. Add documents below.'
              : 'Say what changed, who was involved and what happens next.'
          }
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={errorAt(ids.note)}
        />
        {action.statusChanges.length > 0 ? (
          <Select
            id={ids.status}
            name="statusTo"
            label="Change the status of the action (optional)"
            labelSize="s"
            hint={
              needs.evidence
                ? 'Proposing the action as completed needs evidence: add a document or a link below.'
                : needs.reason
                  ? 'Say why the action is withdrawn or superseded.'
                  : `The action is ${LABELS.actionStatus[action.status]}.`
            }
            options={[
              { value: '', label: `No change: keep it ${LABELS.actionStatus[action.status]}` },
              ...action.statusChanges.map((status) => ({ value: status, label: LABELS.actionStatus[status] })),
            ]}
            value={statusTo}
            onChange={(event) => setStatusTo(event.target.value as '' | ActionStatus)}
            error={errorAt(ids.status)}
          />
        ) : (
          <p className="govuk-body">The action is {LABELS.actionStatus[action.status]}. Its status cannot be changed here.</p>
        )}
        {needs.reason ? (
          <Textarea
            id={ids.reason}
            name="reason"
            label="Reason for withdrawing the action"
            labelSize="s"
            hint="For example, superseded by another action, or no longer relevant after a service change."
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={errorAt(ids.reason)}
          />
        ) : null}

        <div className={`govuk-form-group${evidenceError ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset app-evidence" aria-describedby={`${evidenceHintId}${evidenceError ? ` ${id('evidence-error')}` : ''}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {needs.evidence ? 'Evidence (required to propose completion)' : 'Evidence (optional)'}
            </legend>
            <div id={evidenceHintId} className="govuk-hint">
              Documents or links that show what was done: audits, minutes, training records, guidance.
            </div>
            <InlineError id={id('evidence-error')} message={evidenceError} />
            <DocumentUploads
              id={ids.document}
              uploads={uploads}
              maxMegabytes={maxMegabytes}
              canAdd={canAddEvidence}
              error={documentsError}
              labelError={(document) => errorAt(documentLabelId(ids.document, document))}
            />
            {links.map((row, index) => (
              <div key={row.key} className="app-evidence-row">
                <TextInput
                  id={ids.link(row.key, 'label')}
                  label={`Evidence link ${index + 1}: what it is`}
                  value={row.label}
                  onChange={(event) => setLinks((all) => all.map((r) => (r.key === row.key ? { ...r, label: event.target.value } : r)))}
                  error={errorAt(ids.link(row.key, 'label'))}
                />
                <TextInput
                  id={ids.link(row.key, 'url')}
                  type="url"
                  inputMode="url"
                  spellCheck={false}
                  label={`Evidence link ${index + 1}: web address`}
                  value={row.url}
                  onChange={(event) => setLinks((all) => all.map((r) => (r.key === row.key ? { ...r, url: event.target.value } : r)))}
                  error={errorAt(ids.link(row.key, 'url'))}
                />
                <div className="govuk-form-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => {
                      focusNext.current = ids.addLink;
                      setLinks((all) => all.filter((other) => other.key !== row.key));
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
                id={ids.addLink}
                className="govuk-button govuk-button--secondary"
                onClick={() => {
                  const row = { key: nextRowKey++, label: '', url: '' };
                  focusNext.current = ids.link(row.key, 'label');
                  setLinks((all) => [...all, row]);
                }}
              >
                {links.length === 0 ? 'Add an evidence link' : 'Add another evidence link'}
              </button>
            ) : (
              <p className="govuk-body" id={ids.addLink} tabIndex={-1}>
                You can add up to {LIMITS.evidenceItems} documents and evidence links.
              </p>
            )}
          </fieldset>
        </div>

        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Posting…' : returned ? 'Post your answer' : 'Post update'}
        </button>
      </form>
    </>
  );
}
