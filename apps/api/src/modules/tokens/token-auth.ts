import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../../plugins/auth';
import { sendProblem } from '../../plugins/error-handler';
import { applyTokenScope } from './token-scope';
import { findUsableToken, recordTokenUse, scopeName, tokenPrincipal, type TokenHolder } from './tokens.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request was made with (`Authorization: Bearer`), if it was. */
    apiToken: TokenHolder | null;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const REALM = 'Bearer realm="Learning Review Tracker"';

/** `Bearer <token>`, the scheme in any case (RFC 7235); anything else presents no token. */
function presentedToken(header: string): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * Authenticates a request that carries `Authorization` (called by the auth plugin's onRequest hook, in place of the
 * session: when a request carries both, the bearer token decides and the session cookie is not read, so the
 * request has only the token's read-only rights). A token reads what a viewer reads, within its scope; it never
 * writes, so it needs no CSRF token (no cookie is involved, and a browser cannot send the header cross-site
 * without CORS, which the tracker does not allow). A refused request changes nothing, its last use included.
 */
export async function authenticateBearer(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, access: Access) {
  const now = app.now();
  const presented = presentedToken(request.headers.authorization ?? '');
  const token = presented ? await findUsableToken(app.db, presented, now) : null;
  if (!token) {
    reply.header('www-authenticate', `${REALM}, error="invalid_token", error_description="The token is unknown, revoked or expired"`);
    return sendProblem(reply, {
      title: 'Not a usable token',
      status: 401,
      detail: 'This API token is not one the tracker knows, or it has been revoked or is past its last day. Ask an administrator for a new one.',
      code: 'auth.invalid_token',
    });
  }
  request.principal = tokenPrincipal(token);
  request.apiToken = token;
  if (!READ_METHODS.has(request.method)) {
    return sendProblem(reply, {
      title: 'Read only',
      status: 403,
      detail: 'An API token can only read (GET). Sign in to the tracker to make changes.',
      code: 'auth.token_read_only',
    });
  }
  if (access !== 'read') {
    return sendProblem(reply, {
      title: 'Not allowed',
      status: 403,
      detail: 'An API token reads the plans as a viewer does; it cannot use this part of the API.',
      code: 'auth.forbidden',
    });
  }
  const route = { method: request.method, url: request.routeOptions.url ?? request.url };
  const scope = applyTokenScope(token, route, request.query as Record<string, unknown>);
  if (!scope.allowed) {
    const limitedTo = await scopeName(app.db, token);
    return sendProblem(reply, {
      title: 'Outside this token’s scope',
      status: 403,
      detail:
        scope.reason === 'filter'
          ? `This token is limited to ${limitedTo}: leave ${scope.field} out, or give that one.`
          : `This token is limited to ${limitedTo}. It reads the actions list, the actions export and the dashboard (narrowed to it), and the lists of agencies, subgroups and themes.`,
      code: 'auth.token_scope',
      ...(scope.field ? { errors: [{ path: scope.field, message: `this token is limited to ${limitedTo}` }] } : {}),
    });
  }
  await recordTokenUse(app.db, token, now, { id: null, name: request.principal.name, requestId: request.id, ip: request.ip }, `${route.method} ${route.url}`);
}
