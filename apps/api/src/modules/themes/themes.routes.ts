import type { FastifyInstance } from 'fastify';
import { Theme, ThemeCreate, ThemeListQuery, ThemePage, ThemePatch } from '@lrt/contracts';
import { themes } from '@lrt/db';
import { catalogueService, registerCatalogueRoutes } from '../../lib/catalogue';

export const themeService = catalogueService<typeof themes.$inferSelect, Theme>({
  table: themes,
  resource: 'theme',
  searchColumns: [themes.name, themes.description],
  toDto: (row) => ({ id: row.id, name: row.name, description: row.description, version: row.version }),
});

export async function themeRoutes(app: FastifyInstance) {
  registerCatalogueRoutes(app, {
    path: '/themes',
    tag: 'Themes',
    noun: 'theme',
    service: themeService,
    schemas: { item: Theme, page: ThemePage, listQuery: ThemeListQuery, create: ThemeCreate, patch: ThemePatch },
  });
}
