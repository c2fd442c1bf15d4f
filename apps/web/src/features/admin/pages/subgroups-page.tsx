import type { Subgroup, SubgroupCreate, SubgroupPatch } from '@lrt/contracts';
import { LIMITS } from '@lrt/contracts/constants';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useCreateSubgroup } from '../api/create-subgroup';
import { usePatchSubgroup } from '../api/patch-subgroup';
import { loadContracts } from '../contracts';
import { CatalogueAdminPage, type CatalogueConfig } from '../components/catalogue-admin';

const config: CatalogueConfig<Subgroup> = {
  noun: 'subgroup',
  aNoun: 'a subgroup',
  title: 'Subgroups',
  path: '/admin/subgroups',
  intro: (
    <p className="govuk-body-l">
      The standing groups of the partnership that oversee reviews, recommendations and actions. Subgroup chairs see
      and assure the work of their subgroup.
    </p>
  ),
  fields: [
    {
      name: 'name',
      label: 'Name',
      hint: 'For example, Learning and Practice Review subgroup',
      type: 'text',
      messages: { too_small: 'Enter the name of the subgroup' },
    },
    {
      name: 'shortName',
      label: 'Short name',
      hint: `Shown in tables, up to ${LIMITS.shortName} characters. For example, LPR`,
      type: 'text',
      inputClassName: 'govuk-input--width-10',
      messages: { too_small: 'Enter a short name for the subgroup' },
    },
  ],
  columns: [{ key: 'shortName', header: 'Short name', cell: (subgroup) => subgroup.shortName }],
  emptyText: 'Add the subgroups of the partnership below, for example the Learning and Practice Review subgroup.',
  useItems: useSubgroups,
  useSave: () => {
    const create = useCreateSubgroup();
    const patch = usePatchSubgroup();
    return {
      create: (body) => create.mutateAsync(body as SubgroupCreate),
      patch: (id, body) => patch.mutateAsync({ id, body: body as SubgroupPatch }),
      pending: create.isPending || patch.isPending,
    };
  },
  schemas: async () => {
    const contracts = await loadContracts();
    return { create: contracts.SubgroupCreate, patch: contracts.SubgroupPatch };
  },
};

export function AdminSubgroupsPage() {
  return <CatalogueAdminPage config={config} />;
}
