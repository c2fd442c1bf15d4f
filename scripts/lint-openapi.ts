/**
 * Lints the API's OpenAPI document with Redocly CLI (redocly.yaml: the recommended rules, warnings as errors).
 * Run with `pnpm lint:openapi`; part of `pnpm test:all`. Needs no network: the app is built in-process on a fresh
 * in-memory database, its document is fetched through `app.inject`, written to a temporary folder and linted
 * there. Exits non-zero on any error or warning; a failing document is kept and its path printed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase } from '../packages/db/src/index';
import { createTestDatabase } from '../packages/db/src/testing';
import { buildApp } from '../apps/api/src/app';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Findings accepted on purpose, each with why. Keep this short: fix the document instead wherever it is wrong.
 * They reach Redocly as its own ignore file, so its report counts them as "explicitly ignored".
 */
const ACCEPTED: { rule: string; pointer: string; why: string }[] = [
  {
    rule: 'operation-4xx-response',
    pointer: '#/paths/~1api~1health/get/responses',
    why: 'The health check takes no input and no credentials: it answers 200 or 503, never a 4xx.',
  },
  {
    rule: 'operation-4xx-response',
    pointer: '#/paths/~1api~1health~1database/get/responses',
    why: 'Which database the tracker runs on takes no input and no credentials: it answers 200 or 503, never a 4xx.',
  },
  {
    rule: 'operation-4xx-response',
    pointer: '#/paths/~1api~1auth~1oidc~1status/get/responses',
    why: 'Whether single sign-on is offered takes no input and no credentials: it always answers 200.',
  },
  ...['start', 'callback'].map((step) => ({
    rule: 'operation-2xx-response',
    pointer: `#/paths/~1api~1auth~1oidc~1${step}/get/responses`,
    why: 'Both ends of single sign-on are browser navigations, answered with a redirect (302) whatever happens: to the provider, into the tracker, or back to sign-in with a reason.',
  })),
];

const db = await createTestDatabase();
// With a provider for single sign-on, so its routes are in the document too (it is discovered only at a sign-in).
const app = await buildApp({ db, webDistDir: join(root, 'nonexistent'), oidc: { issuerUrl: 'https://id.example.invalid', clientId: 'openapi-lint' } });
const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
await app.close();
await closeDatabase(db);
if (response.statusCode !== 200) {
  console.error(`GET /api/openapi.json answered ${response.statusCode}:\n${response.body}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'lrt-openapi-'));
const documentPath = join(dir, 'openapi.json');
// Pretty-printed, so the line numbers in Redocly's report lead somewhere.
writeFileSync(documentPath, `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`);
// Redocly reads its ignore file beside its config, so both go beside the document.
copyFileSync(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
const ignore: Record<string, string[]> = {};
for (const { rule, pointer } of ACCEPTED) (ignore[rule] ??= []).push(pointer);
writeFileSync(join(dir, '.redocly.lint-ignore.yaml'), `${JSON.stringify({ 'openapi.json': ignore }, null, 2)}\n`);

const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const lint = spawnSync(
  process.execPath,
  [redocly, 'lint', 'openapi.json', '--config=redocly.yaml', '--format=stylish', '--max-problems=1000', '--lint-config=error'],
  {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);

if (lint.status === 0) {
  for (const { rule, pointer, why } of ACCEPTED) console.log(`Accepted: ${rule} at ${pointer}: ${why}`);
  console.log('The OpenAPI document passes Redocly: no errors, no warnings.');
  rmSync(dir, { recursive: true, force: true });
} else {
  console.error(`\nThe OpenAPI document fails Redocly (see above); it is kept at ${documentPath}.`);
  process.exit(lint.status ?? 1);
}
