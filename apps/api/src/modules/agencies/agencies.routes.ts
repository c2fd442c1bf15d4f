import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { Agency, AgencyCreate, AgencyListQuery, AgencyPage, AgencyPatch } from '@lrt/contracts';
import { agencies } from '@lrt/db';
import { catalogueService, registerCatalogueRoutes } from '../../lib/catalogue';

type AgencyRow = typeof agencies.$inferSelect;

export const agencyService = catalogueService<AgencyRow, Agency>({
  table: agencies,
  resource: 'agency',
  searchColumns: [agencies.name, agencies.shortName],
  filters: (query) => [query.active === undefined ? undefined : eq(agencies.active, query.active as boolean)],
  toDto: (row) => ({
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    active: row.active,
    seniorContactName: row.seniorContactName,
    seniorContactEmail: row.seniorContactEmail,
    version: row.version,
  }),
});

export async function agencyRoutes(app: FastifyInstance) {
  registerCatalogueRoutes(app, {
    path: '/agencies',
    tag: 'Agencies',
    noun: 'agency',
    service: agencyService,
    schemas: { item: Agency, page: AgencyPage, listQuery: AgencyListQuery, create: AgencyCreate, patch: AgencyPatch },
  });
}
