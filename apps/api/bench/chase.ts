/**
 * Performance budget of chasing over a large partnership: 150 agencies (two leads each) and 200,000 actions with
 * 400,000 progress updates. Preparing a chase of every agency (who owes what, and the preview of every message)
 * must take under a second; sending is the scheduler's, in the background at a bounded rate, and must not slow
 * requests. Run with `pnpm --filter @lrt/api bench:budget` (CHASE_ACTIONS=n to change the size).
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { buildApp, cookieNameFor } from '../src/app';
import { startTestSmtpServer } from '../src/testing/smtp-server';

const ACTIONS = Number(process.env.CHASE_ACTIONS ?? 200_000);
const AGENCIES = 150;
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'lrt-bench-chase-'));
/** CHASE_BENCH_DB=path keeps the built partnership there and uses it again next time (for profiling). */
const kept = process.env.CHASE_BENCH_DB;
const reuse = kept !== undefined && existsSync(kept);
if (kept && reuse) copyFileSync(kept, join(dir, 'bench.db'));
const db = openDatabase(join(dir, 'bench.db'));
await migrateDatabase(db);
const sqlite = db.$client;
const now = new Date('2026-03-02T10:00:00.000Z');

console.log(`Building a partnership of ${AGENCIES} agencies with ${ACTIONS.toLocaleString('en-GB')} actions...`);
const started = performance.now();
if (!reuse) sqlite.transaction(() => {
  for (let a = 1; a <= AGENCIES; a++) {
    sqlite.prepare("insert into agencies (name, short_name, kind, senior_contact_name, senior_contact_email) values (?, ?, 'other', ?, ?)").run(`Agency ${a}`, `AG${a}`, `Director ${a}`, `director${a}@agency${a}.example`);
    for (const n of [1, 2]) {
      const user = Number(sqlite.prepare("insert into users (email, name, password_hash) values (?, ?, 'none')").run(`lead${n}@agency${a}.example`, `Lead ${n} of Agency ${a}`).lastInsertRowid);
      sqlite.prepare("insert into user_roles (user_id, role) values (?, 'agency_lead')").run(user);
      sqlite.prepare('insert into user_agencies (user_id, agency_id) values (?, ?)').run(user, a);
    }
  }
  for (let s = 1; s <= 6; s++) sqlite.prepare('insert into subgroups (name, short_name) values (?, ?)').run(`Subgroup ${s}`, `SG${s}`);
  for (let r = 1; r <= 600; r++) {
    sqlite.prepare("insert into reviews (code, type, child_pseudonym, title, stage, subgroup_id) values (?, 'lcspr', ?, ?, 'published', ?)").run(`R-${r}`, `Child ${r}`, `Review ${r}`, (r % 6) + 1);
  }
  const insertAction = sqlite.prepare(
    `insert into actions (ref, review_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, status, evidence_of_impact,
       withdrawn_reason, subgroup_id, last_update_at, latest_confidence, created_at)
     values (?, ?, 'single_agency', ?, 'A learning need', ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUpdate = sqlite.prepare("insert into progress_updates (action_id, author_name, agency_id, created_at, note, confidence) values (?, 'Lead', ?, ?, ?, ?)");
  const statuses = ['not_started', 'in_progress', 'in_progress', 'in_progress', 'completed', 'assured', 'withdrawn'] as const;
  const confidences = ['on_track', 'on_track', 'at_risk', 'off_track'] as const;
  for (let i = 1; i <= ACTIONS; i++) {
    const status = statuses[i % statuses.length]!;
    const agency = (i % AGENCIES) + 1;
    const created = new Date(now.getTime() - (i % 700) * 86_400_000).toISOString();
    const updated = new Date(now.getTime() - (i % 120) * 86_400_000).toISOString();
    const target = new Date(now.getTime() + ((i % 400) - 150) * 86_400_000).toISOString().slice(0, 10);
    const id = Number(
      insertAction.run(`R-${(i % 600) + 1}/A${i}`, (i % 600) + 1, agency, `Action ${i}`, target, status, status === 'assured' ? 'Re-audit' : null, status === 'withdrawn' ? 'Superseded' : null, (i % 6) + 1, updated, confidences[i % 4], created).lastInsertRowid,
    );
    insertUpdate.run(id, agency, created, 'Started', 'on_track');
    insertUpdate.run(id, agency, updated, `Update ${i}: training delivered to the first cohort; audit planned for the spring`, confidences[i % 4]);
  }
})();
sqlite.exec('analyze');
if (kept && !reuse) {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(join(dir, 'bench.db'), kept);
}
console.log(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

const sessionId = randomBytes(32).toString('base64url');
const admin = Number(sqlite.prepare("insert into users (email, name, password_hash) values ('bu@example.org', 'Business Unit', 'none')").run().lastInsertRowid);
sqlite.prepare("insert into user_roles (user_id, role) values (?, 'admin')").run(admin);
sqlite
  .prepare('insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?)')
  .run(createHash('sha256').update(sessionId).digest('hex'), admin, 'bench', now.toISOString(), now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString());
const headers = { cookie: `${cookieNameFor('http://localhost:3000')}=${sessionId}`, 'x-csrf-token': 'bench' };

const smtp = await startTestSmtpServer();
const PER_MINUTE = 600;
const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent', mail: { smtpUrl: smtp.url, perMinute: PER_MINUTE } });
await app.ready();

async function time(name: string, targetMs: number, request: () => Promise<{ statusCode: number; body: string }>, runs = RUNS) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const response = await request();
    times.push(performance.now() - t0);
    if (response.statusCode >= 300) throw new Error(`${name} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p95 = times[Math.ceil(runs * 0.95) - 1]!;
  const ok = p95 <= targetMs;
  console.log(name.padEnd(48), `${median.toFixed(0)} ms`.padStart(9), `${p95.toFixed(0)} ms`.padStart(9), `${targetMs} ms`.padStart(9), ok ? 'ok' : 'MISSED');
  return { ok, median };
}

let missed = 0;
console.log('chasing'.padEnd(48), 'median'.padStart(9), 'p95'.padStart(9), 'target'.padStart(9));
const candidates = await time('who owes what, every agency', 1000, () => app.inject({ method: 'GET', url: '/api/chase/candidates', headers }));
const preview = await time('preview a chase of every agency', 1000, () =>
  app.inject({ method: 'POST', url: '/api/chase', headers, payload: { replyBy: '2026-03-30', preview: true } }),
);
const sent = await time('send a chase of every agency (queue it)', 2000, () => app.inject({ method: 'POST', url: '/api/chase', headers, payload: { replyBy: '2026-03-30' } }), 1);
missed += [candidates, preview, sent].filter((r) => !r.ok).length;

// Sending in the background: requests alongside are timed against the same requests with nothing being sent.
const pageOfActions = () => app.inject({ method: 'GET', url: '/api/actions?limit=50', headers });
const quiet = await time('actions, first page (nothing sending)', 100, pageOfActions, 25);
const tickMs = 1_000;
app.scheduler.start(tickMs);
const busy = await time('actions, first page (while the outbox sends)', 100, pageOfActions, 25);
await new Promise((r) => setTimeout(r, 3_000));
await app.scheduler.stop();
const delivered = smtp.received.length;
const perTick = app.mail.batchSize(tickMs);
console.log(`\nsent ${delivered} of ${(sqlite.prepare("select count(*) as n from emails").get() as { n: number }).n} messages in the background, at most ${perTick} a tick (${PER_MINUTE} a minute)`);
if (!quiet.ok || !busy.ok) missed++;
if (busy.median > quiet.median * 3 + 5) {
  console.error(`requests were slowed while sending: ${busy.median.toFixed(1)} ms against ${quiet.median.toFixed(1)} ms`);
  missed++;
}

await app.close();
await smtp.stop();
await closeDatabase(db);
rmSync(dir, { recursive: true, force: true });
if (missed > 0) {
  console.error(`\n${missed} chasing measure(s) missed their target.`);
  process.exit(1);
}
console.log('\nEvery chasing measure met its target.');
