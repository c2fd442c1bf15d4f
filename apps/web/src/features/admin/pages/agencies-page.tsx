import type { Agency, AgencyCreate, AgencyPatch } from '@lrt/contracts';
import { AGENCY_KINDS, LABELS, LIMITS } from '@lrt/contracts/constants';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useCreateAgency } from '../api/create-agency';
import { usePatchAgency } from '../api/patch-agency';
import { loadContracts } from '../contracts';
import { CatalogueAdminPage, type CatalogueConfig } from '../components/catalogue-admin';

const config: CatalogueConfig<Agency> = {
  noun: 'agency',
  aNoun: 'an agency',
  title: 'Agencies',
  path: '/admin/agencies',
  intro: (
    <p className="govuk-body-l">
      The organisations of the partnership. Actions are owned by an agency, and agency leads see their agency&rsquo;s
      actions. An agency that has left the partnership is made inactive: its past actions keep its name. Each agency
      can name a senior contact, a director or head of service: unanswered update requests are escalated to this
      person.
    </p>
  ),
  fields: [
    { name: 'name', label: 'Name', hint: 'For example, West Midlands Police', type: 'text', messages: { too_small: 'Enter the name of the agency' } },
    {
      name: 'shortName',
      label: 'Short name',
      hint: `Shown in tables, up to ${LIMITS.shortName} characters. For example, WMP`,
      type: 'text',
      inputClassName: 'govuk-input--width-10',
      messages: { too_small: 'Enter a short name for the agency' },
    },
    {
      name: 'kind',
      label: 'Kind of agency',
      type: 'select',
      options: AGENCY_KINDS.map((kind) => ({ value: kind, label: LABELS.agencyKind[kind] })),
      messages: { invalid_value: 'Select the kind of agency' },
    },
    {
      name: 'seniorContactName',
      label: 'Senior contact’s name',
      hint: 'Unanswered update requests are escalated to this person, usually a director or head of service. For example, Dr Amira Hussain',
      type: 'text',
      optional: true,
    },
    {
      name: 'seniorContactEmail',
      label: 'Senior contact’s email address',
      hint: 'Escalations are sent here when the agency’s leads have not answered by the reply-by date.',
      type: 'text',
      email: true,
      messages: { invalid_format: 'Enter the senior contact’s email address in the right format, like name@example.org' },
      optional: true,
    },
    {
      name: 'active',
      label: 'Is the agency active?',
      hint: 'An inactive agency keeps its past actions but is not offered for new ones.',
      type: 'active',
      editOnly: true,
    },
  ],
  columns: [
    { key: 'shortName', header: 'Short name', cell: (agency) => agency.shortName },
    { key: 'kind', header: 'Kind', cell: (agency) => LABELS.agencyKind[agency.kind] },
    { key: 'seniorContact', header: 'Senior contact', cell: (agency) => <SeniorContact agency={agency} /> },
    {
      key: 'active',
      header: 'Status',
      cell: (agency) =>
        agency.active ? <strong className="govuk-tag govuk-tag--green">Active</strong> : <strong className="govuk-tag govuk-tag--grey">Inactive</strong>,
    },
  ],
  emptyText: 'Add the agencies of the partnership below: police, health, the council’s services, schools and others.',
  useItems: useAgencies,
  useSave: () => {
    const create = useCreateAgency();
    const patch = usePatchAgency();
    return {
      create: (body) => create.mutateAsync(body as AgencyCreate),
      patch: (id, body) => patch.mutateAsync({ id, body: body as AgencyPatch }),
      pending: create.isPending || patch.isPending,
    };
  },
  schemas: async () => {
    const contracts = await loadContracts();
    return { create: contracts.AgencyCreate, patch: contracts.AgencyPatch };
  },
};

/** Who an agency's unanswered update requests go to; "Not named" says escalations have nowhere to go yet. */
function SeniorContact({ agency }: { agency: Agency }) {
  if (!agency.seniorContactName && !agency.seniorContactEmail) return <>Not named</>;
  return (
    <>
      {agency.seniorContactName ?? 'No name given'}
      <span className="app-cell-secondary app-break-anywhere">
        {agency.seniorContactEmail ? (
          <a className="govuk-link" href={`mailto:${agency.seniorContactEmail}`}>
            {agency.seniorContactEmail}
          </a>
        ) : (
          'No email address: escalations cannot be sent'
        )}
      </span>
    </>
  );
}

export function AdminAgenciesPage() {
  return <CatalogueAdminPage config={config} />;
}
