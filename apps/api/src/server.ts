import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { isDatabaseEmpty, seedDemo } from '@lrt/db/seed';
import { buildApp } from './app';
import { readConfig } from './config';

/** Reads the configuration, opens and migrates the database, seeds the demo if asked, and listens. */
async function main() {
  const config = readConfig();
  const db = openDatabase(config.databasePath);
  migrateDatabase(db, config.migrationsDir);

  const app = await buildApp({
    db,
    logger: { level: config.logLevel },
    ...(config.webDistDir ? { webDistDir: config.webDistDir } : {}),
  });

  if (config.seedDemo && isDatabaseEmpty(db)) {
    const counts = seedDemo(db, { now: new Date() });
    app.log.info({ counts }, 'loaded the demo partnership into the empty database');
  }

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    closeDatabase(db);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
