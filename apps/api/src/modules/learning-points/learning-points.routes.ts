import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams,
  LearningPoint,
  LearningPointCreate,
  LearningPointList,
  LearningPointListQuery,
  LearningPointOrder,
  LearningPointOrdered,
  LearningPointPatch,
} from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { createLearningPoint, getLearningPoint, listLearningPoints, orderLearningPoints, patchLearningPoint } from './learning-points.service';
import { ProblemResponse } from '../../plugins/problems';

export async function learningPointRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/reviews/:id/learning-points', {
    config: { access: 'read' },
    schema: {
      tags: ['Learning points'],
      summary: "A review's key learning points, in number order",
      params: IdParams,
      querystring: LearningPointListQuery,
      response: { 200: LearningPointList, 400: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => listLearningPoints(app.db, request.params.id, request.query),
  });
  r.post('/reviews/:id/learning-points', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Learning points'],
      summary: 'Add a key learning point to a review',
      description: 'Left out, `number` is the next free number in the review.',
      params: IdParams,
      body: LearningPointCreate,
      response: { 201: LearningPoint, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createLearningPoint(app.db, request.params.id, request.body, app.now(), actorOf(request))),
  });
  r.post('/reviews/:id/learning-points/order', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Learning points'],
      summary: "Reorder a review's learning points",
      description:
        "`ids` lists every one of the review's learning points, each once, first to last; they are renumbered 1, 2, 3… in that order, in one transaction. " +
        'Any other list (a point missing, another review\'s, or one twice) is refused with 422 naming `ids`, and nothing changes.',
      params: IdParams,
      body: LearningPointOrder,
      response: { 200: LearningPointOrdered, 400: ProblemResponse, 404: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => orderLearningPoints(app.db, request.params.id, request.body.ids, app.now(), actorOf(request)),
  });
  r.get('/learning-points/:id', {
    config: { access: 'read' },
    schema: { tags: ['Learning points'], summary: 'Read a learning point', params: IdParams, response: { 200: LearningPoint, 400: ProblemResponse, 404: ProblemResponse } },
    handler: async (request) => getLearningPoint(app.db, request.params.id),
  });
  r.patch('/learning-points/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Learning points'],
      summary: 'Change a learning point',
      params: IdParams,
      body: LearningPointPatch,
      response: { 200: LearningPoint, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse },
    },
    handler: async (request) => patchLearningPoint(app.db, request.params.id, request.body, app.now(), actorOf(request)),
  });
}
