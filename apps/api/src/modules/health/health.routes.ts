import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DatabaseHealth, Health } from '@lrt/contracts';
import { dialectOf, isMigrated, latestMigration, rowOf } from '@lrt/db';
import { sendProblem } from '../../plugins/error-handler';
import { ProblemResponse } from '../../plugins/problems';

export async function healthRoutes(app: FastifyInstance, options: { migrationsDir?: string | undefined }) {
  app.withTypeProvider<ZodTypeProvider>().get('/health/database', {
    config: { access: 'public' },
    schema: {
      tags: ['Service'],
      summary: 'Which database the tracker runs on, and whether it is migrated',
      description: 'For whoever runs the tracker: `sqlite` or `postgresql`, and whether the database holds every migration of this version. 503 while the database cannot be reached.',
      response: { 200: DatabaseHealth, 503: ProblemResponse },
    },
    handler: async () => {
      const dialect = dialectOf(app.db);
      return {
        database: dialect === 'postgres' ? ('postgresql' as const) : ('sqlite' as const),
        // isMigrated reads the database: unreachable, it throws, and the error handler answers 503.
        migrated: await isMigrated(app.db, options.migrationsDir),
        latestMigration: latestMigration(dialect, options.migrationsDir).tag,
      };
    },
  });
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
