import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams,
  Recommendation,
  RecommendationCreate,
  RecommendationListQuery,
  RecommendationOrder,
  RecommendationOrdered,
  RecommendationPage,
  RecommendationPatch,
} from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { createRecommendation, getRecommendation, listRecommendations, orderRecommendations, patchRecommendation } from './recommendations.service';
import { ProblemResponse } from '../../plugins/problems';

export async function recommendationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/recommendations', {
    config: { access: 'read' },
    schema: {
      tags: ['Recommendations'],
      summary: 'List recommendations, by review and number',
      querystring: RecommendationListQuery,
      response: { 200: RecommendationPage, 400: ProblemResponse },
    },
    handler: async (request) => listRecommendations(app.db, request.query),
  });
  r.post('/recommendations', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Recommendations'],
      summary: 'Add a recommendation to a review',
      description: 'Left out, `number` is the next free number in the review. Learning points must be the same review\'s.',
      body: RecommendationCreate,
      response: { 201: Recommendation, 400: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createRecommendation(app.db, request.body, app.now(), actorOf(request))),
  });
  r.post('/reviews/:id/recommendations/order', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Recommendations'],
      summary: "Reorder a review's recommendations",
      description:
        "`ids` lists every one of the review's recommendations, each once, first to last; they are renumbered 1, 2, 3… in that order, in one transaction. " +
        'Any other list (one missing, another review\'s, or one twice) is refused with 422 naming `ids`, and nothing changes.',
      params: IdParams,
      body: RecommendationOrder,
      response: { 200: RecommendationOrdered, 400: ProblemResponse, 404: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => orderRecommendations(app.db, request.params.id, request.body.ids, app.now(), actorOf(request)),
  });
  r.get('/recommendations/:id', {
    config: { access: 'read' },
    schema: { tags: ['Recommendations'], summary: 'Read a recommendation', params: IdParams, response: { 200: Recommendation, 400: ProblemResponse, 404: ProblemResponse } },
    handler: async (request) => getRecommendation(app.db, request.params.id),
  });
  r.patch('/recommendations/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Recommendations'],
      summary: 'Change a recommendation',
      params: IdParams,
      body: RecommendationPatch,
      response: { 200: Recommendation, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => patchRecommendation(app.db, request.params.id, request.body, app.now(), actorOf(request)),
  });
}
