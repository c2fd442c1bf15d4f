import fp from 'fastify-plugin';
import swagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Access } from './auth';
import { ProblemResponse } from './problems';

/** The methods the auth plugin asks a matching X-CSRF-Token of (see onRequest in auth.ts). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Where a route's `config.access` travels from `transform` (which sees the route) to `transformObject` (which sees each operation). */
const ACCESS_KEY = 'x-lrt-access';

export type SecurityRequirement = Record<string, string[]>;

/**
 * Every tag a route may use, with what it covers. A route with a tag that is not here fails `pnpm lint:openapi`
 * (operation-tag-defined) and the OpenAPI test.
 */
export const OPENAPI_TAGS = [
  { name: 'Service', description: 'Whether the service is up and its database reachable: for load balancers and uptime checks.' },
  {
    name: 'Accounts',
    description:
      'Signing in and out, the signed-in user with their capabilities and CSRF token, and (for admins) users, their roles, agencies and subgroups, and ending their sessions.',
  },
  { name: 'Audit', description: 'Who changed what, when and from where: the audit trail, for admins and the independent chair.' },
  { name: 'Agencies', description: 'The partner agencies that own and share actions: police, health, social care, education and others.' },
  { name: 'Subgroups', description: "The partnership's subgroups, which oversee reviews and recommendations and assure completed actions." },
  { name: 'Themes', description: 'Themes that reviews and actions are tagged with, and the matrix of which themes recur across which reviews.' },
  {
    name: 'Reviews',
    description: 'Case reviews (rapid reviews, local child safeguarding practice reviews, learning events) with their key dates and timeliness against the statutory timescales.',
  },
  { name: 'Learning points', description: "A review's key learning points, in number order." },
  { name: 'Recommendations', description: "A review's recommendations, each overseen by a subgroup." },
  {
    name: 'Actions',
    description:
      'The action plan: single- and multi-agency actions with their owner, target date, measure of success and BRAG rating; adding several at once, requests for a new target date, and the CSV export.',
  },
  {
    name: 'Progress updates',
    description:
      "Dated progress notes with evidence (links and uploaded documents) that move an action's status, and sign-off: assuring a completed action or returning it for more information.",
  },
  {
    name: 'Chasing',
    description:
      'Who owes what; update requests sent to each agency’s leads, one message each with a personal reply link; replying through that link without an account; reminders, escalations, and the outbox every email goes through.',
  },
  {
    name: 'Imports',
    description:
      'A spreadsheet action plan (CSV or XLSX) brought into a review: columns and agencies matched by the names people use, a preview of every row as it will be saved, and an all-or-nothing commit that updates the actions an exported plan came from.',
  },
  {
    name: 'Reports',
    description:
      'The board assurance report for the partnership, a review, a subgroup or an agency, as at any past day (rebuilt from the history of every field), as JSON, an editable Word document or a printable page; and board snapshots, the plan frozen as at a board meeting, that a report compares with.',
  },
  { name: 'Dashboard', description: 'Counts for the overview: BRAG ratings, overdue, stale and due soon, by agency and by review, and the 24-month trend.' },
  { name: 'Settings', description: "The partnership's settings: its name, the update cadence, the due-soon window, the reply period for returns, the largest evidence document, what chase messages say, reply links' grace period, and when reminders and escalations go." },
];

export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'lrt_session',
    description:
      'The session cookie set by `POST /api/auth/login` (HttpOnly, SameSite=Strict). Served over https (or on localhost) it is ' +
      'named `__Host-lrt_session` and is Secure; over plain http it is `lrt_session`. A session ends after an idle ' +
      'period or a maximum age, on sign-out, or when an admin ends the user\'s sessions.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description:
      'The CSRF token of the session, from `POST /api/auth/login` or `GET /api/auth/me`. Required with the session cookie on ' +
      'every POST, PUT, PATCH and DELETE; without a matching one the answer is `403 auth.csrf`.',
  },
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A read-only API token for reporting tools such as Power BI or Excel Power Query, sent as `Authorization: Bearer <token>`. ' +
      'It can call only the GET routes a viewer may read, and nothing that changes data (`403 auth.token_read_only`). ' +
      'An unknown, revoked or expired token answers `401 auth.invalid_token`. A token limited to a subgroup or an agency reads the ' +
      'actions list, its CSV export and the dashboard narrowed to it, and the lists of agencies, subgroups and themes (`403 auth.token_scope` elsewhere). ' +
      'Administrators make tokens with `POST /api/tokens`.',
  },
} as const;

/**
 * The operationId of an operation that does not name its own: the method, then each path segment after `/api` in
 * PascalCase, a path parameter as `By<Name>`. `GET /api/actions/{id}/updates` → `getActionsByIdUpdates`. The
 * method and path of an operation are unique, and so is this.
 */
export function operationIdFor(method: string, path: string): string {
  const words = (text: string) =>
    text
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join('');
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'api') segments.shift();
  const name = segments.map((segment) => {
    const param = /^\{(.+)\}$/.exec(segment) ?? /^:(\w+)/.exec(segment);
    return param ? `By${words(param[1]!)}` : words(segment);
  });
  return method.toLowerCase() + (name.join('') || 'Root');
}

/**
 * Which credentials an operation takes, from its route's `config.access` (enforced in auth.ts): none for a public
 * route; the session cookie with its CSRF token for anything that changes data; the session cookie, or a
 * read-only bearer token, for reading what every signed-in person (a viewer) may read; the session cookie alone
 * for reading what needs more than that (the audit trail, users) or is about the session itself (`signed_in`).
 */
export function securityFor(access: Access | undefined, method: string): SecurityRequirement[] | undefined {
  if (access === undefined) return undefined;
  if (access === 'public') return [];
  if (STATE_CHANGING.has(method.toUpperCase())) return [{ sessionCookie: [], csrfToken: [] }];
  if (access === 'read') return [{ sessionCookie: [] }, { bearerToken: [] }];
  return [{ sessionCookie: [] }];
}

/** The refusals auth.ts answers with before the handler runs, for a route that does not document its own. */
function withAccessResponses(response: unknown, access: Access | undefined, methods: string[]) {
  if (access === undefined || access === 'public') return response;
  const documented = (response ?? {}) as Record<string, unknown>;
  const changes = methods.some((method) => STATE_CHANGING.has(method.toUpperCase()));
  // Every role may read, so only a capability beyond that, or a missing CSRF token, is refused with 403.
  const needsCapability = access !== 'signed_in' && access !== 'read';
  const refusals = [
    changes && 'the request did not carry the session\'s `X-CSRF-Token` (`auth.csrf`)',
    needsCapability && `your role does not allow it (\`auth.forbidden\`: it needs \`${access}\`)`,
  ].filter(Boolean);
  return {
    ...documented,
    ...(documented['401'] ? {} : { 401: { ...ProblemResponse, description: 'Not signed in, or the session has ended (`auth.unauthenticated`).' } }),
    ...(documented['403'] || refusals.length === 0 ? {} : { 403: { ...ProblemResponse, description: `Refused: ${refusals.join(', or ')}.` } }),
  };
}

const transform: SwaggerTransform = (input) => {
  const { schema, route } = input;
  if (!schema || (schema as { hide?: boolean }).hide) return jsonSchemaTransform(input);
  const access = route.config?.access;
  const methods = ([] as string[]).concat(route.method);
  const withAccess: FastifySchema & Record<string, unknown> = {
    ...schema,
    response: withAccessResponses(schema.response, access, methods),
    ...(access ? { [ACCESS_KEY]: access } : {}),
  };
  return jsonSchemaTransform({ ...input, schema: withAccess });
};

type Operation = { operationId?: string; security?: SecurityRequirement[]; [ACCESS_KEY]?: Access };

/** Names every operation and says which credentials it takes, once the paths are built. */
const transformObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as { paths?: Record<string, Partial<Record<string, Operation>>> };
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const access = operation[ACCESS_KEY];
      delete operation[ACCESS_KEY];
      operation.operationId ??= operationIdFor(method, path);
      const security = operation.security ?? securityFor(access, method);
      if (security) operation.security = security;
      const where = `${method.toUpperCase()} ${path}`;
      const clash = seen.get(operation.operationId);
      if (clash) throw new Error(`OpenAPI operationId ${operation.operationId} is used by both ${clash} and ${where}: give one its own schema.operationId`);
      seen.set(operation.operationId, where);
    }
  }
  return document;
};

/** The OpenAPI 3.1 document is generated from the same zod contracts the SPA imports. */
export const openApiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Learning Review Tracker API',
        version: '0.1.0',
        description:
          'Reviews, learning points, recommendations, actions and their progress updates for a children\'s safeguarding partnership. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code` and, for validation, field `errors`. ' +
          'Lists are keyset-paginated: pass `nextCursor` back as `cursor`. Every PATCH carries the `version` it was based on. ' +
          'Each operation lists the credentials it takes: a browser session (cookie, plus `X-CSRF-Token` on anything that changes data), ' +
          'or for reading, a read-only bearer token.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the document is served by the API it describes, wherever that is deployed.
      servers: [{ url: '/', description: 'The server this document was fetched from' }],
      components: { securitySchemes: SECURITY_SCHEMES },
      tags: OPENAPI_TAGS,
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // swagger-ui's own policy, made as strict as ours where it allows: no framing, nothing fetched from elsewhere.
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(/ upgrade-insecure-requests;?/, '')
        .replace(' validator.swagger.io', '')
        .replace(/ https:/g, '')
        // Swagger UI sets a few style attributes; inline styles (never scripts) are allowed on this page only.
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
});
