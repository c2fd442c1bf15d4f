import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { getDashboard } from './dashboard.service';
import { ProblemResponse } from '../../plugins/problems';

export async function dashboardRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/dashboard', {
    config: { access: 'read' },
    schema: {
      tags: ['Dashboard'],
      summary: 'Counts for the overview: totals, by agency, by review, and the 24-month trend',
      description: 'Narrow every count to one review, subgroup or agency. An agency\'s counts include the multi-agency actions it shares; each agency names its active leads (name and email), by name.',
      querystring: DashboardQuery,
      response: { 200: Dashboard, 400: ProblemResponse },
    },
    handler: async (request) => getDashboard(app.db, request.query, planClock(app.db, app.now(), request.principal)),
  });
}
