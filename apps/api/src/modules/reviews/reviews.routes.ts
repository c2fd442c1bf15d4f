import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Problem, Review, ReviewCreate, ReviewListQuery, ReviewPage, ReviewPatch } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { actorOf } from '../../plugins/auth';
import { createReview, getReview, listReviews, patchReview } from './reviews.service';

export async function reviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: FastifyRequest) => planClock(app.db, app.now(), request.principal);
  r.get('/reviews', {
    config: { access: 'read' },
    schema: {
      tags: ['Reviews'],
      summary: 'List reviews, most recent first',
      querystring: ReviewListQuery,
      response: { 200: ReviewPage, 400: Problem },
    },
    handler: async (request) => listReviews(app.db, request.query, clock(request)),
  });
  r.post('/reviews', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Reviews'],
      summary: 'Record a review',
      body: ReviewCreate,
      response: { 201: Review, 400: Problem, 409: Problem, 422: Problem },
    },
    handler: async (request, reply) => reply.status(201).send(createReview(app.db, request.body, clock(request), actorOf(request))),
  });
  r.get('/reviews/:id', {
    config: { access: 'read' },
    schema: {
      tags: ['Reviews'],
      summary: 'Read a review with its timeliness against the statutory timescales',
      params: IdParams,
      response: { 200: Review, 400: Problem, 404: Problem },
    },
    handler: async (request) => getReview(app.db, request.params.id, clock(request)),
  });
  r.patch('/reviews/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Reviews'],
      summary: 'Change a review',
      params: IdParams,
      body: ReviewPatch,
      response: { 200: Review, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
    },
    handler: async (request) => patchReview(app.db, request.params.id, request.body, clock(request), actorOf(request)),
  });
}
