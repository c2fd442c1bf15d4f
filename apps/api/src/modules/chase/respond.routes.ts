import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProgressUpdate, RespondActionParams, RespondParams, RespondUpdateCreate, RespondView } from '@lrt/contracts';
import { ProblemResponse } from '../../plugins/problems';
import { postReply, respondView } from './respond.service';
import type { MailContext } from './chase.service';

const LINK =
  'The token is the personal link of a chase message (`PUBLIC_URL/respond/<token>`): no session or CSRF token is needed, and it opens ' +
  'nothing else of the API. An unknown link answers 404 `reply_link.not_found`; a revoked or expired one (past the reply-by date plus the ' +
  'partnership’s grace period), or one whose holder is no longer a lead of the agency, answers 410 (`reply_link.revoked`, ' +
  '`reply_link.expired`, `reply_link.holder_changed`) saying so, with sign-in as the way on. Every use is in the audit trail as the holder.';

export async function respondRoutes(app: FastifyInstance, mail: MailContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const from = (request: { id: string; ip: string }) => ({ requestId: request.id, ip: request.ip });

  r.get('/respond/:token', {
    config: { access: 'public' },
    schema: {
      tags: ['Chasing'],
      summary: 'What a reply link opens: its holder, the actions they may update, and until when',
      description: LINK,
      params: RespondParams,
      response: { 200: RespondView, 400: ProblemResponse, 404: ProblemResponse, 410: ProblemResponse },
    },
    handler: async (request) => respondView(app.db, request.params.token, app.now(), from(request)),
  });

  r.post('/respond/:token/actions/:id/updates', {
    config: { access: 'public' },
    schema: {
      tags: ['Chasing'],
      summary: 'Post a progress update through a reply link, as its holder',
      description:
        'The agency’s progress on one of the link’s actions, with the rules of `POST /actions/{id}/updates` for an agency lead of the link’s ' +
        'agency: a note, a confidence, evidence (links, or documents uploaded with `POST /respond/{token}/evidence`), and the status changes ' +
        'an agency lead may make. Any other action answers 403 `reply_link.action_not_included`. ' +
        LINK,
      params: RespondActionParams,
      body: RespondUpdateCreate,
      response: { 201: ProgressUpdate, 400: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 410: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await postReply(app.db, request.params.token, request.params.id, request.body, app.now(), from(request), mail)),
  });
}
