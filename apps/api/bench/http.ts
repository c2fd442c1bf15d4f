/**
 * The HTTP benchmark (`pnpm bench`): the real server, started as its own process on a generated partnership
 * (bench/generate.ts: 200,000 actions and 1,000,000 progress updates by default), measured with autocannon against
 * a bare Fastify route in another process (bench/bare-server.mjs), the framework's limit on this machine, measured
 * before and after. Every case is given as requests per second, p50 and p99 latency and as a ratio to the bare
 * route, against the targets below; the server's peak memory is read from /proc/<pid>/status (VmHWM). Writes
 * bench/RESULTS.md at the repository root and prints it.
 *
 *   pnpm build && pnpm bench
 *
 * BENCH_DB=path        reuse the partnership in that file (generated there first if it does not exist); the run
 *                      works on a copy, so the file is left as it was. Its dates are relative to the day it was
 *                      generated: weeks later more of it is overdue and stale, so generate it again
 * BENCH_ACTIONS etc.   the generator's sizes (see bench/generate.ts), when the data is generated
 * BENCH_SECONDS (8)    measured seconds per case, after BENCH_WARMUP (1) unmeasured seconds
 * BENCH_CONNECTIONS (10)
 * BENCH_WRITE_RATE (5) progress updates per second posted while the dashboard is measured "right after writes"
 * BENCH_SERVER=tsx     run apps/api/src/server.ts with tsx instead of the built apps/api/dist/server.js
 * BENCH_LOG_LEVEL      the server's LOG_LEVEL (default info, as deployed; its output goes to a file)
 * BENCH_NOTE           a sentence for RESULTS.md about the run (e.g. that the machine was shared)
 * BENCH_STRICT=1       exit non-zero when a target is missed (otherwise misses are reported, exit 0)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { cookieNameFor } from '../src/app';
import { generate, optionsFromEnv } from './generate';
import { assess, HEADING, renderSection, writeSection, type Outcome, type PageAnswers, type ReportMeta } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const apiDir = join(here, '..');
const repoRoot = join(apiDir, '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 5);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const STRICT = process.env.BENCH_STRICT === '1';
const useTsx = process.env.BENCH_SERVER === 'tsx';
const SEARCH = 'chronology escal';

// ---------------------------------------------------------------------------------------------------------------
// The data.

const serverJs = join(apiDir, 'dist', 'server.js');
if (!useTsx && !existsSync(serverJs)) {
  console.error(`${serverJs} is missing: run \`pnpm build\` first (or BENCH_SERVER=tsx to run apps/api/src/server.ts with tsx).`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'lrt-http-bench-'));
const file = join(work, 'bench.db');
const kept = process.env.BENCH_DB;
let generated: { seconds: number } | null = null;
const options = optionsFromEnv();
if (kept && existsSync(kept)) {
  console.log(`Using the partnership in ${kept} (on a copy).`);
  copyFileSync(kept, file);
  if (existsSync(`${kept}-wal`)) copyFileSync(`${kept}-wal`, `${file}-wal`);
} else {
  const target = kept ?? file;
  console.log(`Generating ${options.actions.toLocaleString('en-GB')} actions and ${options.updates.toLocaleString('en-GB')} progress updates into ${target}...`);
  generated = await generate(target, options);
  console.log(`  generated in ${generated.seconds.toFixed(1)} s`);
  if (kept) copyFileSync(kept, file);
}

// Signed-in sessions, as a browser holds them: the administrator reads, an agency's lead posts its updates. The
// agency measured "for one agency" is the one owning the most actions (the heaviest single-agency view).
const setup = new Database(file);
const one = <T>(sql: string, ...params: unknown[]) => setup.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => setup.prepare(sql).all(...params) as T[];
const size = {
  actions: one<{ n: number }>('select count(*) n from actions').n,
  progressUpdates: one<{ n: number }>('select count(*) n from progress_updates').n,
  reviews: one<{ n: number }>('select count(*) n from reviews').n,
  agencies: one<{ n: number }>('select count(*) n from agencies').n,
  themes: one<{ n: number }>('select count(*) n from themes').n,
  users: one<{ n: number }>('select count(*) n from users').n,
  fileMb: Math.round(statSync(file).size / 1_048_576),
};
const agency = one<{ id: number; n: number; name: string }>(
  'select owner_agency_id id, count(*) n, (select name from agencies where id = owner_agency_id) name from actions group by owner_agency_id order by n desc limit 1',
);
const admin = one<{ id: number }>(`select u.id from users u join user_roles r on r.user_id = u.id where r.role = 'admin' and u.active order by u.id limit 1`);
/** The subgroup overseeing the most reviews: the longest history a subgroup's page can have. */
const subgroup = one<{ id: number; name: string; reviews: number }>(
  'select s.id, s.name, count(r.id) reviews from subgroups s join reviews r on r.subgroup_id = s.id group by s.id order by reviews desc limit 1',
);
const lead = one<{ id: number }>(
  `select u.id from users u join user_roles r on r.user_id = u.id and r.role = 'agency_lead' join user_agencies ua on ua.user_id = u.id where ua.agency_id = ? order by u.id limit 1`,
  agency.id,
);
if (!admin || !lead) throw new Error('the partnership has no administrator, or no lead for its largest agency: was it made by bench/generate.ts?');
const session = (userId: number) => {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const at = new Date();
  setup
    .prepare("insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, sign_in_method) values (?, ?, ?, ?, ?, ?, '127.0.0.1', 'autocannon', 'password')")
    .run(createHash('sha256').update(id).digest('hex'), userId, csrf, at.toISOString(), at.toISOString(), new Date(at.getTime() + 6 * 3_600_000).toISOString());
  return { cookie: `${cookieNameFor(publicUrl)}=${id}`, csrf };
};
const apiPort = await freePort();
const publicUrl = `http://127.0.0.1:${apiPort}`;
const reader = session(admin.id);
const writer = session(lead.id);
const actionIds = all<{ id: number }>('select id from actions order by random() limit 2000').map((r) => r.id);
const openOfAgency = all<{ id: number }>(`select id from actions where owner_agency_id = ? and status in ('not_started', 'in_progress') order by random() limit 5000`, agency.id).map((r) => r.id);
setup.close();
if (openOfAgency.length === 0) throw new Error(`agency ${agency.id} has no open actions to post updates on`);

// ---------------------------------------------------------------------------------------------------------------
// The two servers.

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const children: ChildProcess[] = [];
// Whatever happens to the benchmark, the servers it started stop with it.
process.once('exit', (code) => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (code !== 0 && existsSync(work)) console.error(`The servers' logs and the database are kept in ${work}.`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
function start(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  const log = openSync(join(work, `${name}.log`), 'a');
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`The ${name} server stopped (${signal ?? code}). Its output:\n${readFileSync(join(work, `${name}.log`), 'utf8').slice(-4000)}`);
      process.exit(1);
    }
  });
  return child;
}
let stopping = false;
async function stopAll() {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => (clearTimeout(timer), done()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function waitFor(url: string, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const barePort = await freePort();
start('bare', [join(here, 'bare-server.mjs')], { PORT: String(barePort), NODE_ENV: 'production' }, apiDir);
const serverEnv = {
  NODE_ENV: 'production',
  DATABASE_PATH: file,
  EVIDENCE_DIR: join(work, 'evidence'),
  SEED_DEMO: 'false',
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  PUBLIC_URL: publicUrl,
  LOG_LEVEL: LOG_LEVEL,
};
mkdirSync(serverEnv.EVIDENCE_DIR, { recursive: true });
const server = useTsx
  ? start('api', ['--import', 'tsx', join(apiDir, 'src', 'server.ts')], serverEnv, apiDir)
  : start('api', [serverJs], serverEnv, repoRoot);
const bare = `http://127.0.0.1:${barePort}`;
const api = `http://127.0.0.1:${apiPort}`;
await waitFor(`${bare}/`, 30);
const startupStarted = performance.now();
await waitFor(`${api}/api/health`, 180);
const startupSeconds = (performance.now() - startupStarted) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// The cases.

interface Case {
  name: string;
  /** Ratio to the bare route that must be reached; undefined: measured, no target. */
  target?: number;
  /** A time every request must be answered within (its p99), for work a person waits on once, not a rate. */
  maxP99Ms?: number;
  /** Connections for this case (CONNECTIONS otherwise): 1 times each request alone, without queueing. */
  connections?: number;
  base: string;
  requests: autocannon.Request[];
  /** The answer every request must give. */
  status?: number;
  /** Run alongside the measured case (not measured itself, but its errors are counted). */
  alongside?: Omit<Case, 'name' | 'alongside'> & { rate: number; connections: number };
}

const readHeaders = { cookie: reader.cookie, accept: 'application/json' };
const get = (path: string): autocannon.Request[] => [{ method: 'GET', path, headers: readHeaders }];
const rotating = (paths: () => string): autocannon.Request[] => [
  { method: 'GET', headers: readHeaders, setupRequest: (request: autocannon.Request) => ({ ...request, path: paths() }) } as autocannon.Request,
];
let nextId = 0;
let nextOpen = 0;
let noteNumber = 0;
const postUpdate: autocannon.Request[] = [
  {
    method: 'POST',
    headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json', accept: 'application/json' },
    setupRequest: (request: autocannon.Request) => {
      const id = openOfAgency[nextOpen++ % openOfAgency.length]!;
      noteNumber++;
      return {
        ...request,
        path: `/api/actions/${id}/updates`,
        body: JSON.stringify({ note: `Benchmark note ${noteNumber} (${new Date().toISOString()}): team briefings held on the chronology.`, confidence: noteNumber % 5 === 0 ? 'at_risk' : 'on_track' }),
      };
    },
  } as autocannon.Request,
];
const one$ = agency.id;
/** A reply-by day three weeks ahead (London), for the chase preview. */
const chaseReplyBy = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
const cases: Case[] = [
  { name: 'bare Fastify route (before)', base: bare, requests: [{ method: 'GET', path: '/' }] },
  { name: '/api/health', base: api, requests: [{ method: 'GET', path: '/api/health' }] },
  { name: 'an action by id', target: 0.5, base: api, requests: rotating(() => `/api/actions/${actionIds[nextId++ % actionIds.length]}`) },
  { name: 'actions, first page of 50', target: 0.1, base: api, requests: get('/api/actions?limit=50') },
  { name: 'actions, one agency, red and overdue', target: 0.1, base: api, requests: get(`/api/actions?agencyId=${one$}&brag=red&overdue=true&limit=50`) },
  { name: 'actions, by attention', target: 0.1, base: api, requests: get('/api/actions?sort=attention&limit=50') },
  { name: `actions, full-text "${SEARCH}"`, target: 0.08, base: api, requests: get(`/api/actions?q=${encodeURIComponent(SEARCH)}&limit=50`) },
  { name: 'dashboard, whole partnership', target: 0.2, base: api, requests: get('/api/dashboard') },
  { name: 'dashboard, one agency', target: 0.2, base: api, requests: get(`/api/dashboard?agencyId=${one$}`) },
  { name: 'themes matrix', target: 0.05, base: api, requests: get('/api/themes/matrix') },
  { name: 'board report, one agency (JSON, one at a time)', connections: 1, base: api, requests: get(`/api/reports/assurance?agencyId=${one$}`) },
  { name: 'who owes updates, every agency (one at a time)', maxP99Ms: 1000, connections: 1, base: api, requests: get('/api/chase/candidates') },
  {
    name: 'preparing a chase of every agency: the preview (one at a time)',
    maxP99Ms: 1000,
    connections: 1,
    base: api,
    requests: [
      {
        method: 'POST',
        path: '/api/chase',
        headers: { ...readHeaders, 'x-csrf-token': reader.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ replyBy: chaseReplyBy, preview: true }),
      },
    ],
  },
  { name: 'posting a progress update', target: 0.03, base: api, requests: postUpdate, status: 201 },
  {
    name: `dashboard, whole partnership, during writes (${WRITE_RATE}/s)`,
    target: 0.2,
    base: api,
    requests: get('/api/dashboard'),
    alongside: { base: api, requests: postUpdate, status: 201, rate: WRITE_RATE, connections: 1 },
  },
  {
    name: `dashboard, one agency, during writes (${WRITE_RATE}/s)`,
    target: 0.2,
    base: api,
    requests: get(`/api/dashboard?agencyId=${one$}`),
    alongside: { base: api, requests: postUpdate, status: 201, rate: WRITE_RATE, connections: 1 },
  },
  { name: 'bare Fastify route (after)', base: bare, requests: [{ method: 'GET', path: '/' }] },
];

function run(base: string, requests: autocannon.Request[], seconds: number, connections: number, rate?: number): Promise<autocannon.Result> {
  return autocannon({ url: base, requests, duration: seconds, connections, timeout: 120, ...(rate ? { overallRate: rate } : {}) });
}
/**
 * Requests still in flight when a case's time is up are answered after it; the next case starts once the server
 * has caught up (its health answers), so no case pays for the one before it.
 */
async function drain() {
  const deadline = performance.now() + 300_000;
  for (;;) {
    const t0 = performance.now();
    await fetch(`${api}/api/health`).catch(() => undefined);
    if (performance.now() - t0 < 50 || performance.now() > deadline) return;
  }
}
/** Requests that did not get the expected answer: errors, timeouts and other status codes. */
function failures(result: autocannon.Result, status: number) {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const other = Object.entries(stats).filter(([code]) => Number(code) !== status);
  return {
    bad: result.errors + result.timeouts + other.reduce((sum, [, s]) => sum + s.count, 0),
    codes: Object.entries(stats).map(([code, s]) => `${code}×${s.count}`).join(' '),
  };
}

// One real request of each case first: the answer must be right before its speed means anything. Its size is kept:
// no answer of the overview's requests may grow with the number of reviews or years.
const answerBytes = new Map<string, number>();
for (const c of cases) {
  if (c.base !== api) continue;
  const r = c.requests[0]!;
  const prepared = (r as { setupRequest?: (req: autocannon.Request) => autocannon.Request }).setupRequest?.(r) ?? r;
  const t0 = performance.now();
  const response = await fetch(`${api}${prepared.path}`, { method: prepared.method, headers: prepared.headers as Record<string, string>, body: prepared.body as string | undefined });
  const expected = c.status ?? 200;
  if (response.status !== expected) throw new Error(`${c.name}: ${prepared.method} ${prepared.path} answered ${response.status}, not ${expected}: ${(await response.text()).slice(0, 500)}`);
  const text = await response.text();
  answerBytes.set(c.name, Buffer.byteLength(text));
  const body = JSON.parse(text) as { items?: unknown[] };
  console.log(`  first answer: ${c.name.padEnd(58)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms ${Buffer.byteLength(text).toLocaleString('en-GB').padStart(11)} bytes`);
  if (Array.isArray(body.items) && body.items.length === 0 && c.name.startsWith('actions')) console.warn(`  note: ${c.name} found no actions`);
}

// What each dashboard page asks for when it opens (as the SPA asks it), and how big each answer is at this scale.
const pageRequests: { page: string; paths: string[] }[] = [
  { page: 'Overview', paths: ['/api/dashboard'] },
  {
    page: `Subgroup (${subgroup.name}, ${subgroup.reviews.toLocaleString('en-GB')} reviews)`,
    paths: [
      `/api/dashboard?subgroupId=${subgroup.id}`,
      `/api/reviews?subgroupId=${subgroup.id}&limit=20`,
      `/api/recommendations?subgroupId=${subgroup.id}&sort=newest&limit=20`,
      `/api/actions?subgroupId=${subgroup.id}&brag=red&sort=attention&limit=10`,
      `/api/actions?subgroupId=${subgroup.id}&status=completed&sort=targetDate&limit=50`,
      `/api/actions?subgroupId=${subgroup.id}&returned=true&sort=targetDate&limit=200`,
    ],
  },
  {
    page: `My agency (${agency.name}, ${agency.n.toLocaleString('en-GB')} actions)`,
    paths: [
      `/api/dashboard?agencyId=${one$}`,
      `/api/actions?agencyId=${one$}&status=not_started&status=in_progress&sort=attention&limit=200`,
      `/api/actions?agencyId=${one$}&status=completed&sort=targetDate&limit=50`,
    ],
  },
  { page: 'Themes matrix', paths: ['/api/themes/matrix'] },
];
const pages: PageAnswers[] = [];
for (const { page, paths } of pageRequests) {
  const answers: PageAnswers['answers'] = [];
  for (const path of paths) {
    const response = await fetch(`${api}${path}`, { headers: readHeaders });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${page}: GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    answers.push({ path, bytes: Buffer.byteLength(text) });
  }
  pages.push({ page, answers });
}

console.log(`\nMeasuring ${cases.length} cases, ${SECONDS} s each after ${WARMUP} s of warm-up, ${CONNECTIONS} connections...`);
const loadBefore = loadavg();
const outcomes: Outcome[] = [];
for (const c of cases) {
  const status = c.status ?? 200;
  if (WARMUP > 0) {
    await run(c.base, c.requests, WARMUP, c.connections ?? CONNECTIONS);
    if (c.base === api) await drain();
  }
  const measured = run(c.base, c.requests, SECONDS, c.connections ?? CONNECTIONS);
  const side = c.alongside ? run(c.alongside.base, c.alongside.requests, SECONDS, c.alongside.connections, c.alongside.rate) : undefined;
  const [result, sideResult] = await Promise.all([measured, side]);
  const { bad, codes } = failures(result, status);
  const outcome: Outcome = {
    name: c.name,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad,
    codes,
    ...(c.target !== undefined ? { target: c.target } : {}),
    ...(c.maxP99Ms !== undefined ? { maxP99Ms: c.maxP99Ms } : {}),
    ...(c.connections !== undefined ? { connections: c.connections } : {}),
    ...(answerBytes.has(c.name) ? { bytes: answerBytes.get(c.name)! } : {}),
  };
  if (sideResult && c.alongside) {
    outcome.alongsideSent = sideResult.requests.total;
    outcome.alongsideBad = failures(sideResult, c.alongside.status ?? 200).bad;
  }
  outcomes.push(outcome);
  if (c.base === api) await drain();
  console.log(`  ${c.name.padEnd(58)} ${outcome.rps.toFixed(0).padStart(7)} req/s  p50 ${outcome.p50} ms  p99 ${outcome.p99} ms${bad ? `  ${bad} failed (${codes})` : ''}`);
}
const loadAfter = loadavg();

// Peak memory of the server process (its resident set's high-water mark), before it is stopped.
const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
await stopAll();

// ---------------------------------------------------------------------------------------------------------------
// The report.

const cpu = cpus();
const versionOf = (name: string) => (JSON.parse(readFileSync(join(apiDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const meta: ReportMeta = {
  measuredAt: new Date(),
  ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
  cpuModel: cpu[0]?.model ?? 'unknown',
  cores: cpu.length,
  memoryGb: totalmem() / 1024 ** 3,
  node: process.version,
  os: `${osType()} ${release()}`,
  loadBefore: loadBefore[0]!,
  loadAfter: loadAfter[0]!,
  size,
  generatedSeconds: generated?.seconds ?? null,
  agency: { name: agency.name, actions: agency.n },
  serverCommand: useTsx ? 'node --import tsx apps/api/src/server.ts' : 'node apps/api/dist/server.js',
  logLevel: LOG_LEVEL,
  startupSeconds,
  fastifyVersion: versionOf('fastify'),
  autocannonVersion: versionOf('autocannon'),
  connections: CONNECTIONS,
  warmupSeconds: WARMUP,
  seconds: SECONDS,
  writeRate: WRITE_RATE,
  peakMb,
  pages,
};
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ meta, outcomes }, null, 2));
const section = renderSection(meta, outcomes);
const resultsFile = join(repoRoot, 'bench', 'RESULTS.md');
writeSection(resultsFile, section);
console.log(`\n${section}`);
console.log(`Written to ${resultsFile} (its section "${HEADING}").`);
const { missed, memoryMissed } = assess(outcomes, peakMb);
rmSync(work, { recursive: true, force: true });
if (STRICT && (missed.length > 0 || memoryMissed)) process.exit(1);
