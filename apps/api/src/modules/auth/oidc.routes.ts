import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OidcCallbackQuery, OidcStartQuery, OidcStatus, type SsoRefusal } from '@lrt/contracts';
import { writeTransaction } from '@lrt/db';
import { safeReturnTo } from '@lrt/domain';
import { endSession, setSessionCookie, startSession, type SessionOptions } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { beginOidcLogin, finishOidcLogin, OIDC_LOGIN_MINUTES, OidcClient, type OidcSettings } from './oidc.service';

export interface OidcRouteOptions extends SessionOptions {
  /** The provider; without one only the status route is there, saying single sign-on is off. */
  oidc?: OidcSettings | undefined;
  publicUrl: string;
}

const Redirect = z.null().describe('A redirect (Location header); no body.');

/**
 * "Sign in with your organisation": the authorisation code flow with PKCE against the partnership's OpenID Connect
 * provider. Both ends are top-level navigations of the browser, never fetches; both answer with redirects, and a
 * refusal lands on `/sign-in?sso=<reason>`, which the sign-in page puts into words.
 */
export async function oidcRoutes(app: FastifyInstance, options: OidcRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = options.oidc;
  const redirectUri = `${options.publicUrl}/api/auth/oidc/callback`;

  r.get('/auth/oidc/status', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Whether single sign-on is offered, and with which provider',
      response: { 200: OidcStatus },
    },
    handler: async () => (settings ? { enabled: true, issuer: settings.issuerUrl, redirectUri } : { enabled: false, redirectUri }),
  });

  if (!settings) return;
  const client = new OidcClient(settings, redirectUri);
  // The state, for the callback to prove the answer is for this browser (login CSRF). Lax, not Strict: the
  // provider sends the browser back with a top-level navigation from its own site, which Strict would not carry.
  const stateCookie = options.secureCookie ? '__Host-lrt_oidc' : 'lrt_oidc';
  const stateCookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookie } as const;
  const refuse = (reply: FastifyReply, reason: SsoRefusal) => reply.redirect(`/sign-in?sso=${reason}`, 302);

  r.get('/auth/oidc/start', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Sign in with your organisation: go to the provider',
      description:
        'Redirects to the OpenID Connect provider (authorisation code flow, PKCE with S256, state and nonce; scopes `openid email profile`), ' +
        `setting a short-lived HttpOnly SameSite=Lax cookie with the state (${OIDC_LOGIN_MINUTES} minutes, used once). ` +
        '`returnTo` is kept if it is a path of the tracker. If the provider cannot be reached, redirects to `/sign-in?sso=provider`.',
      querystring: OidcStartQuery,
      response: { 302: Redirect, 400: ProblemResponse },
    },
    handler: async (request, reply) => {
      const returnTo = safeReturnTo(request.query.returnTo) ?? '/';
      let started: Awaited<ReturnType<typeof beginOidcLogin>>;
      try {
        started = await beginOidcLogin(app.db, client, { returnTo, now: app.now() });
      } catch (error) {
        request.log.warn({ err: error, issuer: settings.issuerUrl }, 'single sign-on: the provider could not be discovered');
        return refuse(reply, 'provider');
      }
      reply.setCookie(stateCookie, started.state, { ...stateCookieOptions, maxAge: OIDC_LOGIN_MINUTES * 60 });
      return reply.redirect(started.url, 302);
    },
  });

  r.get('/auth/oidc/callback', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Sign in with your organisation: the provider’s answer',
      description:
        'Where the provider sends the browser back. The state must match the cookie and a sign-in started within ten minutes (each is used once). ' +
        'The ID token’s `email`, which the provider must say is verified, is matched to an active account without regard to case ' +
        '(or opens one, if an admin set up its domain). On success a new session starts (SameSite=Strict cookie) and the browser goes to `returnTo`; ' +
        'otherwise to `/sign-in?sso=<reason>`, one of cancelled, state, no_account, unverified_email, deactivated, other_identity, provider.',
      querystring: OidcCallbackQuery,
      response: { 302: Redirect, 400: ProblemResponse },
    },
    handler: async (request, reply) => {
      const browserState = request.cookies[stateCookie];
      reply.clearCookie(stateCookie, stateCookieOptions);
      // The registered redirect URI with the answer's query, however the request reached the server.
      const callbackUrl = new URL(client.redirectUri);
      callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
      const now = app.now();
      const result = await finishOidcLogin(app.db, client, { callbackUrl, browserState, now, ip: request.ip, requestId: request.id });
      if (!result.ok) {
        const cause = result.cause instanceof Error ? { err: result.cause } : { cause: result.cause };
        request.log[result.reason === 'provider' ? 'warn' : 'info']({ reason: result.reason, ...cause }, 'single sign-on refused');
        return refuse(reply, result.reason);
      }
      // Sign-in always starts a new session. The provider's navigation is cross-site, so the Strict cookie of a
      // session this browser had is not sent here; the new cookie replaces it, and that session idles out.
      const session = await writeTransaction(app.db, async (tx) => {
        if (request.session) await endSession(tx, request.session.idHash);
        return startSession(tx, options, result.userId, now, request, 'single_sign_on');
      });
      setSessionCookie(reply, options, session.id);
      return reply.redirect(safeReturnTo(result.returnTo) ?? '/', 302);
    },
  });
}
