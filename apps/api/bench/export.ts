/**
 * The plan's exports over a large partnership: 100,000 actions (ACTIONS=n to change the size) downloaded over
 * HTTP as Excel and as CSV. Prints each download's time, size and the server's peak memory above its baseline;
 * then shows that a paused download pauses the export (memory stays flat) and that a cancelled one stops it.
 * Run with `tsx bench/export.ts`. Exits non-zero if a download holds more than MEMORY_BUDGET_MB above the baseline.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { buildApp, cookieNameFor } from '../src/app';

const ACTIONS = Number(process.env.ACTIONS ?? 100_000);
const MEMORY_BUDGET_MB = Number(process.env.MEMORY_BUDGET_MB ?? 150);
const dir = mkdtempSync(join(tmpdir(), 'lrt-bench-export-'));
const db = openDatabase(join(dir, 'bench.db'));
await migrateDatabase(db);
const sqlite = db.$client;
const now = new Date('2026-03-02T10:00:00.000Z');

console.log(`Building a partnership with ${ACTIONS.toLocaleString('en-GB')} actions...`);
const built = performance.now();
sqlite.transaction(() => {
  const reviews = 400;
  for (let a = 1; a <= 40; a++) sqlite.prepare("insert into agencies (name, short_name, kind) values (?, ?, 'other')").run(`Agency ${a}`, `AG${a}`);
  for (let s = 1; s <= 6; s++) sqlite.prepare('insert into subgroups (name, short_name) values (?, ?)').run(`Subgroup ${s}`, `SG${s}`);
  for (let t = 1; t <= 20; t++) sqlite.prepare('insert into themes (name) values (?)').run(`Theme ${t}`);
  const insertPoint = sqlite.prepare('insert into learning_points (review_id, number, title, description) values (?, ?, ?, ?)');
  const insertRecommendation = sqlite.prepare('insert into recommendations (review_id, number, text) values (?, ?, ?)');
  const linkPoint = sqlite.prepare('insert into recommendation_learning_points (recommendation_id, learning_point_id) values (?, ?)');
  for (let r = 1; r <= reviews; r++) {
    sqlite
      .prepare("insert into reviews (code, type, child_pseudonym, title, stage, subgroup_id) values (?, 'lcspr', ?, ?, 'published', ?)")
      .run(`R-${r}`, `Child ${r}`, `Review ${r}`, (r % 6) + 1);
    const points = [1, 2, 3].map((n) => Number(insertPoint.run(r, n, `Learning point ${n} of review ${r}`, 'What the review found, in a paragraph.').lastInsertRowid));
    for (let n = 1; n <= 4; n++) {
      const id = Number(insertRecommendation.run(r, n, `Recommendation ${n}: the partnership should act on what review ${r} found`).lastInsertRowid);
      linkPoint.run(id, points[(n - 1) % 3]);
    }
  }
  const insertAction = sqlite.prepare(
    `insert into actions (ref, review_id, recommendation_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, status,
       evidence_of_impact, withdrawn_reason, subgroup_id, last_update_at, latest_confidence, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPartner = sqlite.prepare('insert into action_agencies (action_id, agency_id) values (?, ?)');
  const insertUpdate = sqlite.prepare("insert into progress_updates (action_id, author_name, agency_id, created_at, note, confidence) values (?, 'Lead', ?, ?, ?, ?)");
  const insertTheme = sqlite.prepare('insert into action_themes (action_id, theme_id) values (?, ?)');
  const statuses = ['not_started', 'in_progress', 'in_progress', 'in_progress', 'completed', 'assured', 'withdrawn'] as const;
  const confidences = ['on_track', 'on_track', 'at_risk', 'off_track'] as const;
  for (let i = 1; i <= ACTIONS; i++) {
    const status = statuses[i % statuses.length]!;
    const confidence = confidences[i % confidences.length]!;
    const agency = (i % 40) + 1;
    const review = (i % 400) + 1;
    const multi = i % 3 === 0;
    const created = new Date(now.getTime() - (i % 700) * 86_400_000).toISOString();
    const updated = new Date(now.getTime() - (i % 120) * 86_400_000).toISOString();
    const target = new Date(now.getTime() + ((i % 400) - 150) * 86_400_000).toISOString().slice(0, 10);
    const id = Number(
      insertAction.run(
        `R-${review}/A${i}`,
        review,
        (review - 1) * 4 + (i % 4) + 1,
        multi ? 'multi_agency' : 'single_agency',
        agency,
        `Learning need ${i}: practitioners did not hear the child, and "think family" was not applied`,
        `Action ${i}: deliver briefings to front-line staff,\nthen audit twenty cases and report to the subgroup`,
        'An audit shows the child’s voice recorded in most cases',
        target,
        status,
        status === 'assured' ? 'Re-audit showed change' : null,
        status === 'withdrawn' ? 'Superseded by the new pathway' : null,
        (i % 6) + 1,
        updated,
        confidence,
        created,
      ).lastInsertRowid,
    );
    if (multi) insertPartner.run(id, ((i + 7) % 40) + 1);
    insertUpdate.run(id, agency, updated, `Update ${i}: two briefings held.\nThe audit starts next month; £ and é kept.`, confidence);
    insertTheme.run(id, (i % 20) + 1);
  }
})();
sqlite.exec('analyze');
console.log(`  built in ${((performance.now() - built) / 1000).toFixed(1)} s\n`);

const sessionId = randomBytes(32).toString('base64url');
const viewer = Number(sqlite.prepare("insert into users (email, name, password_hash) values ('bench@example.org', 'Bench', 'none')").run().lastInsertRowid);
sqlite.prepare("insert into user_roles (user_id, role) values (?, 'viewer')").run(viewer);
sqlite
  .prepare('insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?)')
  .run(createHash('sha256').update(sessionId).digest('hex'), viewer, 'bench', now.toISOString(), now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString());
const headers = { cookie: `${cookieNameFor('http://localhost:3000')}=${sessionId}` };

const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent', logger: { level: 'warn' } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const port = address.port;

const get = (path: string) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, resolve);
    req.on('error', reject);
    req.end();
  });

const mb = (bytes: number) => bytes / 1024 / 1024;
/** The server's resident memory, sampled while `work` runs (the server and this client share the process). */
async function sampled<T>(work: () => Promise<T>) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await work();
    return { result, baselineMb: mb(baseline), aboveMb: mb(peak - baseline) };
  } finally {
    clearInterval(timer);
  }
}

async function download(path: string) {
  const started = performance.now();
  const response = await get(path);
  if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}`);
  let bytes = 0;
  for await (const chunk of response) bytes += (chunk as Buffer).length;
  return { seconds: (performance.now() - started) / 1000, bytes };
}

let failed = 0;
console.log('download'.padEnd(26), 'time'.padStart(8), 'size'.padStart(10), 'rows/s'.padStart(9), 'peak RSS above baseline'.padStart(26));
for (const [name, path] of [
  ['Excel, every action', '/api/exports/actions.xlsx?sort=ref'],
  ['CSV, every action', '/api/exports/actions.csv?sort=ref'],
  ['Excel, by attention', '/api/exports/actions.xlsx?sort=attention'],
  // The same view as CSV: what the attention sort's paging costs, apart from the workbook.
  ['CSV, by attention', '/api/exports/actions.csv?sort=attention'],
] as const) {
  const { result, baselineMb, aboveMb } = await sampled(() => download(path));
  const ok = aboveMb <= MEMORY_BUDGET_MB;
  if (!ok) failed++;
  console.log(
    name.padEnd(26),
    `${result.seconds.toFixed(1)} s`.padStart(8),
    `${mb(result.bytes).toFixed(1)} MB`.padStart(10),
    `${Math.round(ACTIONS / result.seconds)}`.padStart(9),
    `${aboveMb.toFixed(0)} MB (of ${baselineMb.toFixed(0)} MB)`.padStart(26),
    ok ? 'ok' : `OVER ${MEMORY_BUDGET_MB} MB`,
  );
}

// A download that stops reading for three seconds: the export waits for it instead of filling memory.
{
  const response = await get('/api/exports/actions.xlsx?sort=ref');
  await new Promise((resolve) => response.once('data', resolve));
  response.pause();
  const before = process.memoryUsage().rss;
  await sleep(3000);
  const grown = mb(process.memoryUsage().rss - before);
  response.resume();
  for await (const chunk of response) void chunk;
  console.log(`\nA paused download: memory grew ${grown.toFixed(1)} MB in 3 s of pause (the export waits for the reader).`);
}

// A cancelled download: the export stops, so the server is idle again at once.
{
  const response = await get('/api/exports/actions.xlsx?sort=ref');
  let bytes = 0;
  for await (const chunk of response) {
    bytes += (chunk as Buffer).length;
    if (bytes > 1_000_000) break;
  }
  response.destroy();
  await sleep(200);
  const cpu = process.cpuUsage();
  await sleep(2000);
  const used = process.cpuUsage(cpu);
  const busy = (used.user + used.system) / 1000 / 2000;
  const health = await get('/api/health');
  console.log(`A cancelled download: the server was ${(busy * 100).toFixed(0)}% busy in the 2 s after; /api/health answered ${health.statusCode}.`);
  health.resume();
  if (busy > 0.2) {
    console.error('  the export kept running after its download was cancelled');
    failed++;
  }
}

await app.close();
await closeDatabase(db);
rmSync(dir, { recursive: true, force: true });
if (failed > 0) process.exit(1);
