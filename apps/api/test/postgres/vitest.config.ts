import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:postgres:restart`: two real server processes on one PostgreSQL database, written to while the
 * database server restarts. Needs a PostgreSQL server it may restart (scripts/with-postgres.sh gives one).
 */
export default defineConfig({
  test: {
    name: 'postgres-restart',
    root: new URL('.', import.meta.url).pathname,
    include: ['restart.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
