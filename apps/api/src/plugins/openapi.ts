import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
          'Lists are keyset-paginated: pass `nextCursor` back as `cursor`. Every PATCH carries the `version` it was based on.',
      },
      tags: [
        { name: 'Service' },
        { name: 'Accounts' },
        { name: 'Audit' },
        { name: 'Agencies' },
        { name: 'Subgroups' },
        { name: 'Themes' },
        { name: 'Reviews' },
        { name: 'Learning points' },
        { name: 'Recommendations' },
        { name: 'Actions' },
        { name: 'Progress updates' },
        { name: 'Dashboard' },
        { name: 'Settings' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
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
