import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Strict headers on every response: a CSP with no inline script anywhere, no framing, no sniffing, no referrer
 * beyond our origin, and HSTS when served over https. The API docs page brings its own CSP with hashes of its
 * few inline scripts (swagger-ui's staticCSP), so it works without loosening ours.
 */
export const securityHeadersPlugin = fp<{ https: boolean }>(async (app, options) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
  });
});
