import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Settings, SettingsPatch } from '@lrt/contracts';
import { ProblemResponse } from '../../plugins/problems';
import { actorOf } from '../../plugins/auth';
import { getSettings, patchSettings } from './settings.service';

export async function settingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/settings', {
    config: { access: 'read' },
    schema: { tags: ['Settings'], summary: "The partnership's settings", response: { 200: Settings } },
    handler: async () => getSettings(app.db),
  });
  r.patch('/settings', {
    config: { access: 'manageSettings' },
    schema: {
      tags: ['Settings'],
      summary: "Change the partnership's settings",
      body: SettingsPatch,
      response: { 200: Settings, 400: ProblemResponse, 409: ProblemResponse },
    },
    handler: async (request) => patchSettings(app.db, request.body, app.now(), actorOf(request)),
  });
}
