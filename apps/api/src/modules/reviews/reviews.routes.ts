import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Review, ReviewCreate, ReviewListQuery, ReviewPage, ReviewPatch } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { actorOf } from '../../plugins/auth';
import { createReview, getReview, listReviews, patchReview } from './reviews.service';
import { ProblemResponse } from '../../plugins/problems';

export async function reviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: FastifyRequest) => planClock(app.db, app.now(), request.principal);
  r.get('/reviews', {
    config: { access: 'read' },
    schema: {
      tags: ['Reviews'],
      summary: 'List reviews, most recent first',
      querystring: ReviewListQuery,
      response: { 200: ReviewPage, 400: ProblemResponse },
    },
    handler: async (request) => listReviews(app.db, request.query, await clock(request)),
  });
  r.post('/reviews', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Reviews'],
      summary: 'Record a review',
      body: ReviewCreate,
      response: { 201: Review, 400: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createReview(app.db, request.body, await clock(request), actorOf(request))),
  });
  r.get('/reviews/:id', {
    config: { access: 'read' },
    schema: {
      tags: ['Reviews'],
      summary: 'Read a review with its timeliness against the statutory timescales',
      params: IdParams,
      response: { 200: Review, 400: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => getReview(app.db, request.params.id, await clock(request)),
  });
  r.patch('/reviews/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Reviews'],
      summary: 'Change a review',
      params: IdParams,
      body: ReviewPatch,
      response: { 200: Review, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => patchReview(app.db, request.params.id, request.body, await clock(request), actorOf(request)),
  });
}
