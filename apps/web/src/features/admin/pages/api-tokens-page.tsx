import type { Agency, ApiToken, ApiTokenCreated, ApiTokenCreateInput, Subgroup } from '@lrt/contracts';
import { API_TOKEN_MAX_MONTHS, API_TOKEN_PREFIX } from '@lrt/contracts/constants';
import { addMonths, londonToday } from '@lrt/domain';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { DateInput } from '@/components/date-input';
import { DataTable } from '@/components/data-table';
import { ErrorSummary } from '@/components/error-summary';
import { Select, TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { isApiError } from '@/lib/api-client';
import { dateFromParts, EMPTY_DATE, type DateParts } from '@/lib/date-parts';
import { formatDate, formatDateTime, formatInstantDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCreateApiToken } from '../api/create-api-token';
import { useApiTokens } from '../api/get-api-tokens';
import { useRevokeApiToken } from '../api/revoke-api-token';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { loadContracts, usePreloadContracts } from '../contracts';
import { errorAt, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '../form-errors';

const TITLE = 'API tokens for reporting tools';

const IDS = { name: 'api-token-name', expiresOn: 'api-token-expires', scope: 'api-token-scope' } as const;

const SPECS: FieldSpec[] = [
  { path: 'name', fieldId: IDS.name, label: 'Name', messages: { too_small: 'Enter a name for the token' } },
  { path: 'expiresOn', fieldId: IDS.expiresOn, label: 'Last day it works' },
  { path: 'subgroupId', fieldId: IDS.scope, label: 'What it can read' },
  { path: 'agencyId', fieldId: IDS.scope, label: 'What it can read' },
];

const STATUS: Record<ApiToken['status'], { label: string; tag: string }> = {
  active: { label: 'Active', tag: 'govuk-tag--green' },
  expired: { label: 'Expired', tag: 'govuk-tag--grey' },
  revoked: { label: 'Revoked', tag: 'govuk-tag--red' },
};

/**
 * API tokens for reporting tools: Power BI and Excel read the plans with a token of their own instead of
 * someone's session. A token only reads, may be limited to a subgroup or an agency, and is shown once.
 */
export function AdminApiTokensPage() {
  return (
    <AdminAccess capability="manageUsers">
      <ApiTokensAdmin />
    </AdminAccess>
  );
}

function ApiTokensAdmin() {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(TITLE, { hasErrors });
  const tokens = useApiTokens();
  const agencies = useAgencies();
  const subgroups = useSubgroups();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoked, setRevoked] = useState<{ key: number; name: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const names = useMemo(() => scopeNamer(agencies.data ?? [], subgroups.data ?? []), [agencies.data, subgroups.data]);

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      {created ? (
        <NewToken
          key={created.id}
          token={created}
          onDone={() => {
            setCreated(null);
            heading.current?.focus();
          }}
        />
      ) : null}
      {revoked ? (
        <SuccessBanner key={revoked.key} heading={`${revoked.name} is revoked`}>
          <p className="govuk-body">Reporting tools that use it can no longer read the tracker.</p>
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
        {TITLE}
      </h1>
      <p className="govuk-body-l">
        Board dashboards in Power BI or Excel (Power Query) read the tracker&rsquo;s actions and counts with a token of their own, not
        with someone&rsquo;s sign-in. A token can only read: it never changes anything.
      </p>
      <p className="govuk-body">
        The reporting tool sends the token in the <code>Authorization</code> header, as <code>Bearer</code> and then the token, to{' '}
        <code>/api/actions</code>, <code>/api/exports/actions.csv</code> or <code>/api/dashboard</code>. Give a token to one report and
        one person who looks after it, and revoke it when the report is retired or the person leaves.
      </p>

      <h2 className="govuk-heading-m">Tokens</h2>
      {tokens.isPending ? (
        <Loading label="Loading the tokens" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="There are no tokens yet">Make one below for the first report that needs the tracker&rsquo;s data.</EmptyState>
      ) : (
        <TokenTable
          tokens={tokens.data}
          scopeOf={names}
          onRevoked={(token) => {
            setCreated(null);
            setRevoked((current) => ({ key: (current?.key ?? 0) + 1, name: token.name }));
          }}
        />
      )}

      {agencies.isPending || subgroups.isPending ? (
        <Loading label="Loading the agencies and subgroups" />
      ) : agencies.isError ? (
        <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />
      ) : subgroups.isError ? (
        <ErrorState error={subgroups.error} onRetry={() => void subgroups.refetch()} />
      ) : (
        <NewTokenForm
          agencies={agencies.data}
          subgroups={subgroups.data}
          onErrorsChange={setHasErrors}
          onCreated={(token) => {
            setRevoked(null);
            setCreated(token);
          }}
        />
      )}
    </>
  );
}

/** "Everything a viewer can read", "Agency: West Midlands Police"… */
function scopeNamer(agencies: readonly Agency[], subgroups: readonly Subgroup[]) {
  return (token: Pick<ApiToken, 'agencyId' | 'subgroupId'>) => {
    if (token.agencyId !== null) return `Agency: ${agencies.find((a) => a.id === token.agencyId)?.name ?? `number ${token.agencyId}`}`;
    if (token.subgroupId !== null) return `Subgroup: ${subgroups.find((s) => s.id === token.subgroupId)?.name ?? `number ${token.subgroupId}`}`;
    return 'Everything a viewer can read';
  };
}

/** The token, this once: a read-only field to copy it from, and why it will not be seen again. */
function NewToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    (document.getElementById('api-token-value') as HTMLInputElement | null)?.select();
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <SuccessBanner heading={`Token made: ${token.name}`}>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Copy the token now. It will not be shown again: the tracker keeps only a fingerprint of it, so no one can see it later, not
          even an administrator. If it is lost, revoke it and make another.
        </strong>
      </div>
      <TextInput
        id="api-token-value"
        label={`The token for ${token.name}`}
        labelSize="s"
        hint={`It works until the end of ${formatDate(token.expiresOn)}. Keep it like a password: anyone who has it can read what it reads.`}
        readOnly
        spellCheck={false}
        autoComplete="off"
        value={token.token}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void copy()}>
          Copy the token
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onDone}>
          I have copied it: hide it
        </button>
      </div>
      <p className="govuk-body" role="status">
        {copied === 'yes' ? 'The token is copied.' : copied === 'failed' ? 'It could not be copied here: select the token and copy it yourself.' : ''}
      </p>
    </SuccessBanner>
  );
}

function TokenTable({
  tokens,
  scopeOf,
  onRevoked,
}: {
  tokens: readonly ApiToken[];
  scopeOf: (token: ApiToken) => string;
  onRevoked: (token: ApiToken) => void;
}) {
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const revokeButtons = useRef(new Map<number, HTMLButtonElement>());

  return (
    <>
      <DataTable
        caption={`API tokens (${tokens.length})`}
        captionSize="hidden"
        rows={tokens}
        rowKey={(token) => token.id}
        columns={[
          { key: 'name', header: 'Name', rowHeader: true, cell: (token) => token.name },
          { key: 'scope', header: 'What it can read', cell: scopeOf },
          {
            key: 'prefix',
            header: 'Starts with',
            cell: (token) => (
              <code>
                {API_TOKEN_PREFIX}
                {token.prefix}…
              </code>
            ),
          },
          {
            key: 'made',
            header: 'Made',
            cell: (token) => `${formatInstantDate(token.createdAt)}${token.createdByName ? ` by ${token.createdByName}` : ''}`,
          },
          { key: 'expires', header: 'Last day it works', cell: (token) => formatDate(token.expiresOn) },
          { key: 'used', header: 'Last used', cell: (token) => formatDateTime(token.lastUsedAt) },
          {
            key: 'status',
            header: 'Status',
            cell: (token) => (
              <>
                <strong className={`govuk-tag ${STATUS[token.status].tag}`}>{STATUS[token.status].label}</strong>
                {token.revokedAt ? <span className="govuk-body-s govuk-!-display-block">on {formatInstantDate(token.revokedAt)}</span> : null}
              </>
            ),
          },
          {
            key: 'revoke',
            header: <span className="govuk-visually-hidden">Revoke</span>,
            cell: (token) =>
              token.status === 'active' ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                  ref={(element) => {
                    if (element) revokeButtons.current.set(token.id, element);
                    else revokeButtons.current.delete(token.id);
                  }}
                  onClick={() => setConfirming(token)}
                >
                  Revoke <span className="govuk-visually-hidden">{token.name}</span>
                </button>
              ) : null,
          },
        ]}
      />
      {confirming ? (
        <ConfirmRevoke
          key={confirming.id}
          token={confirming}
          onCancel={() => {
            const button = revokeButtons.current.get(confirming.id);
            setConfirming(null);
            button?.focus();
          }}
          onRevoked={() => {
            setConfirming(null);
            onRevoked(confirming);
          }}
        />
      ) : null}
    </>
  );
}

/** Revoking cannot be undone, so it is asked twice; the question takes focus where it appears. */
function ConfirmRevoke({ token, onCancel, onRevoked }: { token: ApiToken; onCancel: () => void; onRevoked: () => void }) {
  const revoke = useRevokeApiToken();
  const [failed, setFailed] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const headingId = `revoke-token-${token.id}`;

  return (
    <section className="app-admin-section" aria-labelledby={headingId}>
      <h2 className="govuk-heading-m app-break-anywhere" id={headingId} tabIndex={-1} ref={heading}>
        Revoke {token.name}?
      </h2>
      {failed ? (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">There is a problem</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{failed}</p>
          </div>
        </div>
      ) : null}
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          It stops working at once: reports that use it can no longer refresh. A revoked token cannot be turned back on; make a new one
          if the report still needs the tracker.
        </strong>
      </div>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          disabled={revoke.isPending}
          aria-disabled={revoke.isPending}
          onClick={() => {
            setFailed(null);
            revoke.mutate(token.id, {
              onSuccess: onRevoked,
              onError: (error) => setFailed(isApiError(error) ? error.problem.detail : 'The token could not be revoked. Try again.'),
            });
          }}
        >
          {revoke.isPending ? 'Revoking…' : 'Yes, revoke it'}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function NewTokenForm({
  agencies,
  subgroups,
  onCreated,
  onErrorsChange,
}: {
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  onCreated: (token: ApiTokenCreated) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState<DateParts>(EMPTY_DATE);
  const [scope, setScope] = useState('');
  const [errors, setErrorsState] = useState<FormError[]>([]);
  const create = useCreateApiToken();
  usePreloadContracts();
  const summary = useMemo(() => toSummary(errors), [errors]);
  const setErrors = (next: FormError[]) => {
    setErrorsState(next);
    onErrorsChange(next.length > 0);
  };
  const latest = addMonths(londonToday(new Date()), API_TOKEN_MAX_MONTHS);

  const scopeOptions = [
    { value: '', label: 'Everything a viewer can read' },
    ...subgroups.map((subgroup) => ({ value: `subgroup:${subgroup.id}`, label: `Only the subgroup ${subgroup.name}` })),
    ...agencies.filter((agency) => agency.active).map((agency) => ({ value: `agency:${agency.id}`, label: `Only the agency ${agency.name}` })),
  ];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { ApiTokenCreate } = await loadContracts();
    const day = dateFromParts(expiresOn, 'Last day it works');
    const issues = [];
    if ('error' in day) issues.push({ path: 'expiresOn', message: day.error });
    else if (day.value === null) issues.push({ path: 'expiresOn', message: 'Enter the last day the token works' });
    const [kind, id] = scope.split(':');
    const body: ApiTokenCreateInput = {
      name,
      expiresOn: 'value' in day && day.value ? day.value : '',
      ...(kind === 'subgroup' ? { subgroupId: Number(id) } : kind === 'agency' ? { agencyId: Number(id) } : {}),
    };
    const parsed = ApiTokenCreate.safeParse(body);
    if (!parsed.success) issues.push(...zodIssues(parsed.error).filter((issue) => issue.path !== 'expiresOn'));
    if (!parsed.success || issues.length > 0) {
      setErrors(toFormErrors(issues, SPECS));
      return;
    }
    try {
      const made = await create.mutateAsync(parsed.data);
      setErrors([]);
      setName('');
      setExpiresOn(EMPTY_DATE);
      setScope('');
      onCreated(made);
    } catch (error) {
      setErrors(serverFormErrors(error, SPECS, 'The token could not be made. Try again.'));
    }
  };

  return (
    <section className="app-admin-section" aria-labelledby="new-token-heading">
      <h2 className="govuk-heading-m" id="new-token-heading">
        Make a token
      </h2>
      <ErrorSummary errors={summary} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="new-token-heading">
        <TextInput
          id={IDS.name}
          name="name"
          label="Name"
          labelSize="s"
          hint="Say which report uses it and who looks after it, for example: Board dashboard in Power BI, Sam Patel"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errorAt(errors, IDS.name)}
        />
        <DateInput
          id={IDS.expiresOn}
          legend="Last day it works"
          hint={`The token stops working after this day. At most a year from today, so ${formatDate(latest)} at the latest.`}
          value={expiresOn}
          onChange={setExpiresOn}
          error={errorAt(errors, IDS.expiresOn)}
        />
        <Select
          id={IDS.scope}
          name="scope"
          label="What it can read"
          labelSize="s"
          hint="Limit a token to one subgroup or one agency when its report is only about them. A limited token reads the actions list, the actions export and the dashboard for that part of the plans, and nothing else."
          value={scope}
          onChange={(event) => setScope(event.target.value)}
          options={scopeOptions}
          error={errorAt(errors, IDS.scope)}
        />
        <button type="submit" className="govuk-button" disabled={create.isPending} aria-disabled={create.isPending}>
          {create.isPending ? 'Making the token…' : 'Make token'}
        </button>
      </form>
    </section>
  );
}
