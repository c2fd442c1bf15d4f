import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Problem, Review, ReviewCreate, ReviewListQuery, ReviewPage, ReviewPatch } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { createReview, getReview, listReviews, patchReview } from './reviews.service';

export async function reviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = () => planClock(app.db, app.now());
  r.get('/reviews', {
    schema: {
      tags: ['Reviews'],
      summary: 'List reviews, most recent first',
      querystring: ReviewListQuery,
      response: { 200: ReviewPage, 400: Problem },
    },
    handler: async (request) => listReviews(app.db, request.query, clock()),
  });
  r.post('/reviews', {
    schema: {
      tags: ['Reviews'],
      summary: 'Record a review',
      body: ReviewCreate,
      response: { 201: Review, 400: Problem, 409: Problem, 422: Problem },
    },
    handler: async (request, reply) => reply.status(201).send(createReview(app.db, request.body, clock())),
  });
  r.get('/reviews/:id', {
    schema: {
      tags: ['Reviews'],
      summary: 'Read a review with its timeliness against the statutory timescales',
      params: IdParams,
      response: { 200: Review, 400: Problem, 404: Problem },
    },
    handler: async (request) => getReview(app.db, request.params.id, clock()),
  });
  r.patch('/reviews/:id', {
    schema: {
      tags: ['Reviews'],
      summary: 'Change a review',
      params: IdParams,
      body: ReviewPatch,
      response: { 200: Review, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
    },
    handler: async (request) => patchReview(app.db, request.params.id, request.body, clock()),
  });
}
