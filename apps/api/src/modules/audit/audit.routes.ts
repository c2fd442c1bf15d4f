import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '@lrt/contracts';
import { listAuditEvents } from './audit.service';
import { ProblemResponse } from '../../plugins/problems';

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/audit', {
    config: { access: 'readAudit' },
    schema: {
      tags: ['Audit'],
      summary: 'The audit trail, newest first',
      description:
        'Every change, sign-in and failed sign-in: who, when, what and the fields before and after. Filter by `entity` (e.g. `action`) and `entityId`, `actorId`, and a `from`/`to` date or instant. The trail cannot be changed or deleted.',
      querystring: AuditQuery,
      response: { 200: AuditPage, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse },
    },
    handler: async (request) => listAuditEvents(app.db, request.query),
  });
}
