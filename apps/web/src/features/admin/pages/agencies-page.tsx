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
      actions. An agency that has left the partnership is made inactive: its past actions keep its name.
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

export function AdminAgenciesPage() {
  return <CatalogueAdminPage config={config} />;
}
