import {
  checkpointWhenIdle,
  closeDatabase,
  connectDatabase,
  DatabaseUnavailableError,
  dialectOf,
  exclusively,
  migrateDatabase,
  refreshPlannerStatistics,
  requireWriteTransactions,
  SEED_LOCK,
  type Db,
} from '@lrt/db';
import { isDatabaseEmpty, seedDemo } from '@lrt/db/seed';
import { buildApp } from './app';
import { readConfig, type Config } from './config';
import { createDemoAccounts, randomDemoPassword } from './modules/users/demo-accounts';

/**
 * Opens the database the configuration names. A PostgreSQL server that cannot be reached, or refuses the
 * credentials, stops start-up with a message naming DATABASE_URL (its password masked).
 */
async function openConfiguredDatabase(config: Config): Promise<Db> {
  try {
    return await connectDatabase(config.database);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      console.error(`Invalid configuration:\n  DATABASE_URL: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/** Reads the configuration, opens and migrates the database, seeds the demo if asked, and listens. */
async function main() {
  const config = readConfig();
  const db = await openConfiguredDatabase(config);
  await migrateDatabase(db, config.migrationsDir);
  let stopCheckpoints = () => {};
  if (dialectOf(db) === 'sqlite') {
    // From here on every write runs in a write transaction: one that did not could land in another request's.
    requireWriteTransactions(db);
    refreshPlannerStatistics(db);
    // Long reads (exports, reports) can let the WAL grow: empty it whenever a minute passes with no write.
    stopCheckpoints = checkpointWhenIdle(db);
  }

  const app = await buildApp({
    db,
    migrationsDir: config.migrationsDir,
    logger: { level: config.logLevel },
    validateResponses: config.validateResponses,
    publicUrl: config.publicUrl,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    trustProxy: config.trustProxy,
    evidenceDir: config.evidenceDir,
    oidc: config.oidc,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom, perMinute: config.mailPerMinute },
    scheduler: { intervalMs: 5_000 },
    ...(config.webDistDir ? { webDistDir: config.webDistDir } : {}),
  });

  if (config.seedDemo) {
    // Several instances may start together on one PostgreSQL database: the first loads the demo, the others find it.
    await exclusively(db, SEED_LOCK, async () => {
      if (!(await isDatabaseEmpty(db))) return;
      const now = new Date();
      const counts = await seedDemo(db, { now });
      const password = config.demoPassword ?? randomDemoPassword();
      const accounts = await createDemoAccounts(db, password, now);
      app.log.info({ counts }, 'loaded the demo partnership into the empty database');
      // Shown once, on the console only: it is not kept anywhere but in the hashes.
      const lines = accounts.map((a) => `  ${a.email.padEnd(24)} ${a.roles.join(', ')}`);
      process.stdout.write(
        `\nDemo accounts (password ${config.demoPassword ? 'from DEMO_PASSWORD' : `"${password}"`}):\n${lines.join('\n')}\n\n`,
      );
    });
  }

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    stopCheckpoints();
    await closeDatabase(db);
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
