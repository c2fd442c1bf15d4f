import { checkpointWhenIdle, closeDatabase, migrateDatabase, openDatabase, refreshPlannerStatistics, requireWriteTransactions } from '@lrt/db';
import { isDatabaseEmpty, seedDemo } from '@lrt/db/seed';
import { buildApp } from './app';
import { readConfig } from './config';
import { createDemoAccounts, randomDemoPassword } from './modules/users/demo-accounts';

/** Reads the configuration, opens and migrates the database, seeds the demo if asked, and listens. */
async function main() {
  const config = readConfig();
  const db = openDatabase(config.databasePath);
  await migrateDatabase(db, config.migrationsDir);
  // From here on every write runs in a write transaction: one that did not could land in another request's.
  requireWriteTransactions(db);
  refreshPlannerStatistics(db);
  // Long reads (exports, reports) can let the WAL grow: empty it whenever a minute passes with no write.
  const stopCheckpoints = checkpointWhenIdle(db);

  const app = await buildApp({
    db,
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

  if (config.seedDemo && (await isDatabaseEmpty(db))) {
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
