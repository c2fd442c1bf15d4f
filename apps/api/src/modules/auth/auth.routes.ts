import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, Me } from '@lrt/contracts';
import { writeTransaction } from '@lrt/db';
import { capabilitiesOf } from '@lrt/domain';
import { recordAudit } from '../../lib/audit';
import { actorOf, clearSessionCookie, endSession, requirePrincipal, setSessionCookie, startSession, type SessionOptions } from '../../plugins/auth';
import { sendProblem } from '../../plugins/error-handler';
import { getUser } from '../users/users.service';
import { checkSignIn } from './sign-in.service';
import { ProblemResponse } from '../../plugins/problems';

export interface AuthRouteOptions extends SessionOptions {
  scryptCost: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (userId: number, csrfToken: string) => {
    const user = getUser(app.db, userId);
    return { user, csrfToken, capabilities: capabilitiesOf(user) };
  };

  r.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Sign in with email and password',
      description:
        'Answers the same 401 whatever was wrong. After too many failures for an account or from an address, answers 429 until the window passes. ' +
        'Sets a new HttpOnly, SameSite=Strict session cookie and returns the `csrfToken` to send as `X-CSRF-Token` on every change.',
      body: LoginBody,
      response: { 200: Me, 400: ProblemResponse, 401: ProblemResponse, 429: ProblemResponse },
    },
    handler: async (request, reply) => {
      const now = app.now();
      const result = await checkSignIn(app.db, { ...request.body, ip: request.ip, now, requestId: request.id, scryptCost: options.scryptCost });
      if (!result.ok) {
        return result.reason === 'rate_limited'
          ? sendProblem(reply.header('retry-after', '900'), {
              title: 'Too many attempts',
              status: 429,
              detail: 'Too many failed sign-ins. Wait 15 minutes and try again, or ask your business unit to reset your password.',
              code: 'auth.rate_limited',
            })
          : sendProblem(reply, {
              title: 'Not signed in',
              status: 401,
              detail: 'The email or password is not right.',
              code: 'auth.invalid_credentials',
            });
      }
      // A session id the browser already had is never reused: sign-in always starts a new one.
      if (request.session) endSession(app.db, request.session.idHash);
      const session = startSession(app.db, options, result.userId, now, request);
      setSessionCookie(reply, options, session.id);
      return me(result.userId, session.csrfToken);
    },
  });

  r.post('/auth/logout', {
    config: { access: 'signed_in' },
    schema: { tags: ['Accounts'], summary: 'Sign out: the session ends at once', response: { 204: z.null(), 401: ProblemResponse, 403: ProblemResponse } },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      writeTransaction(app.db, (tx) => {
        endSession(app.db, request.session!.idHash);
        recordAudit(tx, actorOf(request), { entity: 'user', entityId: principal.id, operation: 'sign_out', at: app.now() });
      });
      clearSessionCookie(reply, options);
      return reply.status(204).send(null);
    },
  });

  r.get('/auth/me', {
    config: { access: 'signed_in' },
    schema: { tags: ['Accounts'], summary: 'The signed-in user, their capabilities and the CSRF token', response: { 200: Me, 401: ProblemResponse } },
    handler: async (request) => me(requirePrincipal(request).id, request.session!.csrfToken),
  });
}
