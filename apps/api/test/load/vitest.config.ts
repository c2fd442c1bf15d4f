import { defineConfig } from 'vitest/config';

/** `pnpm test:load`: concurrent clients against the real server (LOAD_CLIENTS, LOAD_SECONDS). Not part of `pnpm test`. */
export default defineConfig({
  test: {
    name: 'load',
    root: new URL('.', import.meta.url).pathname,
    include: ['load.test.ts'],
    environment: 'node',
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
