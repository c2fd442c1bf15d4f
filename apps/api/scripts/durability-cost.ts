/**
 * What `synchronous = FULL` costs: posts progress updates through the real app on a file database, once with
 * `synchronous = NORMAL` and once with FULL, and prints the median and 95th percentile of each.
 * Run: `npx tsx apps/api/scripts/durability-cost.ts [--updates n] [--dir folder]`: the folder is on the disk to
 * measure (the system's temporary folder by default, which must not be a RAM disk for the figures to mean anything).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { seedDemo } from '@lrt/db/seed';
import { buildApp } from '../src/app';
import { createDemoAccounts } from '../src/modules/users/demo-accounts';

const { values: args } = parseArgs({ options: { updates: { type: 'string', default: '300' }, dir: { type: 'string', default: tmpdir() } } });
const UPDATES = Number(args.updates);
const PASSWORD = 'durability cost passphrase';

async function measure(level: 'NORMAL' | 'FULL') {
  const dir = mkdtempSync(join(args.dir, 'lrt-durability-'));
  const db = openDatabase(join(dir, 'tracker.db'));
  try {
    await migrateDatabase(db);
    db.$client.pragma(`synchronous = ${level}`);
    const now = new Date();
    await seedDemo(db, { now });
    await createDemoAccounts(db, PASSWORD, now, 10);
    const app = await buildApp({ db, webDistDir: '/nonexistent', scryptCost: 10 });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@demo.example', password: PASSWORD } });
    const cookie = login.headers['set-cookie'];
    const headers = { cookie: (Array.isArray(cookie) ? cookie : [cookie ?? '']).map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': login.json().csrfToken };
    const open = db.$client.prepare("select id from actions where status in ('not_started', 'in_progress') order by id").all() as { id: number }[];
    const times: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const action = open[i % open.length]!;
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/actions/${action.id}/updates`,
        headers,
        payload: { note: `Progress note ${i}`, confidence: 'on_track' },
      });
      times.push(performance.now() - started);
      if (response.statusCode !== 201) throw new Error(`update ${i}: ${response.statusCode} ${response.body}`);
    }
    await app.close();
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return { level, median: at(0.5), p95: at(0.95), perSecond: UPDATES / (times.reduce((a, b) => a + b, 0) / 1000) };
  } finally {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const level of ['NORMAL', 'FULL', 'NORMAL', 'FULL'] as const) results.push(await measure(level));
console.log(`Posting a progress update (${UPDATES} each, through the app, on a file database):`);
for (const r of results) {
  console.log(`  synchronous = ${r.level.padEnd(6)} median ${r.median.toFixed(2)} ms, 95th percentile ${r.p95.toFixed(2)} ms, ${r.perSecond.toFixed(0)} updates a second`);
}
