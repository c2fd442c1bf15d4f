import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { first, rawRow, sessions, userAgencies, userRoles, userSubgroups, users, writeTransaction, type Db, type RawSql, type Tx } from '@lrt/db';
import type { Role } from '@lrt/contracts';
import { hasCapability, type Capability, type Principal } from '@lrt/domain';
import type { Actor } from '../lib/audit';
import { sendProblem } from './error-handler';
import type { SignInMethod } from '../modules/auth/mfa.service';
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

export async function loadPrincipal(
  db: Db | Tx,
  userId: number,
): Promise<(Principal & { email: string; active: boolean; mustChangePassword: boolean }) | null> {
  const user = await first(
    db
      .select({ id: users.id, name: users.name, email: users.email, active: users.active, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(eq(users.id, userId)),
  );
  if (!user) return null;
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  const agencyIds = await db.select({ id: userAgencies.agencyId }).from(userAgencies).where(eq(userAgencies.userId, userId));
  const subgroupIds = await db.select({ id: userSubgroups.subgroupId }).from(userSubgroups).where(eq(userSubgroups.userId, userId));
  return {
    ...user,
    roles: roles.map((r) => r.role as Role),
    agencyIds: agencyIds.map((r) => r.id),
    subgroupIds: subgroupIds.map((r) => r.id),
  };
}

/**
 * A live session with its user, roles, agencies and subgroups and whether the partnership requires a second factor
 * they have not set up: one prepared statement, as every request with a cookie asks it (the same facts as
 * `loadPrincipal` and `mustSetUpSecondFactor`, which the sign-in routes use).
 */
const SESSION_SQL: RawSql = {
  sqlite: `
select s.csrf_token as csrfToken, s.sign_in_method as signInMethod, s.last_seen_at as lastSeenAt,
  u.id, u.name, u.email, u.active, u.must_change_password as mustChangePassword, u.totp_secret is not null as hasSecondFactor,
  (select json_group_array(role) from user_roles where user_id = u.id) as roles,
  (select json_group_array(agency_id) from (select agency_id from user_agencies where user_id = u.id order by agency_id)) as agencyIds,
  (select json_group_array(subgroup_id) from (select subgroup_id from user_subgroups where user_id = u.id order by subgroup_id)) as subgroupIds,
  (select require_mfa_roles from settings where id = 1) as requiredRoles
from sessions s join users u on u.id = s.user_id
where s.id_hash = ? and s.expires_at > ?`,
  postgres: `
select s.csrf_token as "csrfToken", s.sign_in_method as "signInMethod", s.last_seen_at as "lastSeenAt",
  u.id, u.name, u.email, u.active::int as active, u.must_change_password::int as "mustChangePassword",
  (u.totp_secret is not null)::int as "hasSecondFactor",
  coalesce((select json_agg(role)::text from user_roles where user_id = u.id), '[]') as roles,
  coalesce((select json_agg(agency_id order by agency_id)::text from user_agencies where user_id = u.id), '[]') as "agencyIds",
  coalesce((select json_agg(subgroup_id order by subgroup_id)::text from user_subgroups where user_id = u.id), '[]') as "subgroupIds",
  (select require_mfa_roles from settings where id = 1) as "requiredRoles"
from sessions s join users u on u.id = s.user_id
where s.id_hash = ? and s.expires_at > ?`,
};

interface SessionRow {
  csrfToken: string;
  signInMethod: SignInMethod;
  lastSeenAt: string;
  id: number;
  name: string;
  email: string;
  active: number;
  mustChangePassword: number;
  hasSecondFactor: number;
  roles: string;
  agencyIds: string;
  subgroupIds: string;
  requiredRoles: string;
}

async function sessionOf(db: Db, idHash: string, now: string) {
  // On SQLite, compiled once and kept by the connection's statement cache.
  const row = await rawRow<SessionRow>(db, SESSION_SQL, [idHash, now]);
  if (!row) return null;
  const roles = JSON.parse(row.roles) as Role[];
  const required = JSON.parse(row.requiredRoles ?? '[]') as Role[];
  return {
    csrfToken: row.csrfToken,
    signInMethod: row.signInMethod,
    lastSeenAt: row.lastSeenAt,
    mustSetUpSecondFactor: row.signInMethod === 'password' && roles.length > 0 && !row.hasSecondFactor && roles.some((r) => required.includes(r)),
    principal: {
      id: row.id,
      name: row.name,
      email: row.email,
      active: row.active === 1,
      mustChangePassword: row.mustChangePassword === 1,
      roles,
      agencyIds: JSON.parse(row.agencyIds) as number[],
      subgroupIds: JSON.parse(row.subgroupIds) as number[],
    },
  };
}

/**
 * Starts a session: a new unguessable id (256 bits) every sign-in, so an id planted before sign-in is worthless.
 * It remembers how it began: a session begun with single sign-on is not held to the tracker's own password and
 * second-factor requirements (the organisation's sign-in stands for them). It writes: call it inside a write transaction.
 */
export async function startSession(
  tx: Tx,
  options: SessionOptions,
  userId: number,
  now: Date,
  request: FastifyRequest,
  signInMethod: SignInMethod = 'password',
) {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await tx.insert(sessions).values({
    idHash: hashId(id),
    userId,
    csrfToken,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + options.absoluteHours * 3_600_000).toISOString(),
    ip: request.ip,
    userAgent: (request.headers['user-agent'] ?? '').slice(0, 300),
    signInMethod,
  });
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

/** Ends one session. It writes: call it inside a write transaction. */
export async function endSession(tx: Tx, idHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user and says how many there were. It writes: call it inside a write transaction. */
export async function endAllSessions(tx: Tx, userId: number): Promise<number> {
  return (await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash })).length;
}

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
      const found = await sessionOf(app.db, idHash, now.toISOString());
      const idleSince = new Date(now.getTime() - options.idleMinutes * 60_000).toISOString();
      const principal = found && found.lastSeenAt > idleSince ? found.principal : null;
      if (found && principal?.active) {
        request.principal = principal;
        request.session = { idHash, csrfToken: found.csrfToken, signInMethod: found.signInMethod };
        if (found.signInMethod === 'password' && principal.mustChangePassword) request.restriction = 'password_change_required';
        else if (found.mustSetUpSecondFactor) request.restriction = 'second_factor_enrolment_required';
        if (now.getTime() - Date.parse(found.lastSeenAt) > TOUCH_EVERY_MS) {
          await writeTransaction(app.db, async (tx) => {
            await tx.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash));
          });
        }
      } else {
        if (found) await writeTransaction(app.db, (tx) => endSession(tx, idHash));
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
