import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionListQuery } from '@lrt/contracts';
import { listActions } from '../actions/actions.service';
import { planClock } from '../settings/settings.service';
import { ACTION_CSV_HEADINGS, actionCsvWriter, csvLine } from './actions-csv';
import { ProblemResponse } from '../../plugins/problems';

const ExportQuery = ActionListQuery.omit({ limit: true, cursor: true });

export async function exportRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/exports/actions.csv', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'The actions of a view as CSV',
      description: 'Takes the filters and sort of `GET /api/actions` and returns every matching action, with names rather than ids.',
      querystring: ExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8'), 400: ProblemResponse, 401: ProblemResponse },
    },
    handler: async (request, reply) => {
      const clock = planClock(app.db, app.now(), request.principal);
      const write = actionCsvWriter(app.db);
      const parts = ['\uFEFF', csvLine(ACTION_CSV_HEADINGS)];
      let cursor: string | undefined;
      do {
        const page = listActions(app.db, { ...request.query, limit: 200, cursor }, clock);
        for (const action of page.items) parts.push(write(action));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="actions-${clock.today}.csv"`)
        .send(parts.join(''));
    },
  });
}
