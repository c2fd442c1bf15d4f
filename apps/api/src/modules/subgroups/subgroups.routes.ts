import type { FastifyInstance } from 'fastify';
import { Subgroup, SubgroupCreate, SubgroupListQuery, SubgroupPage, SubgroupPatch } from '@lrt/contracts';
import { subgroups } from '@lrt/db';
import { catalogueService, registerCatalogueRoutes } from '../../lib/catalogue';

export const subgroupService = catalogueService<typeof subgroups.$inferSelect, Subgroup>({
  table: subgroups,
  resource: 'subgroup',
  searchColumns: [subgroups.name, subgroups.shortName],
  toDto: (row) => ({ id: row.id, name: row.name, shortName: row.shortName, version: row.version }),
});

export async function subgroupRoutes(app: FastifyInstance) {
  registerCatalogueRoutes(app, {
    path: '/subgroups',
    tag: 'Subgroups',
    noun: 'subgroup',
    service: subgroupService,
    schemas: { item: Subgroup, page: SubgroupPage, listQuery: SubgroupListQuery, create: SubgroupCreate, patch: SubgroupPatch },
  });
}
