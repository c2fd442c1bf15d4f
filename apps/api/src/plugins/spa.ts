import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './error-handler';

/**
 * Serves the built SPA. Unknown paths under /api are 404 problems, and so are unknown files under /assets (a
 * page open from before a new release asks for bundles that are gone: it must hear 404, not get index.html as
 * JavaScript); every other unknown path is a client-side route, answered with index.html so links and reloads
 * work.
 */
export const spaPlugin = fp<{ webDistDir: string | undefined }>(async (app, options) => {
  const root = options.webDistDir;
  const hasSpa = root !== undefined && existsSync(join(root, 'index.html'));
  if (hasSpa) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      // The SPA's build writes Brotli and gzip copies beside each file: sent to browsers that accept them.
      preCompressed: true,
      // Hashed bundles never change; the page that names them must be checked every time.
      setHeaders: (res, filePath) => {
        res.setHeader('vary', 'accept-encoding');
        res.setHeader('cache-control', filePath.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const notARoute = path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/');
    if (notARoute || !hasSpa || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendProblem(reply, {
        title: 'Not found',
        status: 404,
        detail: `Nothing answers ${request.method} ${path}.`,
        code: 'route.not_found',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
