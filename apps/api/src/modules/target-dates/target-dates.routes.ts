import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams,
  PageQuery,
  TargetDateDecision,
  TargetDateDecisionResult,
  TargetDateRequest,
  TargetDateRequestCreate,
  TargetDateRequestList,
} from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { planClock } from '../settings/settings.service';
import { decideTargetDateRequest, listTargetDateRequests, requestTargetDate } from './target-date-requests.service';

export async function targetDateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: FastifyRequest) => planClock(app.db, app.now(), request.principal);

  r.get('/actions/:id/target-date-requests', {
    config: { access: 'read' },
    schema: {
      tags: ['Actions'],
      summary: "An action's requests for a new target date, newest first",
      description: 'Every request, whatever was decided: pending, agreed or refused, with who asked, for which agency, and who decided.',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: TargetDateRequestList, 400: ProblemResponse, 401: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => listTargetDateRequests(app.db, request.params.id, request.query),
  });

  r.post('/actions/:id/target-date-requests', {
    config: { access: 'postUpdates' },
    schema: {
      tags: ['Actions'],
      summary: 'Ask for a new target date',
      description:
        "For a lead of one of the action's agencies while it is not started or in progress (403 `auth.forbidden` otherwise). " +
        'Needs a `reason`. Refused with 422: an action that is completed, assured or withdrawn (`target_date_request.action_closed`), ' +
        'the date it already has (`target_date_request.same_date`), a day before today in London (`target_date_request.date_in_past`). ' +
        'One request per action awaits a decision at a time (409 `target_date_request.pending`). The action does not change until an ' +
        'admin or the chair of its subgroup agrees; meanwhile it shows the request as `pendingTargetDateRequest`.',
      params: IdParams,
      body: TargetDateRequestCreate,
      response: {
        201: TargetDateRequest,
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        404: ProblemResponse,
        409: ProblemResponse,
        422: ProblemResponse,
      },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await requestTargetDate(app.db, request.params.id, request.body, await clock(request), actorOf(request))),
  });

  r.post('/target-date-requests/:id/decision', {
    config: { access: 'postUpdates' },
    schema: {
      tags: ['Actions'],
      summary: 'Agree or refuse a request for a new target date',
      description:
        'For the business unit and the chair of the subgroup overseeing the action (403 `auth.forbidden` otherwise). Only a pending request ' +
        'is decided (409 `target_date_request.decided`). Agreeing moves the action to the date asked for (a new version) and adds the ' +
        'revision to its `targetDateHistory` with the reason and who decided; the original date stays first. Refusing leaves the action as ' +
        'it is. An action closed since the request was made cannot have it agreed (422 `target_date_request.action_closed`), nor can a date ' +
        'that has since passed (422 `target_date_request.date_in_past`); either may be refused. `note` is kept with the decision.',
      params: IdParams,
      body: TargetDateDecision,
      response: {
        200: TargetDateDecisionResult,
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        404: ProblemResponse,
        409: ProblemResponse,
        422: ProblemResponse,
      },
    },
    handler: async (request) => decideTargetDateRequest(app.db, request.params.id, request.body, await clock(request), actorOf(request)),
  });
}
