import { defineConfig } from 'vitest/config';

/** `pnpm test:crash`: the server killed mid-write, again and again (CRASH_ROUNDS, 20 by default). Not part of `pnpm test`. */
export default defineConfig({
  test: {
    name: 'crash',
    root: new URL('.', import.meta.url).pathname,
    include: ['crash.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
