import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, ProgressUpdate, ProgressUpdateCreate, ProgressUpdateList, ProgressUpdateListQuery } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { planClock } from '../settings/settings.service';
import { listProgressUpdates, postProgressUpdate } from './progress-updates.service';
import { ProblemResponse } from '../../plugins/problems';

export async function progressUpdateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/actions/:id/updates', {
    config: { access: 'read' },
    schema: {
      tags: ['Progress updates'],
      summary: "An action's progress updates, newest first",
      params: IdParams,
      querystring: ProgressUpdateListQuery,
      response: { 200: ProgressUpdateList, 400: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => listProgressUpdates(app.db, request.params.id, request.query),
  });
  r.post('/actions/:id/updates', {
    config: { access: 'postUpdates' },
    schema: {
      tags: ['Progress updates'],
      summary: 'Post a progress update, optionally changing the status',
      description:
        'Updates are never edited or deleted. Status moves: not_started → in_progress, completed or withdrawn; in_progress → completed or withdrawn; ' +
        'completed → assured, in_progress (returned for more information) or withdrawn. Completed needs evidence; assured needs `evidenceOfImpact`; ' +
        'withdrawn needs a `reason`. Pass `actionVersion` to refuse the change if the action changed since it was read.',
      params: IdParams,
      body: ProgressUpdateCreate,
      response: { 201: ProgressUpdate, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(postProgressUpdate(app.db, request.params.id, request.body, planClock(app.db, app.now(), request.principal), actorOf(request))),
  });
}
