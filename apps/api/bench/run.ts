/**
 * Performance budget of the API over a large partnership: 100,000 actions with 200,000 progress updates.
 * Run with `pnpm --filter @lrt/api bench:budget` (ACTIONS=n to change the size). Prints the median and 95th percentile of each request
 * and exits non-zero if any 95th percentile misses its target.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { buildApp, cookieNameFor } from '../src/app';

const ACTIONS = Number(process.env.ACTIONS ?? 100_000);
const RUNS = 25;
const dir = mkdtempSync(join(tmpdir(), 'lrt-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
await migrateDatabase(db);
const sqlite = db.$client;
const now = new Date('2026-03-02T10:00:00.000Z');

console.log(`Building a partnership with ${ACTIONS.toLocaleString('en-GB')} actions...`);
const started = performance.now();
sqlite.transaction(() => {
  const agencies = 40;
  const reviews = 400;
  for (let a = 1; a <= agencies; a++) {
    sqlite.prepare("insert into agencies (name, short_name, kind) values (?, ?, 'other')").run(`Agency ${a}`, `AG${a}`);
  }
  for (let s = 1; s <= 6; s++) sqlite.prepare('insert into subgroups (name, short_name) values (?, ?)').run(`Subgroup ${s}`, `SG${s}`);
  for (let t = 1; t <= 20; t++) sqlite.prepare('insert into themes (name) values (?)').run(`Theme ${t}`);
  for (let r = 1; r <= reviews; r++) {
    sqlite
      .prepare("insert into reviews (code, type, child_pseudonym, title, stage, subgroup_id, notified_on) values (?, 'lcspr', ?, ?, 'published', ?, ?)")
      .run(`R-${r}`, `Child ${r}`, `Review ${r}`, (r % 6) + 1, `20${20 + (r % 6)}-0${(r % 9) + 1}-1${r % 9}`);
  }
  const insertAction = sqlite.prepare(
    `insert into actions (ref, review_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, status,
       evidence_of_impact, withdrawn_reason, subgroup_id, last_update_at, latest_confidence, created_at)
     values (?, ?, 'single_agency', ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUpdate = sqlite.prepare(
    "insert into progress_updates (action_id, author_name, agency_id, created_at, note, confidence) values (?, 'Lead', ?, ?, ?, ?)",
  );
  const insertTheme = sqlite.prepare('insert into action_themes (action_id, theme_id) values (?, ?)');
  const statuses = ['not_started', 'in_progress', 'in_progress', 'in_progress', 'completed', 'assured', 'withdrawn'] as const;
  const confidences = ['on_track', 'on_track', 'at_risk', 'off_track'] as const;
  const words = ['chronology', 'voice', 'curiosity', 'fathers', 'transition', 'neglect', 'attendance', 'exploitation', 'escalation'];
  for (let i = 1; i <= ACTIONS; i++) {
    const status = statuses[i % statuses.length]!;
    const confidence = confidences[i % confidences.length]!;
    const agency = (i % 40) + 1;
    const created = new Date(now.getTime() - (i % 700) * 86_400_000).toISOString();
    const updated = new Date(now.getTime() - (i % 120) * 86_400_000).toISOString();
    const target = new Date(now.getTime() + ((i % 400) - 150) * 86_400_000).toISOString().slice(0, 10);
    const word = words[i % words.length]!;
    const id = Number(
      insertAction.run(
        `R-${(i % 400) + 1}/A${i}`,
        (i % 400) + 1,
        agency,
        `Learning need ${i} about ${word}`,
        `Action ${i}: strengthen practice on ${word}`,
        target,
        status,
        status === 'assured' ? 'Re-audit showed change' : null,
        status === 'withdrawn' ? 'Superseded' : null,
        (i % 6) + 1,
        updated,
        confidence,
        created,
      ).lastInsertRowid,
    );
    insertUpdate.run(id, agency, created, `Started work on ${word}`, 'on_track');
    insertUpdate.run(id, agency, updated, `Update ${i} on ${words[(i + 3) % words.length]}`, confidence);
    insertTheme.run(id, (i % 20) + 1);
  }
})();
sqlite.exec('analyze');
console.log(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// A signed-in viewer, as the browser would be: a session row and its cookie.
const sessionId = randomBytes(32).toString('base64url');
const viewer = Number(sqlite.prepare("insert into users (email, name, password_hash) values ('bench@example.org', 'Bench', 'none')").run().lastInsertRowid);
sqlite.prepare("insert into user_roles (user_id, role) values (?, 'viewer')").run(viewer);
sqlite
  .prepare('insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?)')
  .run(createHash('sha256').update(sessionId).digest('hex'), viewer, 'bench', now.toISOString(), now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString());
const headers = { cookie: `${cookieNameFor('http://localhost:3000')}=${sessionId}` };

const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent' });
await app.ready();

interface Case {
  name: string;
  url: string;
  targetP95Ms: number;
  /** Fewer runs for requests that take seconds. */
  runs?: number;
}
const firstPage = await app.inject({ method: 'GET', url: '/api/actions?sort=attention&limit=50', headers });
const cursor = encodeURIComponent(firstPage.json().nextCursor);
const cases: Case[] = [
  { name: 'actions, first page by target date', url: '/api/actions?limit=50', targetP95Ms: 50 },
  { name: 'actions, red and overdue', url: '/api/actions?brag=red&overdue=true&limit=50', targetP95Ms: 150 },
  { name: 'actions, one agency stale', url: '/api/actions?agencyId=7&stale=true&limit=50', targetP95Ms: 150 },
  { name: 'actions, by attention, page 2', url: `/api/actions?sort=attention&limit=50&cursor=${cursor}`, targetP95Ms: 400 },
  { name: 'actions, full-text search', url: '/api/actions?q=chronology%20escal&limit=50', targetP95Ms: 150 },
  { name: 'actions, one theme', url: '/api/actions?themeId=3&limit=50', targetP95Ms: 100 },
  { name: 'reviews, first page', url: '/api/reviews?limit=50', targetP95Ms: 100 },
  { name: 'dashboard, whole partnership', url: '/api/dashboard', targetP95Ms: 1000 },
  { name: 'themes matrix', url: '/api/themes/matrix', targetP95Ms: 600 },
  { name: 'dashboard, one agency', url: '/api/dashboard?agencyId=7', targetP95Ms: 600 },
  { name: 'actions as at a past day, first page', url: '/api/actions?asAt=2025-09-30&limit=50', targetP95Ms: 5000, runs: 3 },
  { name: 'board report, one agency (JSON)', url: '/api/reports/assurance?agencyId=7', targetP95Ms: 2000, runs: 5 },
  { name: 'board report, partnership (JSON)', url: '/api/reports/assurance', targetP95Ms: 8000, runs: 3 },
  { name: 'board report, partnership as at (Word)', url: '/api/reports/assurance?asAt=2025-09-30&format=docx', targetP95Ms: 10000, runs: 3 },
];

let missed = 0;
console.log('request'.padEnd(40), 'median'.padStart(9), 'p95'.padStart(9), 'target'.padStart(9));
for (const c of cases) {
  const times: number[] = [];
  const runs = c.runs ?? RUNS;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const response = await app.inject({ method: 'GET', url: c.url, headers });
    times.push(performance.now() - t0);
    if (response.statusCode !== 200) throw new Error(`${c.url} answered ${response.statusCode}: ${response.body}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.ceil(runs * 0.95) - 1]!;
  const ok = p95 <= c.targetP95Ms;
  if (!ok) missed++;
  console.log(c.name.padEnd(40), `${median.toFixed(1)} ms`.padStart(9), `${p95.toFixed(1)} ms`.padStart(9), `${c.targetP95Ms} ms`.padStart(9), ok ? 'ok' : 'MISSED');
}

console.log(`\nPeak resident memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await app.close();
await closeDatabase(db);
rmSync(dir, { recursive: true, force: true });
if (missed > 0) {
  console.error(`\n${missed} request(s) missed their target.`);
  process.exit(1);
}
console.log('\nEvery request met its target.');
