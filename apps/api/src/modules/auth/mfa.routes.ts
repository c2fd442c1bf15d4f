import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Me, MfaLoginBody, RecoveryCodes, SECOND_FACTOR, SecondFactorProof, TotpConfirmBody, TotpEnrolment } from '@lrt/contracts';
import { actorOf, requirePrincipal, type SessionOptions } from '../../plugins/auth';
import { sendProblem } from '../../plugins/error-handler';
import { ProblemResponse } from '../../plugins/problems';
import { beginSession } from './auth.routes';
import { answerChallenge, confirmTotpEnrolment, renewRecoveryCodes, startTotpEnrolment, turnOffSecondFactor } from './mfa.service';
import { recordSignIn, waitWords } from './sign-in.service';
import type { SignInGuard } from './sign-in-throttle';

export interface MfaRouteOptions extends SessionOptions {
  signInGuard: SignInGuard;
}

/** Two-factor sign-in: the second step of signing in, and setting up, renewing and turning off one's own. */
export async function mfaRoutes(app: FastifyInstance, options: MfaRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/auth/login/mfa', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Complete a sign-in with a code from an authenticator app, or a recovery code',
      description:
        `Takes the \`mfaToken\` that \`POST /api/auth/login\` answered. A token lasts ${SECOND_FACTOR.challengeMinutes} minutes and ${SECOND_FACTOR.attemptsPerChallenge} wrong codes ` +
        '(401 `auth.mfa_invalid` each time); after that, or once used, it answers 401 `auth.mfa_expired`: start again with the password. ' +
        'A code from the app is accepted once (a code already used is refused), a recovery code once ever. ' +
        'Ten wrong codes for an account in 15 minutes answer 429 until the window passes. On success: a session cookie and `Me`, as `POST /api/auth/login`.',
      body: MfaLoginBody,
      response: { 200: Me, 400: ProblemResponse, 401: ProblemResponse, 429: ProblemResponse },
    },
    handler: async (request, reply) => {
      const now = app.now();
      const result = await answerChallenge(app.db, { ...request.body, now, ip: request.ip, requestId: request.id });
      if (!result.ok) {
        if (result.reason === 'rate_limited') {
          return sendProblem(reply.header('retry-after', String(result.retryAfterSeconds)), {
            title: 'Too many attempts',
            status: 429,
            detail: `Too many wrong codes for this account. Wait ${waitWords(result.retryAfterSeconds)} and start again. If this was not you, change your password.`,
            code: 'auth.rate_limited',
          });
        }
        if (result.reason === 'invalid' && result.attemptsLeft > 0) {
          return sendProblem(reply, {
            title: 'Wrong code',
            status: 401,
            detail:
              'The code is not right. Enter the newest code your authenticator app shows (each code works once), or use a recovery code. ' +
              `${result.attemptsLeft} ${result.attemptsLeft === 1 ? 'try' : 'tries'} left.`,
            code: 'auth.mfa_invalid',
          });
        }
        if (result.reason === 'invalid') {
          return sendProblem(reply, {
            title: 'Wrong code',
            status: 401,
            detail: 'The code is not right, and that was the last try. Start again: sign in with your email address and password.',
            code: 'auth.mfa_invalid',
          });
        }
        return sendProblem(reply, {
          title: 'Start again',
          status: 401,
          detail: 'This sign-in has expired or had too many wrong codes. Start again: sign in with your email address and password.',
          code: 'auth.mfa_expired',
        });
      }
      await options.signInGuard.secondFactorPassed({ email: result.email, ip: request.ip, userId: result.userId });
      await recordSignIn(app.db, { userId: result.userId, name: result.name, ip: request.ip, requestId: request.id, now, method: result.method === 'recovery_code' ? 'password_and_recovery_code' : 'password_and_code' });
      return await beginSession(app, options, request, reply, result.userId, now);
    },
  });

  r.post('/auth/mfa/totp', {
    config: { access: 'signed_in', openToEnrolment: true },
    schema: {
      tags: ['Accounts'],
      summary: 'Start setting up an authenticator app',
      description:
        'A new secret, with its otpauth:// address and a QR code (SVG) of it, labelled with the partnership name and your email. ' +
        'Nothing changes at sign-in until a code from it is confirmed (`POST /api/auth/mfa/totp/confirm`); starting again replaces the secret. ' +
        '409 `auth.mfa_already_enabled` while two-factor sign-in is on.',
      response: { 200: TotpEnrolment, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse },
    },
    handler: async (request) => await startTotpEnrolment(app.db, { userId: requirePrincipal(request).id }),
  });

  r.post('/auth/mfa/totp/confirm', {
    config: { access: 'signed_in', openToEnrolment: true },
    schema: {
      tags: ['Accounts'],
      summary: 'Turn on two-factor sign-in with a code from the app being set up',
      description:
        `Answers ${SECOND_FACTOR.recoveryCodes} recovery codes, shown this once (only hashes are kept). Your other sessions end. ` +
        'A wrong code answers 422 `auth.mfa_invalid` naming `code`.',
      body: TotpConfirmBody,
      response: { 200: RecoveryCodes, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => ({
      recoveryCodes: await confirmTotpEnrolment(
        app.db,
        { userId: requirePrincipal(request).id, code: request.body.code, keepSessionIdHash: request.session?.idHash ?? null, now: app.now() },
        actorOf(request),
      ),
    }),
  });

  r.post('/auth/mfa/recovery-codes', {
    config: { access: 'signed_in' },
    schema: {
      tags: ['Accounts'],
      summary: 'Make new recovery codes (the old ones stop working)',
      description: 'Needs your password (a wrong one counts as a failed sign-in). 409 `auth.mfa_not_enabled` while two-factor sign-in is off.',
      body: SecondFactorProof,
      response: { 200: RecoveryCodes, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse, 429: ProblemResponse, 503: ProblemResponse },
    },
    handler: async (request) => ({
      recoveryCodes: await renewRecoveryCodes(
        app.db,
        options.signInGuard,
        { userId: requirePrincipal(request).id, currentPassword: request.body.currentPassword, ip: request.ip, now: app.now() },
        actorOf(request),
      ),
    }),
  });

  r.delete('/auth/mfa', {
    config: { access: 'signed_in' },
    schema: {
      tags: ['Accounts'],
      summary: 'Turn off your two-factor sign-in',
      description:
        'Needs your password (a wrong one counts as a failed sign-in). Refused with 403 `auth.mfa_required` while the partnership requires it for your role; ' +
        'the business unit can reset it (`DELETE /api/users/:id/mfa`) if the authenticator is lost.',
      body: SecondFactorProof,
      response: { 204: z.null(), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse, 429: ProblemResponse, 503: ProblemResponse },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await turnOffSecondFactor(
        app.db,
        options.signInGuard,
        { userId: principal.id, roles: principal.roles, currentPassword: request.body.currentPassword, ip: request.ip, now: app.now() },
        actorOf(request),
      );
      return reply.status(204).send(null);
    },
  });
}
