import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, ReviewActionsCreate, ReviewActionsCreated } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { planClock } from '../settings/settings.service';
import { createReviewActions } from './review-actions.service';

export async function reviewActionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: FastifyRequest) => planClock(app.db, app.now(), request.principal);
  r.post('/reviews/:id/actions', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Actions'],
      summary: "Add several actions to a review's plan at once",
      description:
        'For typing up an action plan: each item takes the fields of `POST /api/actions` without `reviewId`. ' +
        'All are created in one transaction, or none: a refusal names the row and field of every problem in the batch ' +
        '(`actions.2.ownerAgencyId`; the detail counts rows from 1: "Row 3: …"). A reference already in use, or repeated ' +
        'within the batch, is a 409 `action.ref_taken`; other rule breaks are 422. Left out, each `ref` is the next ' +
        '`<review code>/A<n>` and `subgroupId` is the recommendation\'s, else the review\'s. The answer lists the actions ' +
        'in the order sent.',
      params: IdParams,
      body: ReviewActionsCreate,
      response: { 201: ReviewActionsCreated, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => {
      const items = await createReviewActions(app.db, request.params.id, request.body.actions, await clock(request), actorOf(request));
      return reply.status(201).send({ items });
    },
  });
}
