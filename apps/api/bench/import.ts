/**
 * A large spreadsheet plan imported over HTTP: 10,000 rows (ROWS=n to change the size) into one review of a
 * partnership with 20,000 other actions. A tenth of the rows name actions the review already has, by ref and
 * version (half of them edited, half as exported); the rest are new actions with agencies by name, partners,
 * themes, dates as people write them, a status, a RAG rating and a progress note. Times the upload (which reads
 * the file and previews it), a second preview, and the commit, and checks what the commit saved.
 * Run with `npx tsx bench/import.ts` from apps/api (not part of `pnpm bench`). PREVIEW_BUDGET_S (default 5) is the
 * preview's budget: the script exits non-zero if a preview takes longer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { ImportCommitResult, ImportPreview } from '@lrt/contracts';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { buildApp, cookieNameFor } from '../src/app';
import { multipartBody } from '../src/testing/multipart';

const ROWS = Number(process.env.ROWS ?? 10_000);
const EXISTING = Math.round(ROWS / 10);
const OTHER_ACTIONS = Number(process.env.OTHER_ACTIONS ?? 20_000);
const PREVIEW_BUDGET_S = Number(process.env.PREVIEW_BUDGET_S ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'lrt-bench-import-'));
const db = openDatabase(join(dir, 'bench.db'));
await migrateDatabase(db);
const sqlite = db.$client;
if (process.env.CACHE_KB) sqlite.pragma(`cache_size = -${process.env.CACHE_KB}`);
const now = new Date('2026-03-02T10:00:00.000Z');

/** SQL_STATS=1: how often each statement runs during the import, and the time spent running it. */
const sqlStats = new Map<string, { calls: number; ms: number }>();
if (process.env.SQL_STATS) {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const entry = sqlStats.get(source) ?? { calls: 0, ms: 0 };
    sqlStats.set(source, entry);
    const timed =
      (method: 'run' | 'get' | 'all') =>
      (...params: unknown[]) => {
        const started = performance.now();
        try {
          return (statement[method] as (...p: unknown[]) => unknown)(...params);
        } finally {
          entry.calls++;
          entry.ms += performance.now() - started;
        }
      };
    const proxy: Database.Statement = new Proxy(statement, {
      get: (target, key) => {
        if (key === 'run' || key === 'get' || key === 'all') return timed(key);
        if (key === 'raw') return (toggle?: boolean) => (target.raw(toggle), proxy);
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return proxy;
  }) as typeof sqlite.prepare;
}

console.log(`Building a partnership with ${OTHER_ACTIONS.toLocaleString('en-GB')} actions, and a review with ${EXISTING.toLocaleString('en-GB')}...`);
const built = performance.now();
const REVIEW_ID = 1;
sqlite.transaction(() => {
  for (let a = 1; a <= 40; a++) sqlite.prepare("insert into agencies (name, short_name, kind) values (?, ?, 'other')").run(`Agency number ${a}`, `AG${a}`);
  for (let s = 1; s <= 6; s++) sqlite.prepare('insert into subgroups (name, short_name) values (?, ?)').run(`Subgroup ${s}`, `SG${s}`);
  for (let t = 1; t <= 20; t++) sqlite.prepare('insert into themes (name) values (?)').run(`Theme ${t}`);
  for (let r = 1; r <= 100; r++) {
    sqlite
      .prepare("insert into reviews (code, type, child_pseudonym, title, stage, subgroup_id) values (?, 'lcspr', ?, ?, 'published', ?)")
      .run(`R-${r}`, `Child ${r}`, `Review ${r}`, (r % 6) + 1);
  }
  const insertPoint = sqlite.prepare('insert into learning_points (review_id, number, title, description) values (?, ?, ?, ?)');
  const insertRecommendation = sqlite.prepare('insert into recommendations (review_id, number, text) values (?, ?, ?)');
  const linkPoint = sqlite.prepare('insert into recommendation_learning_points (recommendation_id, learning_point_id) values (?, ?)');
  for (let n = 1; n <= 8; n++) {
    const point = Number(insertPoint.run(REVIEW_ID, n, `Learning point ${n}`, 'What the review found.').lastInsertRowid);
    const recommendation = Number(insertRecommendation.run(REVIEW_ID, n, `Recommendation ${n}`).lastInsertRowid);
    linkPoint.run(recommendation, point);
  }
  const insertAction = sqlite.prepare(
    `insert into actions (ref, review_id, recommendation_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, status,
       subgroup_id, last_update_at, latest_confidence, created_at, updated_at)
     values (?, ?, ?, 'single_agency', ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUpdate = sqlite.prepare("insert into progress_updates (action_id, author_name, agency_id, created_at, note, confidence) values (?, 'Lead', ?, ?, ?, 'on_track')");
  const created = '2026-01-05T09:00:00.000Z';
  for (let i = 1; i <= OTHER_ACTIONS; i++) {
    const review = (i % 99) + 2;
    const id = Number(insertAction.run(`R-${review}/A${i}`, review, null, (i % 40) + 1, `Need ${i}`, `Action ${i}`, '2026-06-30', 'in_progress', (review % 6) + 1, created, 'on_track', created, created).lastInsertRowid);
    insertUpdate.run(id, (i % 40) + 1, created, `Update ${i}`);
  }
  for (let i = 1; i <= EXISTING; i++) {
    const id = Number(
      insertAction.run(`R-1/A${i}`, REVIEW_ID, (i % 8) + 1, (i % 40) + 1, `Learning need ${i}`, `Existing action ${i}`, '2026-09-30', 'in_progress', 2, created, 'on_track', created, created)
        .lastInsertRowid,
    );
    insertUpdate.run(id, (i % 40) + 1, created, `Existing note ${i}`);
  }
})();
sqlite.exec('analyze');
console.log(`  built in ${((performance.now() - built) / 1000).toFixed(1)} s\n`);

const sessionId = randomBytes(32).toString('base64url');
const admin = Number(sqlite.prepare("insert into users (email, name, password_hash) values ('bench@example.org', 'Business Unit', 'none')").run().lastInsertRowid);
sqlite.prepare("insert into user_roles (user_id, role) values (?, 'admin')").run(admin);
sqlite
  .prepare('insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?)')
  .run(createHash('sha256').update(sessionId).digest('hex'), admin, 'bench', now.toISOString(), now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString());
const headers = { cookie: `${cookieNameFor('http://localhost:3000')}=${sessionId}`, 'x-csrf-token': 'bench' };

/** The plan as a business unit would keep it: the tracker's headings, agencies by name, dates in three ways. */
function planCsv(): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [['Ref', 'Recommendation', 'Owner agency', 'Partner agencies', 'Identified learning need', 'Action to be taken', 'Target date', 'Status', 'RAG', 'Progress update', 'Themes', 'Version']];
  const dates = ['31/03/2026', 'March 2027', '30.9.26', '2026-12-31'];
  for (let i = 1; i <= ROWS; i++) {
    if (i <= EXISTING) {
      // An action already in the tracker, as exported (version 1): every other one edited.
      const edited = i % 2 === 0;
      lines.push([
        `R-1/A${i}`,
        String((i % 8) + 1),
        `AG${(i % 40) + 1}`,
        '',
        `Learning need ${i}`,
        edited ? `Existing action ${i}, now with a dip sample of twenty cases` : `Existing action ${i}`,
        '30/09/2026',
        'In progress',
        edited ? 'Amber' : '',
        edited ? `Dip sample started in week ${i % 52}; the first ten cases read.` : `Existing note ${i}`,
        '',
        '1',
      ]);
      continue;
    }
    const multi = i % 4 === 0;
    lines.push([
      '',
      String((i % 8) + 1),
      i % 3 === 0 ? `Agency number ${(i % 40) + 1}` : `AG${(i % 40) + 1}`,
      multi ? `AG${((i + 7) % 40) + 1}; AG${((i + 13) % 40) + 1}` : '',
      `Learning need ${i}: practitioners did not hear the child's voice, and "think family" was not applied`,
      `Action ${i}: deliver briefings to front-line staff,\nthen audit twenty cases and report to the subgroup`,
      dates[i % dates.length]!,
      i % 5 === 0 ? 'Not started' : 'In progress',
      ['Green', 'Amber', 'Red', ''][i % 4]!,
      i % 5 === 0 ? '' : `Briefings held in ${['January', 'February', 'March'][i % 3]}; the audit starts next month.`,
      `Theme ${(i % 20) + 1}`,
      '',
    ]);
  }
  return lines.map((line) => line.map(quote).join(',')).join('\r\n');
}

const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent', logger: { level: 'warn' } });
await app.ready();

const csv = planCsv();
console.log(`The plan: ${ROWS.toLocaleString('en-GB')} rows, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB of CSV.\n`);

async function timed<T>(label: string, work: () => Promise<{ statusCode: number; body: string }>, expected: number) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (response.statusCode !== expected) throw new Error(`${label} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
  console.log(
    label.padEnd(30),
    `${seconds.toFixed(2)} s`.padStart(9),
    `${Math.round(ROWS / seconds).toLocaleString('en-GB')} rows/s`.padStart(15),
    // Other work on the machine slows the clock; the process's own CPU time says what the import cost.
    `(CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`.padStart(16),
  );
  return { seconds, json: JSON.parse(response.body) as T };
}

let failed = 0;
const upload = await timed<ImportPreview>(
  'upload, read and preview',
  () => {
    const form = multipartBody([{ name: 'reviewId', content: String(REVIEW_ID) }, { name: 'file', filename: 'plan.csv', content: csv }]);
    return app.inject({ method: 'POST', url: '/api/imports', payload: form.payload, headers: { ...headers, ...form.headers } });
  },
  201,
);
const counts = upload.json.counts;
console.log(`  ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.error} errors, ${counts.conflict} conflicts, ${counts.warnings} warnings`);
if (counts.create !== ROWS - EXISTING || counts.update !== EXISTING / 2 || counts.unchanged !== EXISTING / 2 || !upload.json.canCommit) {
  console.error('  the preview is not what the plan says');
  failed++;
}
const id = upload.json.id;
const preview = await timed<ImportPreview>('preview again (GET)', () => app.inject({ method: 'GET', url: `/api/imports/${id}`, headers }), 200);
for (const seconds of [upload.seconds, preview.seconds]) if (seconds > PREVIEW_BUDGET_S) failed++;
const committed = await timed<ImportCommitResult>('commit', () => app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers }), 200);
console.log(`  created ${committed.json.created}, updated ${committed.json.updated}`);

const saved = sqlite.prepare('select count(*) as n from actions where review_id = ?').get(REVIEW_ID) as { n: number };
const imported = sqlite.prepare('select count(*) as n from progress_updates where imported_from is not null').get() as { n: number };
const audited = sqlite.prepare("select count(*) as n from audit_events where entity = 'action'").get() as { n: number };
console.log(`  the review now has ${saved.n.toLocaleString('en-GB')} actions; ${imported.n.toLocaleString('en-GB')} imported progress notes; ${audited.n.toLocaleString('en-GB')} action audit events`);
if (saved.n !== ROWS) {
  console.error(`  expected ${ROWS} actions on the review`);
  failed++;
}
if (process.env.SQL_STATS) {
  const all = [...sqlStats.values()].reduce((sum, e) => ({ calls: sum.calls + e.calls, ms: sum.ms + e.ms }), { calls: 0, ms: 0 });
  console.log(`\n${all.calls.toLocaleString('en-GB')} statements run (${(all.calls / ROWS / 3).toFixed(1)} a row a run), ${(all.ms / 1000).toFixed(1)} s in SQLite; the most run:`);
  for (const [source, e] of [...sqlStats].sort((a, b) => b[1].calls - a[1].calls).slice(0, 40)) {
    console.log(`${String(e.calls).padStart(8)} ${e.ms.toFixed(0).padStart(7)} ms  ${source.replace(/\s+/g, ' ').slice(0, 170)}`);
  }
}
if (failed > 0) console.error(`\n${failed} check(s) failed (a preview over ${PREVIEW_BUDGET_S} s counts as one)`);

await app.close();
await closeDatabase(db);
rmSync(dir, { recursive: true, force: true });
if (failed > 0) process.exit(1);
