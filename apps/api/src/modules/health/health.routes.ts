import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Health } from '@lrt/contracts';
import { rowOf } from '@lrt/db';
import { sendProblem } from '../../plugins/error-handler';
import { ProblemResponse } from '../../plugins/problems';

export async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/health', {
    config: { access: 'public' },
    schema: { tags: ['Service'], summary: 'Answers once the database is migrated and reachable', response: { 200: Health, 503: ProblemResponse } },
    handler: async (_request, reply) => {
      try {
        await rowOf(app.db, sql`select 1 from settings where id = 1`);
        return { status: 'ok' as const };
      } catch {
        return sendProblem(reply, { title: 'Unavailable', status: 503, detail: 'The database is not ready.', code: 'service.unavailable' });
      }
    },
  });
}
