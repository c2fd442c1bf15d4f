/**
 * `pnpm test:load`: LOAD_CLIENTS concurrent clients (50 by default) for LOAD_SECONDS (60 by default) against the
 * real server (bundled as `pnpm build` bundles it) on a file database holding the demo partnership. About 80% of
 * requests are reads and 20% writes, across the roles: the business unit reads the overview, the attention list,
 * the audit trail and the outbox and edits actions; the independent chair reads the dashboard and the themes
 * matrix; a subgroup chair reads their subgroup; two agency leads read their agency's actions and post progress
 * updates; a viewer reads. Every request must answer as it should (no error of any kind), every acknowledged write
 * must be in the database afterwards with exactly one audit event, and the latencies are reported (written into
 * bench/RESULTS.md when LOAD_RESULTS is set to that file).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeSection } from '../../bench/report';
import { bundleServer, freePort, ROOT, ServerProcess, signIn, type Session } from '../support/server-process';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const WRITE_SHARE = 0.2;
const PASSWORD = 'load test demo passphrase';
const HEADING = '## The load test (`pnpm test:load`)';

type Role = 'admin' | 'chair' | 'subgroup' | 'police' | 'health' | 'viewer';
/** How the clients are shared among the demo's people: the business unit and the agency leads are the busiest. */
const ROLE_MIX: Role[] = ['admin', 'admin', 'police', 'police', 'police', 'health', 'health', 'chair', 'subgroup', 'viewer'];
const WRITERS: Role[] = ['admin', 'police', 'health'];

interface Sample {
  op: string;
  ms: number;
  write: boolean;
}
interface Failure {
  op: string;
  status: number | string;
  body: string;
}
interface UpdateWrite {
  token: string;
  actionId: number;
  id: number;
}
interface PatchWrite {
  token: string;
  actionId: number;
}

const samples: Sample[] = [];
const failures: Failure[] = [];
const updates: UpdateWrite[] = [];
const patches: PatchWrite[] = [];

let work: string;
let server: ServerProcess;
let removeBundle: (() => void) | undefined;

/** What each client knows of the demo partnership: whose session it uses and the actions it may touch. */
interface World {
  sessions: Record<Role, Session>;
  policeAgencyId: number;
  healthAgencyId: number;
  subgroupId: number;
  /** Open actions of each lead's agency, which that lead posts updates on. */
  openActions: Record<'police' | 'health', number[]>;
  /** Actions of no lead's agency, dealt out to the business unit's clients so that no two edit the same one. */
  adminActions: number[][];
  readableActions: number[];
}

let counter = 0;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

async function call(world: World, role: Role, op: string, method: string, path: string, body?: unknown, expected = 200) {
  const session = world.sessions[role];
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(`${server.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    failures.push({ op, status: 'no answer', body: String(error) });
    return null;
  }
  const text = await response.text();
  samples.push({ op, ms: performance.now() - started, write: method !== 'GET' });
  if (response.status !== expected) {
    failures.push({ op, status: response.status, body: text.slice(0, 300) });
    return null;
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** The reads each role makes, as its pages make them. */
function readsOf(world: World, role: Role): (() => Promise<unknown>)[] {
  const byId = () => call(world, role, 'an action by id', 'GET', `/actions/${pick(world.readableActions)}`);
  switch (role) {
    case 'admin':
      return [
        () => call(world, role, 'dashboard', 'GET', '/dashboard'),
        () => call(world, role, 'actions by attention', 'GET', '/actions?sort=attention&limit=50'),
        () => call(world, role, 'actions, red and overdue', 'GET', '/actions?brag=red&overdue=true&limit=50'),
        () => call(world, role, 'actions, full text', 'GET', `/actions?q=${pick(['training', 'audit', 'chronology', 'supervision'])}&limit=50`),
        byId,
        () => call(world, role, 'audit trail', 'GET', '/audit?limit=50'),
        () => call(world, role, 'outbox', 'GET', '/outbox?limit=50'),
        () => call(world, role, 'who owes updates', 'GET', '/chase/candidates'),
      ];
    case 'chair':
    case 'viewer':
      return [
        () => call(world, role, 'dashboard', 'GET', '/dashboard'),
        () => call(world, role, 'themes matrix', 'GET', '/themes/matrix'),
        () => call(world, role, 'reviews', 'GET', '/reviews'),
        () => call(world, role, 'actions, first page', 'GET', '/actions?limit=50'),
        byId,
      ];
    case 'subgroup':
      return [
        () => call(world, role, 'dashboard, one subgroup', 'GET', `/dashboard?subgroupId=${world.subgroupId}`),
        () => call(world, role, 'actions, one subgroup', 'GET', `/actions?subgroupId=${world.subgroupId}&limit=50`),
        byId,
      ];
    case 'police':
    case 'health': {
      const agencyId = role === 'police' ? world.policeAgencyId : world.healthAgencyId;
      return [
        () => call(world, role, 'dashboard, one agency', 'GET', `/dashboard?agencyId=${agencyId}`),
        () => call(world, role, 'actions, one agency', 'GET', `/actions?agencyId=${agencyId}&limit=50`),
        () => call(world, role, 'an action by id', 'GET', `/actions/${pick(world.openActions[role])}`),
        () => call(world, role, 'an action’s updates', 'GET', `/actions/${pick(world.openActions[role])}/updates`),
      ];
    }
  }
}

/** A lead posts a progress note (a new one each time, with a confidence) on one of their agency's open actions. */
async function postUpdate(world: World, role: 'police' | 'health') {
  const actionId = pick(world.openActions[role]);
  const token = `load-update-${++counter}`;
  const answer = await call(world, role, 'posting a progress update', 'POST', `/actions/${actionId}/updates`, { note: token, confidence: pick(['on_track', 'at_risk']) }, 201);
  if (answer) updates.push({ token, actionId, id: answer.id as number });
}

/** The business unit edits the success measure of one of the actions dealt to this client (read first, for its version). */
async function patchAction(world: World, mine: number[]) {
  const actionId = pick(mine);
  const seen = await call(world, 'admin', 'an action by id', 'GET', `/actions/${actionId}`);
  if (!seen) return;
  const token = `load-patch-${++counter}`;
  const answer = await call(world, 'admin', 'editing an action', 'PATCH', `/actions/${actionId}`, { version: seen.version, successMeasure: token });
  if (answer) patches.push({ token, actionId });
}

const roleOf = (index: number) => ROLE_MIX[index % ROLE_MIX.length]!;
const adminClientsBefore = (index: number) => Array.from({ length: index }, (_, i) => roleOf(i)).filter((role) => role === 'admin').length;

async function client(world: World, index: number, until: number) {
  const role = roleOf(index);
  const reads = readsOf(world, role);
  const writers = Array.from({ length: CLIENTS }, (_, i) => roleOf(i)).filter((r) => WRITERS.includes(r)).length;
  // Writers write more often than one in five, so that one request in five of the whole load is a write.
  const writeChance = WRITERS.includes(role) ? Math.min(1, (WRITE_SHARE * CLIENTS) / writers) : 0;
  // The business unit's clients each edit actions of their own (dealt out by their place among them).
  const mine = world.adminActions[adminClientsBefore(index) % world.adminActions.length]!;
  while (Date.now() < until) {
    if (Math.random() < writeChance) {
      if (role === 'admin') await patchAction(world, mine);
      else await postUpdate(world, role as 'police' | 'health');
    } else {
      await pick(reads)();
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => (value < 1 ? '< 1' : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-GB'));

function peakMemoryMb(pid: number | undefined) {
  if (!pid) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

function report(seconds: number, peakMb: number, loadAtStart: number) {
  const ops = [...new Set(samples.map((s) => s.op))];
  const row = (label: string, list: Sample[]) => {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    return `| ${label} | ${list.length.toLocaleString('en-GB')} | ${(list.length / seconds).toFixed(1)} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted[sorted.length - 1]!)} |`;
  };
  const writes = samples.filter((s) => s.write).length;
  return [
    HEADING,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`pnpm test:load\` (apps/api/test/load/load.test.ts): ${CLIENTS} clients for ${SECONDS} s against the server as bundled by \`pnpm build\`, on a file database holding the demo partnership, on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; load average ${loadAtStart.toFixed(2)} at the start.`,
    '',
    `${samples.length.toLocaleString('en-GB')} requests (${(samples.length / seconds).toFixed(0)} a second), ${((100 * writes) / samples.length).toFixed(1)}% of them writes; ${failures.length} errors; ${updates.length.toLocaleString('en-GB')} progress updates and ${patches.length.toLocaleString('en-GB')} edits acknowledged, every one of them found in the database afterwards with its one audit event. The server's peak memory (VmHWM): ${Math.round(peakMb)} MB.`,
    '',
    '| Request | count | per second | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...ops.sort().map((op) => row(op, samples.filter((s) => s.op === op))),
    row('**all requests**', samples),
    '',
  ].join('\n');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lrt-load-'));
  const bundle = await bundleServer('load-test');
  removeBundle = bundle.remove;
  server = new ServerProcess({ serverJs: bundle.serverJs, work, port: await freePort(), demoPassword: PASSWORD, env: { NODE_ENV: 'production' } });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  removeBundle?.();
});

test(`${CLIENTS} clients for ${SECONDS} s, a fifth of them writing: no errors, no lost writes`, async () => {
  const emails: Record<Role, string> = {
    admin: 'admin@demo.example',
    chair: 'chair@demo.example',
    subgroup: 'subgroup@demo.example',
    police: 'police@demo.example',
    health: 'health@demo.example',
    viewer: 'viewer@demo.example',
  };
  // One after another: the server checks only a few passwords at a time, and says it is busy beyond that.
  const sessions = {} as Record<Role, Session>;
  for (const [role, email] of Object.entries(emails) as [Role, string][]) sessions[role] = await signIn(server.baseUrl, email, PASSWORD);

  const seeded = new Database(join(work, 'tracker.db'), { readonly: true });
  const agencyOf = (email: string) =>
    (seeded.prepare('select agency_id as id from user_agencies join users on users.id = user_agencies.user_id where users.email = ?').get(email) as { id: number }).id;
  const policeAgencyId = agencyOf(emails.police);
  const healthAgencyId = agencyOf(emails.health);
  const { id: subgroupId } = seeded
    .prepare('select subgroup_id as id from user_subgroups join users on users.id = user_subgroups.user_id where users.email = ?')
    .get(emails.subgroup) as { id: number };
  const open = (agencyId: number) =>
    (seeded.prepare("select id from actions where owner_agency_id = ? and status in ('not_started', 'in_progress') order by id").all(agencyId) as { id: number }[]).map((r) => r.id);
  const others = (
    seeded
      .prepare("select id from actions where owner_agency_id not in (?, ?) and status in ('not_started', 'in_progress') order by id")
      .all(policeAgencyId, healthAgencyId) as { id: number }[]
  ).map((r) => r.id);
  const readableActions = (seeded.prepare('select id from actions order by id').all() as { id: number }[]).map((r) => r.id);
  const openActions = { police: open(policeAgencyId), health: open(healthAgencyId) };
  seeded.close();

  const adminClients = Math.max(1, adminClientsBefore(CLIENTS));
  const adminActions = Array.from({ length: adminClients }, (_, i) => others.filter((_, j) => j % adminClients === i)).filter((list) => list.length > 0);
  const world: World = { sessions, policeAgencyId, healthAgencyId, subgroupId, openActions, adminActions, readableActions };
  expect(world.openActions.police.length, 'open police actions to post on').toBeGreaterThan(0);
  expect(world.openActions.health.length, 'open health actions to post on').toBeGreaterThan(0);
  expect(adminActions.length, 'actions for the business unit to edit').toBeGreaterThan(0);

  const loadAtStart = loadavg()[0]!;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(world, i, started + SECONDS * 1000)));
  const seconds = (Date.now() - started) / 1000;
  const peakMb = peakMemoryMb(server.pid);
  await server.stop();

  // Nothing acknowledged is missing, and nothing is there twice.
  const db = new Database(join(work, 'tracker.db'), { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const posted = new Map(
      (db.prepare("select id, action_id, note from progress_updates where note like 'load-update-%'").all() as { id: number; action_id: number; note: string }[]).map((r) => [r.note, r]),
    );
    const updateEvents = new Map(
      (
        db
          .prepare("select json_extract(after, '$.note') as note, count(*) as n from audit_events where entity = 'action' and operation = 'progress_update' and json_extract(after, '$.note') like 'load-update-%' group by 1")
          .all() as { note: string; n: number }[]
      ).map((r) => [r.note, r.n]),
    );
    const lostUpdates = updates.filter((u) => posted.get(u.token)?.id !== u.id || posted.get(u.token)?.action_id !== u.actionId || updateEvents.get(u.token) !== 1);
    expect(lostUpdates, 'acknowledged progress updates missing, moved or without their one audit event').toEqual([]);
    expect(posted.size, 'progress updates in the database that were never acknowledged').toBe(updates.length);

    const editEvents = new Map(
      (
        db
          .prepare("select json_extract(after, '$.successMeasure') as token, count(*) as n from audit_events where entity = 'action' and operation = 'update' and json_extract(after, '$.successMeasure') like 'load-patch-%' group by 1")
          .all() as { token: string; n: number }[]
      ).map((r) => [r.token, r.n]),
    );
    expect(patches.filter((p) => editEvents.get(p.token) !== 1), 'acknowledged edits without their one audit event').toEqual([]);
    // Each edited action holds the last edit acknowledged on it (one client edits each, one request at a time).
    const last = new Map(patches.map((p) => [p.actionId, p.token]));
    const held = db.prepare('select success_measure as value from actions where id = ?');
    for (const [actionId, token] of last) expect((held.get(actionId) as { value: string }).value, `action ${actionId}`).toBe(token);
  } finally {
    db.close();
  }

  const section = report(seconds, peakMb, loadAtStart);
  console.log(section);
  if (process.env.LOAD_RESULTS) writeSection(join(ROOT, process.env.LOAD_RESULTS), section, HEADING);

  expect(failures.slice(0, 10), `${failures.length} requests did not answer as they should`).toEqual([]);
  const writeShare = samples.filter((s) => s.write).length / samples.length;
  expect(writeShare, 'about a fifth of the requests are writes').toBeGreaterThan(0.12);
  expect(writeShare).toBeLessThan(0.3);
  expect(updates.length).toBeGreaterThan(0);
  expect(patches.length).toBeGreaterThan(0);
});
