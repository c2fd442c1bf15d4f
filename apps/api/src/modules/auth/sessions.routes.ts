import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { EndOtherSessions, OwnSessions } from '@lrt/contracts';
import { sessions, writeTransaction } from '@lrt/db';
import { recordAudit } from '../../lib/audit';
import { actorOf, requirePrincipal } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { confirmPassword } from './password.service';
import type { SignInGuard } from './sign-in-throttle';

/** A stable handle for a session in the user's own list, derived from (never revealing) its stored hash. */
const refOf = (idHash: string) => createHash('sha256').update(`ref:${idHash}`).digest('base64url').slice(0, 16);

/**
 * The signed-in user's own sessions: where they are signed in, and a way to end every other one, having given
 * their password again (so a stolen session cannot throw the owner out).
 */
export async function ownSessionRoutes(app: FastifyInstance, options: { signInGuard: SignInGuard }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/auth/sessions', {
    config: { access: 'signed_in' },
    schema: {
      tags: ['Accounts'],
      summary: 'Your sessions: where and when you are signed in',
      response: { 200: OwnSessions, 401: ProblemResponse, 403: ProblemResponse },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      const now = app.now().toISOString();
      const rows = await app.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, principal.id), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.lastSeenAt));
      return {
        items: rows.map((row) => ({
          ref: refOf(row.idHash),
          current: row.idHash === request.session!.idHash,
          createdAt: row.createdAt,
          lastSeenAt: row.lastSeenAt,
          expiresAt: row.expiresAt,
          ip: row.ip,
          userAgent: row.userAgent || null,
        })),
      };
    },
  });

  r.post('/auth/sessions/end-others', {
    config: { access: 'signed_in' },
    schema: {
      tags: ['Accounts'],
      summary: 'Sign out everywhere else',
      description: 'Needs your password again (a wrong one counts as a failed sign-in). Ends every session of yours but this one.',
      body: EndOtherSessions,
      response: {
        200: z.object({ sessionsEnded: z.number().int() }),
        400: ProblemResponse,
        401: ProblemResponse,
        403: ProblemResponse,
        422: ProblemResponse,
        429: ProblemResponse,
        503: ProblemResponse,
      },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await confirmPassword(app.db, options.signInGuard, { userId: principal.id, password: request.body.currentPassword, ip: request.ip });
      const now = app.now();
      const ended = await writeTransaction(app.db, async (tx) => {
        const changes = (
          await tx
            .delete(sessions)
            .where(and(eq(sessions.userId, principal.id), ne(sessions.idHash, request.session!.idHash)))
            .returning({ idHash: sessions.idHash })
        ).length;
        await recordAudit(tx, actorOf(request), { entity: 'user', entityId: principal.id, operation: 'sessions_revoked', after: { sessionsEnded: changes, by: 'themselves' }, at: now });
        return changes;
      });
      return { sessionsEnded: ended };
    },
  });
}
