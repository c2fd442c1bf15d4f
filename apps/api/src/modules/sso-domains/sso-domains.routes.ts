import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SsoDomain, SsoDomainCreate, SsoDomainList, SsoDomainParams } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { createSsoDomain, deleteSsoDomain, listSsoDomains } from './sso-domains.service';

/** Which email domains get an account at their first single sign-on, and with which roles. For the business unit. */
export async function ssoDomainRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = 'manageUsers' as const;
  r.get('/sso-domains', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'List the email domains whose people get an account when they first sign in with their organisation',
      response: { 200: SsoDomainList, 401: ProblemResponse, 403: ProblemResponse },
    },
    handler: async () => ({ items: await listSsoDomains(app.db) }),
  });
  r.post('/sso-domains', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Open accounts for an email domain at first single sign-on',
      description:
        'People whose verified email is at exactly this domain (not its subdomains) get an account with these roles the first time they sign in ' +
        'with their organisation. Roles: agency lead (with `agencyId`), independent chair, viewer; never administrator or subgroup chair.',
      body: SsoDomainCreate,
      response: { 201: SsoDomain, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createSsoDomain(app.db, request.body, app.now(), actorOf(request))),
  });
  r.delete('/sso-domains/:domain', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Stop opening accounts for an email domain (accounts already opened stay)',
      params: SsoDomainParams,
      response: { 204: z.null(), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request, reply) => {
      await deleteSsoDomain(app.db, request.params.domain, app.now(), actorOf(request));
      return reply.status(204).send(null);
    },
  });
}
