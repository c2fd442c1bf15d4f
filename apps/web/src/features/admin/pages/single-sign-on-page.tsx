import type { Agency, SsoDomain, SsoDomainCreateInput, SsoDomainRole } from '@lrt/contracts';
import { SSO_DOMAIN_ROLES } from '@lrt/contracts/constants';
import { useMemo, useState, type FormEvent } from 'react';
import { CheckboxGroup } from '@/components/checkbox-group';
import { DataTable } from '@/components/data-table';
import { ErrorSummary } from '@/components/error-summary';
import { Select, TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useOidcStatus } from '@/features/auth/api/get-oidc-status';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { ROLE_LABELS } from '@/lib/contract-constants';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCreateSsoDomain } from '../api/create-sso-domain';
import { useDeleteSsoDomain } from '../api/delete-sso-domain';
import { useSsoDomains } from '../api/get-sso-domains';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { loadContracts, usePreloadContracts } from '../contracts';
import { errorAt, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '../form-errors';

const SPECS: FieldSpec[] = [
  { path: 'domain', fieldId: 'sso-domain', label: 'Email domain', messages: { invalid_format: 'Enter the email domain, the part after @, like northmoor.police.uk' } },
  { path: 'roles', fieldId: 'sso-domain-roles', label: 'Roles', messages: { too_small: 'Choose at least one role' } },
  { path: 'agencyId', fieldId: 'sso-domain-agency', label: 'Agency' },
];

const ROLE_HINTS: Record<SsoDomainRole, string> = {
  agency_lead: 'Sees what their agency owes and posts progress updates on its actions.',
  independent_chair: 'Reads everything and prepares board assurance reports; changes nothing.',
  viewer: 'Reads everything; changes nothing.',
};

/** Single sign-on: whether the tracker has a provider, and which email domains get an account at first sign-in. */
export function AdminSingleSignOnPage() {
  return (
    <AdminAccess capability="manageUsers">
      <SingleSignOnAdmin />
    </AdminAccess>
  );
}

function SingleSignOnAdmin() {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle('Single sign-on', { hasErrors });
  const status = useOidcStatus();
  const domains = useSsoDomains();
  const agencies = useAgencies();
  const [said, setSaid] = useState<{ key: number; heading: string } | null>(null);
  const say = (heading: string) => setSaid((current) => ({ key: (current?.key ?? 0) + 1, heading }));

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      {said ? <SuccessBanner key={said.key} heading={said.heading} /> : null}
      <h1 className="govuk-heading-l">Single sign-on</h1>
      <p className="govuk-body-l">
        People can sign in with the account they use at work (&ldquo;Sign in with your organisation&rdquo;) instead of a password the
        business unit gives them.
      </p>

      <h2 className="govuk-heading-m">The provider</h2>
      {status.isPending ? (
        <Loading label="Checking single sign-on" />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.enabled ? (
        <>
          <p className="govuk-body">
            Single sign-on is on. The tracker signs people in with <strong className="app-break-anywhere">{status.data.issuer}</strong>.
          </p>
          <p className="govuk-body">
            An account signs in when the email address the provider vouches for is the account&rsquo;s own. The first sign-in links the
            account to that person at the provider; after that only they can sign in to it that way. Signing out of the tracker does not
            sign anyone out of their organisation.
          </p>
        </>
      ) : (
        <p className="govuk-body">
          Single sign-on is off. Whoever runs the tracker turns it on by setting <code>OIDC_ISSUER_URL</code>, <code>OIDC_CLIENT_ID</code>{' '}
          and, for a confidential client, <code>OIDC_CLIENT_SECRET</code>.
        </p>
      )}
      {status.data ? (
        <p className="govuk-body">
          Register this redirect address with the provider: <code className="app-break-anywhere">{status.data.redirectUri}</code>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Opening accounts at first sign-in</h2>
      <p className="govuk-body">
        Without a domain here, single sign-on only signs in people who already have an account. For a domain here, someone whose verified
        email address is at that domain gets an account with its roles the first time they sign in. Subdomains are not included.
      </p>
      {domains.isPending || agencies.isPending ? (
        <Loading label="Loading the domains" />
      ) : domains.isError ? (
        <ErrorState error={domains.error} onRetry={() => void domains.refetch()} />
      ) : agencies.isError ? (
        <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />
      ) : (
        <>
          <DomainTable domains={domains.data} agencies={agencies.data} onRemoved={(domain) => say(`Accounts are no longer opened for ${domain}`)} />
          <AddDomainForm agencies={agencies.data} onAdded={(domain) => say(`Accounts will be opened for ${domain.domain}`)} onErrorsChange={setHasErrors} />
        </>
      )}
    </>
  );
}

function DomainTable({ domains, agencies, onRemoved }: { domains: readonly SsoDomain[]; agencies: readonly Agency[]; onRemoved: (domain: string) => void }) {
  const remove = useDeleteSsoDomain();
  const [failed, setFailed] = useState<string | null>(null);
  if (domains.length === 0) return <p className="govuk-body">No domain opens accounts yet.</p>;
  const agencyName = (id: number | null) => agencies.find((agency) => agency.id === id)?.name ?? null;
  return (
    <>
      {failed ? (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{failed}</p>
          </div>
        </div>
      ) : null}
      <DataTable
        caption="Domains that open accounts"
        rows={domains}
        rowKey={(domain) => domain.domain}
        columns={[
          { key: 'domain', header: 'Email domain', rowHeader: true, cell: (domain) => <span className="app-break-anywhere">{domain.domain}</span> },
          {
            key: 'roles',
            header: 'Roles given',
            cell: (domain) => {
              const agency = agencyName(domain.agencyId);
              return domain.roles.map((role) => (role === 'agency_lead' && agency ? `${ROLE_LABELS[role]} for ${agency}` : ROLE_LABELS[role])).join(', ');
            },
          },
          {
            key: 'remove',
            header: <span className="govuk-visually-hidden">Remove</span>,
            cell: (domain) => (
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                disabled={remove.isPending}
                aria-disabled={remove.isPending}
                onClick={() => {
                  setFailed(null);
                  remove.mutate(domain.domain, {
                    onSuccess: () => onRemoved(domain.domain),
                    onError: () => setFailed(`${domain.domain} could not be removed. Try again.`),
                  });
                }}
              >
                Remove <span className="govuk-visually-hidden">{domain.domain}</span>
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

function AddDomainForm({
  agencies,
  onAdded,
  onErrorsChange,
}: {
  agencies: readonly Agency[];
  onAdded: (domain: SsoDomain) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const [domain, setDomain] = useState('');
  const [roles, setRoles] = useState<SsoDomainRole[]>(['viewer']);
  const [agencyId, setAgencyId] = useState('');
  const [errors, setErrorsState] = useState<FormError[]>([]);
  const create = useCreateSsoDomain();
  usePreloadContracts();
  const summary = useMemo(() => toSummary(errors), [errors]);
  const setErrors = (next: FormError[]) => {
    setErrorsState(next);
    onErrorsChange(next.length > 0);
  };
  const activeAgencies = agencies.filter((agency) => agency.active);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { SsoDomainCreate } = await loadContracts();
    const body: SsoDomainCreateInput = { domain, roles, agencyId: roles.includes('agency_lead') && agencyId ? Number(agencyId) : null };
    const parsed = SsoDomainCreate.safeParse(body);
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), SPECS));
      return;
    }
    try {
      const added = await create.mutateAsync(parsed.data);
      setErrors([]);
      setDomain('');
      setRoles(['viewer']);
      setAgencyId('');
      onAdded(added);
    } catch (error) {
      setErrors(serverFormErrors(error, SPECS, 'The domain could not be added. Try again.'));
    }
  };

  const agencyQuestion =
    activeAgencies.length > 0 ? (
      <Select
        id="sso-domain-agency"
        name="agencyId"
        label="Which agency do they lead for?"
        labelSize="s"
        value={agencyId}
        onChange={(event) => setAgencyId(event.target.value)}
        options={[{ value: '', label: 'Choose an agency' }, ...activeAgencies.map((agency) => ({ value: String(agency.id), label: agency.name }))]}
        error={errorAt(errors, 'sso-domain-agency')}
      />
    ) : (
      <p className="govuk-body">Add the agency first, under Administration, Agencies.</p>
    );

  return (
    <>
      <h3 className="govuk-heading-s">Add a domain</h3>
      <ErrorSummary errors={summary} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Add a domain">
        <TextInput
          id="sso-domain"
          name="domain"
          label="Email domain"
          labelSize="s"
          hint="The part of the email address after @, for example northmoor.police.uk"
          spellCheck={false}
          autoCapitalize="none"
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          error={errorAt(errors, 'sso-domain')}
        />
        <CheckboxGroup
          id="sso-domain-roles"
          name="roles"
          legend="Roles their accounts get"
          legendSize="s"
          hint="Administrators and subgroup chairs are always set up by the business unit. Select all that apply."
          error={errorAt(errors, 'sso-domain-roles')}
          options={SSO_DOMAIN_ROLES.map((role) => ({
            value: role,
            label: ROLE_LABELS[role],
            hint: ROLE_HINTS[role],
            ...(role === 'agency_lead' ? { conditional: agencyQuestion, conditionalAnnouncement: 'The agency they lead for is asked below Agency lead' } : {}),
          }))}
          values={roles}
          onChange={(values) => setRoles(values as SsoDomainRole[])}
        />
        <button type="submit" className="govuk-button" disabled={create.isPending} aria-disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add domain'}
        </button>
      </form>
    </>
  );
}
