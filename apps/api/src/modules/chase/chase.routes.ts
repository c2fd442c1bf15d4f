import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActionChaseList,
  ChaseCandidates,
  ChaseCreate,
  ChaseCreated,
  ChaseDetail,
  ChaseListQuery,
  ChasePage,
  ChaseRecipientParams,
  ChaseScopeQuery,
  IdParams,
} from '@lrt/contracts';
import { actorOf, requirePrincipal } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { planClock } from '../settings/settings.service';
import { actionChases, getChase, listCandidates, listChases, revokeRecipient, sendChase, type MailContext } from './chase.service';

const WHO =
  'For the business unit (every action) and subgroup chairs (the actions of the subgroups they chair; a chase of another subgroup answers 403).';

export async function chaseRoutes(app: FastifyInstance, mail: MailContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = (request: Parameters<typeof requirePrincipal>[0]) => planClock(app.db, app.now(), requirePrincipal(request));

  r.get('/chase/candidates', {
    config: { access: 'chase' },
    schema: {
      tags: ['Chasing'],
      summary: 'Who owes what: the actions that need an update, by agency, with their leads',
      description:
        'Open actions that are overdue, stale, due within the due-soon window, or returned for more information and not yet answered, ' +
        'listed under each of their agencies (owner and partners), most pressing first (at most 20 per agency, 500 when `agencyId` is given; the counts are complete). ' +
        'Each agency names its active agency leads (empty: nobody would be asked), its senior contact, the latest request sent to it and ' +
        `its latest progress update. Agencies are ordered by overdue actions, most first. ${WHO}`,
      querystring: ChaseScopeQuery,
      response: { 200: ChaseCandidates, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => listCandidates(app.db, await clock(request), requirePrincipal(request), request.query),
  });

  r.post('/chase', {
    config: { access: 'chase' },
    schema: {
      tags: ['Chasing'],
      summary: 'Send an update request (a chase), or preview its messages',
      description:
        'The scope is every action needing an update (as `GET /chase/candidates`) narrowed by `reviewId`, `subgroupId` and `agencyId`; or ' +
        'exactly the open actions in `actionIds` (ticked by hand; asked of each of their agencies, or only of `agencyId` if given). Each ' +
        'agency lead receives one message listing exactly their agency’s actions (the fifty most pressing, with how many more its link opens): reference, target date, BRAG in words and (unless the ' +
        'partnership’s `chaseMessageDetail` is `refs_only`) the latest note, with a personal link to post updates without signing in ' +
        '(`PUBLIC_URL/respond/<token>`, made when the message is sent; it works until `replyBy` plus the partnership’s grace period). ' +
        'Agencies with no lead are named in `agenciesWithoutLead`. With `preview: true` nothing is recorded or sent (200, `id` null). ' +
        'Messages go through the outbox: the answer does not wait for the SMTP server. ' +
        `A \`replyBy\` in the past, unknown ids or closed actions answer 422 naming the field; a scope with nothing to ask 422 \`chase.nothing_to_ask\`. ${WHO}`,
      body: ChaseCreate,
      response: { 200: ChaseCreated, 201: ChaseCreated, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => {
      const result = await sendChase(app.db, request.body, await clock(request), actorOf(request), mail);
      return reply.status(request.body.preview ? 200 : 201).send(result);
    },
  });

  r.get('/chase', {
    config: { access: 'chase' },
    schema: {
      tags: ['Chasing'],
      summary: 'The update requests sent, newest first',
      description: `Each with how many actions it asked about, how many were answered (an update from the agency since), how many replies are overdue, and where its messages are. A subgroup chair sees the requests that asked about their subgroups’ actions. \`agencyId\` keeps those sent to one agency.`,
      querystring: ChaseListQuery,
      response: { 200: ChasePage, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => listChases(app.db, await clock(request), requirePrincipal(request), request.query),
  });

  r.get('/chase/:id', {
    config: { access: 'chase' },
    schema: {
      tags: ['Chasing'],
      summary: 'One update request: who was asked, their links and messages, and what became of each action',
      description: 'Per agency: each recipient with their link’s status (active, expired, revoked) and last use, and each message (queued, retrying with the last error, sent, or kept in the outbox); escalations to the senior contact; and each action as requested, answered or reply overdue.',
      params: IdParams,
      response: { 200: ChaseDetail, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => getChase(app.db, request.params.id, await clock(request), requirePrincipal(request)),
  });

  r.post('/chase/:id/recipients/:recipientId/revoke', {
    config: { access: 'chase' },
    schema: {
      tags: ['Chasing'],
      summary: 'Revoke a recipient’s reply link',
      description: 'The link (and any reminder’s copy of it) stops working at once; opening it says it was withdrawn and offers sign-in. Revoking again changes nothing. No more reminders go to that recipient.',
      params: ChaseRecipientParams,
      body: z.strictObject({}).optional(),
      response: { 200: ChaseDetail, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) =>
      revokeRecipient(app.db, request.params.id, request.params.recipientId, await clock(request), actorOf(request)),
  });

  r.get('/actions/:id/chases', {
    config: { access: 'read' },
    schema: {
      tags: ['Chasing'],
      summary: 'The update requests that asked about an action',
      description: 'Newest first: when, who sent it, to which agency and whom, the reply-by day, and whether it was answered (the agency’s first progress update since), or its reply is overdue.',
      params: IdParams,
      response: { 200: ActionChaseList, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => ({ items: await actionChases(app.db, request.params.id, await planClock(app.db, app.now())) }),
  });
}
