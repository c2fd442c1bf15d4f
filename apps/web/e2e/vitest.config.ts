import { defineConfig } from 'vitest/config';

/** Browser journeys: real Chromium against the built app served by the real API. Run by `pnpm test:e2e`. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
