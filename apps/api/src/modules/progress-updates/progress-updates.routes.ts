import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AssuranceDecision, AssuranceDecisionResult, IdParams, ProgressUpdate, ProgressUpdateCreate, ProgressUpdateList, ProgressUpdateListQuery } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { planClock } from '../settings/settings.service';
import { decideAssurance, listProgressUpdates, postProgressUpdate } from './progress-updates.service';
import { ProblemResponse } from '../../plugins/problems';
import type { MailContext } from '../chase/chase.service';

export async function progressUpdateRoutes(app: FastifyInstance, mail: MailContext) {
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
      summary: 'Post a progress update (optionally changing the status) or a comment',
      description:
        'Updates are never edited or deleted. A progress update (`kind: progress`, the default) is an agency’s word on its action, with a ' +
        '`confidence`: it is posted by a lead of one of its agencies, or by the business unit on an agency’s behalf (`agencyId`, the owner ' +
        'agency when left out), and it restarts the staleness clock. A comment (`kind: comment`) is the overseeing subgroup chair’s or the ' +
        'business unit’s: a note only (a confidence, status change, agency, evidence or reason on it is refused with 422 naming the field), ' +
        'and the action stays as it was. A chair who is not a lead of one of its agencies may only comment (403 otherwise). ' +
        'Status moves: not_started → in_progress, completed or withdrawn; in_progress → completed or withdrawn; ' +
        'completed → assured, in_progress (returned for more information) or withdrawn. Completed needs evidence (links or uploaded documents); ' +
        'assured needs `evidenceOfImpact`; withdrawn needs a `reason`. Assuring or returning is a sign-off decision, recorded as one without a ' +
        'confidence (see `POST /actions/{id}/assurance`); whoever proposed the completion may not sign it off (403 `action.own_proposal`). ' +
        'An assured or withdrawn action takes nothing more (422 `action.closed`). `statusChange.from` (or `actionVersion`) refuses the update ' +
        'with 409 if the action has moved on since it was read. An agency’s note answers a return for more information; a comment does not.',
      params: IdParams,
      body: ProgressUpdateCreate,
      response: { 201: ProgressUpdate, 400: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => {
      const clock = await planClock(app.db, app.now(), request.principal);
      return reply.status(201).send(await postProgressUpdate(app.db, request.params.id, request.body, clock, actorOf(request), mail));
    },
  });
  r.post('/actions/:id/assurance', {
    config: { access: 'assureActions' },
    schema: {
      tags: ['Progress updates'],
      summary: 'Sign off a completed action: assure it, or return it for more information',
      description:
        'For the business unit and the chair of the subgroup overseeing the action. `assure` records the evidence of impact and makes the ' +
        'action assured (final). `return` sends it back to its agency in progress with a question and a reply-by day (the partnership’s ' +
        'reply period when left out), and its agency’s leads are sent an update request for it with the question (see `POST /chase`): while the agency is within it the action is Amber, not overdue and not stale; the agency answers with ' +
        'a progress update, which may propose completion again. A decision carries no confidence and does not count as the agency’s progress. ' +
        'Whoever proposed the completion may not sign it off, the business unit included (403 `action.own_proposal`); an assured or ' +
        'withdrawn action takes no decision (422 `action.closed`).',
      params: IdParams,
      body: AssuranceDecision,
      response: { 201: AssuranceDecisionResult, 400: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => {
      const clock = await planClock(app.db, app.now(), request.principal);
      return reply.status(201).send(await decideAssurance(app.db, request.params.id, request.body, clock, actorOf(request), mail));
    },
  });
}
