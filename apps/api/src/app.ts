import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '@lrt/db';
import { databasePlugin } from './plugins/database';
import { errorHandlerPlugin } from './plugins/error-handler';
import { openApiPlugin } from './plugins/openapi';
import { spaPlugin } from './plugins/spa';
import { agencyRoutes } from './modules/agencies/agencies.routes';
import { subgroupRoutes } from './modules/subgroups/subgroups.routes';
import { themeRoutes } from './modules/themes/themes.routes';
import { reviewRoutes } from './modules/reviews/reviews.routes';
import { learningPointRoutes } from './modules/learning-points/learning-points.routes';
import { recommendationRoutes } from './modules/recommendations/recommendations.routes';
import { actionRoutes } from './modules/actions/actions.routes';
import { progressUpdateRoutes } from './modules/progress-updates/progress-updates.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { healthRoutes } from './modules/health/health.routes';

export interface AppOptions {
  db: Db;
  /** The current instant; tests fix it. */
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** The built SPA; defaults to apps/web/dist beside this app. */
  webDistDir?: string;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The whole application as a Fastify instance: used by server.ts and by every test (through app.inject). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(databasePlugin, { db: options.db, now: options.now ?? (() => new Date()) });
  await app.register(errorHandlerPlugin);
  await app.register(openApiPlugin);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(agencyRoutes);
      await api.register(subgroupRoutes);
      await api.register(themeRoutes);
      await api.register(reviewRoutes);
      await api.register(learningPointRoutes);
      await api.register(recommendationRoutes);
      await api.register(actionRoutes);
      await api.register(progressUpdateRoutes);
      await api.register(dashboardRoutes);
      await api.register(settingsRoutes);
    },
    { prefix: '/api' },
  );

  await app.register(spaPlugin, { webDistDir: options.webDistDir ?? DEFAULT_WEB_DIST });
  return app;
}
