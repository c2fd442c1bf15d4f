import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, gt } from 'drizzle-orm';
import { sessions, userAgencies, userRoles, userSubgroups, users, type Db } from '@lrt/db';
import type { Role } from '@lrt/contracts';
import { hasCapability, type Capability, type Principal } from '@lrt/domain';
import type { Actor } from '../lib/audit';
import { sendProblem } from './error-handler';
import { mustSetUpSecondFactor, type SignInMethod } from '../modules/auth/mfa.service';
import { authenticateBearer } from '../modules/tokens/token-auth';

/**
 * Who may call a route. Every route under /api declares one in `config.access`; a route without one cannot be
 * registered (see onRoute below), so nothing is open by accident.
 */
export type Access = 'public' | 'signed_in' | Capability;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Open to a session that may do nothing else yet (its password must be changed first): reading who is
     * signed in, signing out, and putting the restriction right.
     */
    openToRestricted?: boolean;
    /** Open to a session that must set up two-factor sign-in before anything else: the routes that set it up. */
    openToEnrolment?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: { idHash: string; csrfToken: string; signInMethod: SignInMethod } | null;
    /** Why this session may only use routes marked `openToRestricted`, if it is restricted. */
    restriction: 'password_change_required' | 'second_factor_enrolment_required' | null;
  }
}

export interface SessionOptions {
  /** Whether the session cookie is `__Host-` and Secure (https, or localhost which browsers treat as secure). */
  secureCookie: boolean;
  idleMinutes: number;
  absoluteHours: number;
}

export const cookieName = (secure: boolean) => (secure ? '__Host-lrt_session' : 'lrt_session');
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
const TOUCH_EVERY_MS = 60_000;

export function loadPrincipal(db: Db, userId: number): (Principal & { email: string; active: boolean; mustChangePassword: boolean }) | null {
  const user = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  return {
    ...user,
    roles: db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role as Role),
    agencyIds: db.select({ id: userAgencies.agencyId }).from(userAgencies).where(eq(userAgencies.userId, userId)).all().map((r) => r.id),
    subgroupIds: db.select({ id: userSubgroups.subgroupId }).from(userSubgroups).where(eq(userSubgroups.userId, userId)).all().map((r) => r.id),
  };
}

/**
 * Starts a session: a new unguessable id (256 bits) every sign-in, so an id planted before sign-in is worthless.
 * It remembers how it began: a session begun with single sign-on is not held to the tracker's own password and
 * second-factor requirements (the organisation's sign-in stands for them).
 */
export function startSession(db: Db, options: SessionOptions, userId: number, now: Date, request: FastifyRequest, signInMethod: SignInMethod = 'password') {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  db.insert(sessions)
    .values({
      idHash: hashId(id),
      userId,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + options.absoluteHours * 3_600_000).toISOString(),
      ip: request.ip,
      userAgent: (request.headers['user-agent'] ?? '').slice(0, 300),
      signInMethod,
    })
    .run();
  return { id, csrfToken };
}

export function setSessionCookie(reply: FastifyReply, options: SessionOptions, id: string) {
  reply.setCookie(cookieName(options.secureCookie), id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secureCookie,
    maxAge: options.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionOptions) {
  reply.clearCookie(cookieName(options.secureCookie), { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookie });
}

export const endSession = (db: Db, idHash: string) => db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
export const endAllSessions = (db: Db, userId: number) => db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;

/** The actor the audit trail records for this request. */
export function actorOf(request: FastifyRequest): Actor {
  return { id: request.apiToken ? null : (request.principal?.id ?? null), name: request.principal?.name ?? 'Anonymous', requestId: request.id, ip: request.ip };
}

export const requirePrincipal = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new Error('requirePrincipal on a route that does not need a session');
  return request.principal;
};

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const authPlugin = fp<SessionOptions>(async (app, options) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('apiToken', null);
  app.decorateRequest('restriction', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.access && !route.url.startsWith('/api/docs')) {
      throw new Error(`${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    // A reporting tool's API token: read-only, no session. It decides alone, even beside a session cookie.
    if (access !== 'public' && request.headers.authorization !== undefined) return authenticateBearer(app, request, reply, access);
    const id = request.cookies[cookieName(options.secureCookie)];
    if (id) {
      const now = app.now();
      const idHash = hashId(id);
      const session = app.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now.toISOString())))
        .get();
      const idleSince = new Date(now.getTime() - options.idleMinutes * 60_000).toISOString();
      const principal = session && session.lastSeenAt > idleSince ? loadPrincipal(app.db, session.userId) : null;
      if (session && principal?.active) {
        request.principal = principal;
        request.session = { idHash, csrfToken: session.csrfToken, signInMethod: session.signInMethod };
        if (session.signInMethod === 'password' && principal.mustChangePassword) request.restriction = 'password_change_required';
        else if (mustSetUpSecondFactor(app.db, principal, session.signInMethod)) request.restriction = 'second_factor_enrolment_required';
        if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
          app.db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)).run();
        }
      } else {
        if (session) endSession(app.db, idHash);
        clearSessionCookie(reply, options);
      }
    }
    if (access === 'public') return;
    if (!request.principal) {
      return sendProblem(reply, { title: 'Sign in', status: 401, detail: 'Sign in to use the tracker.', code: 'auth.unauthenticated' });
    }
    // A browser session proves a request came from our own pages with the token only they were given.
    if (STATE_CHANGING.has(request.method)) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !safeEqual(token, request.session!.csrfToken)) {
        return sendProblem(reply, {
          title: 'Refused',
          status: 403,
          detail: 'This request did not carry the X-CSRF-Token of your session. Reload the page and try again.',
          code: 'auth.csrf',
        });
      }
    }
    if (request.restriction === 'password_change_required' && !request.routeOptions.config?.openToRestricted) {
      return sendProblem(reply, {
        title: 'Choose a new password',
        status: 403,
        detail: 'Your password was set by an administrator. Choose your own password before you do anything else.',
        code: 'auth.password_change_required',
      });
    }
    const config = request.routeOptions.config;
    if (request.restriction === 'second_factor_enrolment_required' && !config?.openToRestricted && !config?.openToEnrolment) {
      return sendProblem(reply, {
        title: 'Set up two-factor sign-in',
        status: 403,
        detail: 'Your partnership requires two-factor sign-in for your role. Set it up on your account page before you do anything else.',
        code: 'auth.mfa_enrolment_required',
      });
    }
    if (access !== 'signed_in' && !hasCapability(request.principal, access)) {
      return sendProblem(reply, { title: 'Not allowed', status: 403, detail: 'Your role does not allow this.', code: 'auth.forbidden' });
    }
  });
});
