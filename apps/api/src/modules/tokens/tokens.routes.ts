import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiTokenCreate, ApiTokenCreated, ApiTokenListQuery, ApiTokenPage, IdParams } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { createToken, listTokens, revokeToken } from './tokens.service';

const USE =
  'Send it as `Authorization: Bearer lrt_…`. It reads what a viewer may read (limited to its subgroup or agency, if it has one), ' +
  'never writes (any other method than GET or HEAD answers 403 `auth.token_read_only`), and needs no CSRF token. ' +
  'A token that is unknown, revoked or past its last day answers 401 `auth.invalid_token`. ' +
  'A token limited to a subgroup or an agency reads `GET /api/actions`, `GET /api/exports/actions.csv` and `GET /api/dashboard` narrowed to it ' +
  '(asking for another agency or subgroup answers 403 `auth.token_scope`), and the lists of agencies, subgroups and themes; every other route answers 403 `auth.token_scope`.';

/** Tokens give reporting tools access to the plans: whoever manages people's accounts manages these too. */
export async function tokenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = 'manageUsers' as const;
  r.get('/tokens', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'List API tokens for reporting tools',
      description: `Newest first, with their status, scope and last use. Never the token itself: only its first characters. ${USE}`,
      querystring: ApiTokenListQuery,
      response: { 200: ApiTokenPage, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse },
    },
    handler: async (request) => await listTokens(app.db, request.query, app.now()),
  });
  r.post('/tokens', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Make a read-only API token for a reporting tool (Power BI, Excel)',
      description:
        '`expiresOn` is the last day it works (London time): after today and at most a year ahead. Limit it with `subgroupId` or `agencyId` (not both). ' +
        `The answer carries \`token\` this once; only a hash of it is kept. ${USE}`,
      body: ApiTokenCreate,
      response: { 201: ApiTokenCreated, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createToken(app.db, request.body, app.now(), actorOf(request))),
  });
  r.delete('/tokens/:id', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Revoke an API token',
      description: 'It stops working at once. It stays in the list, marked revoked; revoking it again changes nothing.',
      params: IdParams,
      response: { 204: z.null().describe('Revoked'), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request, reply) => {
      await revokeToken(app.db, request.params.id, app.now(), actorOf(request));
      return reply.status(204).send(null);
    },
  });
}
