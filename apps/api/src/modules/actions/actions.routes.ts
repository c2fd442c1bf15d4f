import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Action, ActionCreate, ActionListQuery, ActionPage, ActionPatch, IdParams } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { actorOf } from '../../plugins/auth';
import { createAction, getAction, listActions, patchAction } from './actions.service';
import { ProblemResponse } from '../../plugins/problems';
import { listActionsAsAt } from '../history/actions-as-at';

export async function actionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: FastifyRequest) => planClock(app.db, app.now(), request.principal);
  r.get('/actions', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'List actions',
      description:
        'Filters that may repeat (`status=red&status=amber`) match any of their values; different filters must all match. ' +
        '`agencyId` matches actions the agency owns or shares. `q` searches the ref, learning need, action, success measure and every progress note. ' +
        '`returned=true` finds actions returned for more information and not yet answered. `dueBefore` and `dueAfter` include the day named. `sort=attention` puts red first, then amber, then by target date. ' +
        '`asAt=YYYY-MM-DD` lists the actions as they stood at the end of that day (London), rebuilt from the history of every field with the rules and settings of the time: an agency’s are those it owned then or shares; nothing on a past day can be done (`permissions` all false). A day in the future answers 422 naming `asAt`.',
      querystring: ActionListQuery,
      response: { 200: ActionPage, 400: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => {
      const { asAt } = request.query;
      return asAt
        ? await listActionsAsAt(app.db, { ...request.query, asAt }, app.now())
        : await listActions(app.db, request.query, await clock(request));
    },
  });
  r.post('/actions', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Actions'],
      summary: 'Add an action to a review',
      description:
        'Starts `not_started`; its status then changes only through progress updates. Left out, `ref` is `<review code>/A<n>` and `subgroupId` is the recommendation\'s, else the review\'s.',
      body: ActionCreate,
      response: { 201: Action, 400: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createAction(app.db, request.body, await clock(request), actorOf(request))),
  });
  r.get('/actions/:id', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: 'Read an action with its BRAG rating, overdue and stale flags',
      params: IdParams,
      response: { 200: Action, 400: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => getAction(app.db, request.params.id, await clock(request)),
  });
  r.patch('/actions/:id', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Actions'],
      summary: 'Change an action (not its status: post a progress update for that)',
      params: IdParams,
      body: ActionPatch,
      response: { 200: Action, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => patchAction(app.db, request.params.id, request.body, await clock(request), actorOf(request)),
  });
}
