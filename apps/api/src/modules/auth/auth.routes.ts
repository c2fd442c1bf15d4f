import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginAnswer, LoginBody, Me, PasswordChange } from '@lrt/contracts';
import { writeTransaction, type Db } from '@lrt/db';
import { capabilitiesOf } from '@lrt/domain';
import { recordAudit } from '../../lib/audit';
import { actorOf, clearSessionCookie, endSession, requirePrincipal, setSessionCookie, startSession, type SessionOptions } from '../../plugins/auth';
import { sendProblem } from '../../plugins/error-handler';
import { getUser } from '../users/users.service';
import { hasSecondFactor, secondFactorOf, startChallenge, type SignInMethod } from './mfa.service';
import { changeOwnPassword } from './password.service';
import { checkSignIn, recordSignIn, waitWords } from './sign-in.service';
import type { SignInGuard } from './sign-in-throttle';
import { ProblemResponse } from '../../plugins/problems';

export interface AuthRouteOptions extends SessionOptions {
  scryptCost: number;
  signInGuard: SignInGuard;
}

/** What a session is told about itself: GET /auth/me, and the answer to a completed sign-in. */
export async function meOf(db: Db, userId: number, csrfToken: string, signedInWith: SignInMethod = 'password'): Promise<Me> {
  const user = await getUser(db, userId);
  return {
    user,
    csrfToken,
    capabilities: capabilitiesOf(user),
    // A session begun with single sign-on uses no password of the tracker's, so it is not asked to change one.
    mustChangePassword: signedInWith === 'password' && user.mustChangePassword,
    secondFactor: await secondFactorOf(db, user, signedInWith),
  };
}

/** A completed sign-in (with a password, or a password and a code): a new session, its cookie, and `Me`. */
export async function beginSession(
  app: FastifyInstance,
  options: SessionOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  now: Date,
): Promise<Me> {
  const session = await writeTransaction(app.db, async (tx) => {
    // A session id the browser already had is never reused: sign-in always starts a new one.
    if (request.session) await endSession(tx, request.session.idHash);
    return startSession(tx, options, userId, now, request);
  });
  setSessionCookie(reply, options, session.id);
  return meOf(app.db, userId, session.csrfToken);
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (userId: number, csrfToken: string, signedInWith: SignInMethod) => meOf(app.db, userId, csrfToken, signedInWith);

  r.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Sign in with email and password',
      description:
        'Answers the same 401 whatever was wrong. Each try is counted before the password is checked; after a few wrong ones for an account from an address ' +
        '(or many from an address, or from addresses the account has never used) it answers 429 with a Retry-After that doubles with each further try. ' +
        'A flood that would keep everyone waiting answers 503 with Retry-After: 1. ' +
        'Sets a new HttpOnly, SameSite=Strict session cookie and returns the `csrfToken` to send as `X-CSRF-Token` on every change. ' +
        'When the user has two-factor sign-in on, a right password starts no session: it answers `{mfaRequired: true, mfaToken}`, and the sign-in ' +
        'completes with `POST /api/auth/login/mfa`.',
      body: LoginBody,
      response: { 200: LoginAnswer, 400: ProblemResponse, 401: ProblemResponse, 429: ProblemResponse, 503: ProblemResponse },
    },
    handler: async (request, reply) => {
      const now = app.now();
      const result = await checkSignIn(app.db, options.signInGuard, { ...request.body, ip: request.ip, now, requestId: request.id, scryptCost: options.scryptCost });
      if (!result.ok) {
        if (result.reason === 'invalid') {
          return sendProblem(reply, { title: 'Not signed in', status: 401, detail: 'The email or password is not right.', code: 'auth.invalid_credentials' });
        }
        reply.header('retry-after', String(result.retryAfterSeconds));
        return result.reason === 'busy'
          ? sendProblem(reply, {
              title: 'Busy',
              status: 503,
              detail: 'Too many sign-ins are being checked at once. Try again in a moment.',
              code: 'auth.busy',
            })
          : sendProblem(reply, {
              title: 'Too many attempts',
              status: 429,
              detail: `Too many wrong sign-ins. Wait ${waitWords(result.retryAfterSeconds)} and try again, or ask your business unit to reset your password.`,
              code: 'auth.rate_limited',
            });
      }
      if (await hasSecondFactor(app.db, result.userId)) {
        // No session yet: the sign-in completes, and is recorded, when a code comes (POST /auth/login/mfa).
        return { mfaRequired: true as const, mfaToken: await startChallenge(app.db, { userId: result.userId, now, ip: request.ip }) };
      }
      await recordSignIn(app.db, { userId: result.userId, name: result.name, ip: request.ip, requestId: request.id, now, method: 'password' });
      return await beginSession(app, options, request, reply, result.userId, now);
    },
  });

  r.post('/auth/logout', {
    config: { access: 'signed_in', openToRestricted: true },
    schema: { tags: ['Accounts'], summary: 'Sign out: the session ends at once', response: { 204: z.null(), 401: ProblemResponse, 403: ProblemResponse } },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await writeTransaction(app.db, async (tx) => {
        await endSession(tx, request.session!.idHash);
        await recordAudit(tx, actorOf(request), { entity: 'user', entityId: principal.id, operation: 'sign_out', at: app.now() });
      });
      clearSessionCookie(reply, options);
      return reply.status(204).send(null);
    },
  });

  r.get('/auth/me', {
    config: { access: 'signed_in', openToRestricted: true },
    schema: { tags: ['Accounts'], summary: 'The signed-in user, their capabilities and the CSRF token', response: { 200: Me, 401: ProblemResponse } },
    handler: async (request) => await me(requirePrincipal(request).id, request.session!.csrfToken, request.session!.signInMethod),
  });

  r.post('/auth/password', {
    config: { access: 'signed_in', openToRestricted: true },
    schema: {
      tags: ['Accounts'],
      summary: 'Change your own password',
      description:
        'Needs the current password (a wrong one counts as a failed sign-in). The new one follows the password policy and must differ. ' +
        'Every other session of the user ends; this one stays. Clears `mustChangePassword`.',
      body: PasswordChange,
      response: { 204: z.null(), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse, 429: ProblemResponse, 503: ProblemResponse },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await changeOwnPassword(
        app.db,
        options.signInGuard,
        {
          userId: principal.id,
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          keepSessionIdHash: request.session!.idHash,
          now: app.now(),
          ip: request.ip,
          scryptCost: options.scryptCost,
        },
        actorOf(request),
      );
      return reply.status(204).send(null);
    },
  });
}
