import fp from 'fastify-plugin';
import type { Db } from '@lrt/db';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one database handle of this process. */
    db: Db;
    /** The current instant. Tests pass a fixed clock so overdue and stale are deterministic. */
    now: () => Date;
  }
}

export const databasePlugin = fp<{ db: Db; now: () => Date }>(async (app, options) => {
  app.decorate('db', options.db);
  app.decorate('now', options.now);
});
