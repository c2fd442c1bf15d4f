/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // GOV.UK Frontend warns about its own deprecations; they are not ours to fix.
        quietDeps: true,
        // `@use "govuk/..."` resolves to GOV.UK Frontend's Sass sources; `@use "@ministryofjustice/frontend/moj/..."`
        // to MoJ Frontend's, which load GOV.UK Frontend as `node_modules/govuk-frontend/dist/govuk/...` from here.
        loadPaths: [
          fileURLToPath(new URL('./node_modules/govuk-frontend/dist', import.meta.url)),
          fileURLToPath(new URL('./node_modules', import.meta.url)),
          fileURLToPath(new URL('.', import.meta.url)),
        ],
      },
    },
  },
  // In development the API runs beside Vite (port 3000 by default); in production it serves this build.
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Read by scripts/check-bundle-budget.mjs to measure what the first page loads.
    manifest: true,
  },
  test: {
    name: 'web',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // Tests that type a whole form with user-event take several seconds in jsdom.
    testTimeout: 20_000,
  },
});
