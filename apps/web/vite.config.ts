/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Brotli and gzip copies of the built page, scripts and styles (`index-….js.br`, `.gz`), made once at build time
 * at the highest levels, so that the API can send them to browsers that accept them (`preCompressed` of
 * @fastify/static) without compressing on every request. The shell is about a third of its size gzipped.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'lrt-precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle: () => {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(?:js|css|html|svg|json)$/.test(file));
      for (const file of files) {
        const path = join(outDir, file);
        if (!statSync(path).isFile() || file.startsWith('.vite')) continue;
        const content = readFileSync(path);
        if (content.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
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
    rolldownOptions: {
      output: {
        // What every page shares (React, React Query, the API client, the contract's constants) in one chunk, not
        // five: with HTTP/1.1's six connections a browser would otherwise queue part of the first page's code.
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /node_modules[\\/](?:react|react-dom|scheduler|@tanstack[\\/][^\\/]+)[\\/]|src[\\/]lib[\\/](?:api-client|contract-constants)\.ts$|packages[\\/]contracts[\\/]src[\\/]constants\.ts$/,
            },
          ],
        },
      },
    },
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
