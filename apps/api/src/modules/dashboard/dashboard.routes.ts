import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard, DASHBOARD_REVIEWS_SHOWN, DashboardQuery } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { getDashboard } from './dashboard.service';
import { ProblemResponse } from '../../plugins/problems';
import { PlanCache } from '../../lib/plan-cache';

export async function dashboardRoutes(app: FastifyInstance) {
  const answers = new PlanCache(app.db);
  app.withTypeProvider<ZodTypeProvider>().get('/dashboard', {
    config: { access: 'read' },
    schema: {
      tags: ['Dashboard'],
      summary: 'Counts for the overview: totals, by agency, the reviews needing most attention, and the 24-month trend',
      description:
        'Narrow every count to one review, subgroup or agency. An agency\'s counts include the multi-agency actions it shares; each agency names its active leads (name and email), by name. ' +
        `\`byReview\` lists at most ${DASHBOARD_REVIEWS_SHOWN} reviews, those needing most attention first (the most red actions, then the most overdue, then the most stale, then by code), and \`reviewCount\` says how many reviews in scope have actions: \`GET /api/reviews\` pages through them all. ` +
        'The answer does not grow with the number of reviews or years: `byAgency` grows with the agencies only, and `trend` is always 24 months.',
      querystring: DashboardQuery,
      response: { 200: Dashboard, 400: ProblemResponse },
    },
    handler: async (request, reply) => {
      // The same for every viewer: counts are the partnership's, whoever asks (`read` is all it needs).
      const clock = await planClock(app.db, app.now(), request.principal);
      const { reviewId, subgroupId, agencyId } = request.query;
      const key = JSON.stringify([reviewId, subgroupId, agencyId]);
      const body = await answers.get(key, clock, () => getDashboard(app.db, request.query, clock, answers));
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  });
}
