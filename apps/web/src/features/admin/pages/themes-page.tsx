import type { Theme, ThemeCreate, ThemePatch } from '@lrt/contracts';
import { LIMITS } from '@lrt/contracts/constants';
import { Link } from 'react-router';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useCreateTheme } from '../api/create-theme';
import { usePatchTheme } from '../api/patch-theme';
import { loadContracts } from '../contracts';
import { CatalogueAdminPage, type CatalogueConfig } from '../components/catalogue-admin';

const config: CatalogueConfig<Theme> = {
  noun: 'theme',
  aNoun: 'a theme',
  title: 'Themes',
  path: '/admin/themes',
  intro: (
    <p className="govuk-body-l">
      Themes tag reviews and actions across the partnership (the child&rsquo;s voice, information sharing,
      professional curiosity…) so the board can see{' '}
      <Link className="govuk-link" to="/themes">
        what recurs across reviews
      </Link>
      .
    </p>
  ),
  fields: [
    { name: 'name', label: 'Name', hint: 'For example, Professional curiosity', type: 'text', messages: { too_small: 'Enter the name of the theme' } },
    {
      name: 'description',
      label: 'Description (optional)',
      hint: 'What the theme covers, so that reviews and actions are tagged the same way.',
      type: 'textarea',
      messages: { too_big: `Description must be at most ${LIMITS.text} characters` },
    },
  ],
  columns: [
    {
      key: 'description',
      header: 'Description',
      cell: (theme) => (theme.description ? theme.description : <span className="app-secondary-text">None</span>),
    },
  ],
  emptyText: 'Add the themes the partnership looks for across its reviews below.',
  useItems: useThemes,
  useSave: () => {
    const create = useCreateTheme();
    const patch = usePatchTheme();
    return {
      create: (body) => create.mutateAsync(body as ThemeCreate),
      patch: (id, body) => patch.mutateAsync({ id, body: body as ThemePatch }),
      pending: create.isPending || patch.isPending,
    };
  },
  schemas: async () => {
    const contracts = await loadContracts();
    return { create: contracts.ThemeCreate, patch: contracts.ThemePatch };
  },
};

export function AdminThemesPage() {
  return <CatalogueAdminPage config={config} />;
}
