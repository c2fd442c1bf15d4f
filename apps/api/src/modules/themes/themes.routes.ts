import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PlanCache } from '../../lib/plan-cache';
import { Theme, ThemeCreate, ThemeListQuery, ThemeMatrix, ThemeMatrixQuery, ThemePage, ThemePatch, THEME_MATRIX_PAGE } from '@lrt/contracts';
import { planClock } from '../settings/settings.service';
import { getThemeMatrix } from './theme-matrix.service';
import { themes } from '@lrt/db';
import { catalogueService, registerCatalogueRoutes } from '../../lib/catalogue';
import { ProblemResponse } from '../../plugins/problems';

export const themeService = catalogueService<typeof themes.$inferSelect, Theme>({
  table: themes,
  resource: 'theme',
  searchColumns: [themes.name, themes.description],
  toDto: (row) => ({ id: row.id, name: row.name, description: row.description, version: row.version }),
});

export async function themeRoutes(app: FastifyInstance) {
  const answers = new PlanCache(app.db);
  // Registered before the catalogue's /themes/:id so the static path wins clearly in the docs too.
  app.withTypeProvider<ZodTypeProvider>().get('/themes/matrix', {
    config: { access: 'read' },
    schema: {
      tags: ['Themes'],
      summary: 'Which themes recur across which reviews, a page of reviews at a time',
      description:
        'A review counts for a theme when it is tagged with it or any of its actions is. `recurs`: found in two or more reviews. ' +
        'The reviews (and their cells) come a page at a time, newest first by the date the review was notified (else started, else added), then id: ' +
        `\`limit\` of them (${THEME_MATRIX_PAGE.default} unless asked, at most ${THEME_MATRIX_PAGE.max}); \`nextCursor\` gives the older reviews and \`previousCursor\` the newer. ` +
        '`from` and `to` narrow the reviews to those dated within them, `subgroupId` to those a subgroup oversees, and `themeId` to one theme and the reviews it is found in. ' +
        '`reviewCount` and each theme\'s totals in `byTheme` count every review in scope, whichever page is shown.',
      querystring: ThemeMatrixQuery,
      response: { 200: ThemeMatrix, 400: ProblemResponse, 401: ProblemResponse },
    },
    handler: async (request, reply) => {
      const clock = await planClock(app.db, app.now(), request.principal);
      const { subgroupId, themeId, from, to, limit, cursor } = request.query;
      const body = await answers.get(JSON.stringify([subgroupId, themeId, from, to, limit, cursor]), clock, () => getThemeMatrix(app.db, request.query, clock));
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  });
  registerCatalogueRoutes(app, {
    path: '/themes',
    tag: 'Themes',
    noun: 'theme',
    service: themeService,
    schemas: { item: Theme, page: ThemePage, listQuery: ThemeListQuery, create: ThemeCreate, patch: ThemePatch },
  });
}
