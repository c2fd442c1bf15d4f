/**
 * The server killed mid-write (SIGKILL, at random moments), again and again: `pnpm test:crash` (CRASH_ROUNDS=n,
 * 20 by default; CRASH_SEED=n repeats a run). The real server (bundled once, as `pnpm build` bundles it) runs as
 * a child process on a file database; writers post progress updates, edit actions and import plans over HTTP at
 * the same time. Every write carries a token of its own, so after each restart the database can be asked about
 * each one: every write answered 2xx is there with exactly one audit event; a write cut off by the kill is
 * either wholly there (its rows and its one audit event) or wholly absent; an import is all its rows or none;
 * each action's version, status, latest confidence and last update agree with its history; integrity_check is ok.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleServer, freePort, ServerProcess, signIn as signInAt, type Session } from '../support/server-process';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
let seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const SEED = seed;
/** A small seeded generator, so that a failing run can be repeated with its CRASH_SEED. */
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

const PASSWORD = 'crash test demo passphrase';
const WRITERS = 6;
const IMPORT_ROWS = 12;

let work: string;
let server: ServerProcess;
let removeBundle: (() => void) | undefined;

const signIn = (email: string) => signInAt(server.baseUrl, email, PASSWORD);

/** A write as the writers sent it: acknowledged (2xx came back), refused (another status), or cut off (no answer). */
type Outcome = 'acknowledged' | 'refused' | 'cut_off';
interface UpdateWrite {
  kind: 'update';
  token: string;
  actionId: number;
  outcome: Outcome;
  id?: number;
}
interface PatchWrite {
  kind: 'patch';
  token: string;
  actionId: number;
  outcome: Outcome;
  version?: number;
}
interface ImportWrite {
  kind: 'import';
  token: string;
  outcome: Outcome;
  importId?: number;
}
type Write = UpdateWrite | PatchWrite | ImportWrite;
const writes: Write[] = [];

async function send(session: Session, method: string, path: string, body?: unknown, form?: FormData) {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.baseUrl}/api${path}`, {
    method,
    headers,
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}

interface World {
  admin: Session;
  police: Session;
  /** Open police actions the writers share. */
  actionIds: number[];
  reviewId: number;
  agencyName: string;
}

let counter = 0;
const tokenFor = (kind: string) => `crash-${SEED}-${kind}-${++counter}`;

async function postUpdate(world: World) {
  const actionId = pick(world.actionIds);
  const token = tokenFor('update');
  const write: UpdateWrite = { kind: 'update', token, actionId, outcome: 'cut_off' };
  writes.push(write);
  const body: Record<string, unknown> = { note: token, confidence: pick(['on_track', 'at_risk', 'off_track']) };
  // Now and then a move of status, from what the writer last saw (refused with 409 if that is no longer so).
  if (random() < 0.2) body.statusChange = { from: 'not_started', to: 'in_progress' };
  const response = await send(pick([world.admin, world.police]), 'POST', `/actions/${actionId}/updates`, body);
  const answer = (await response.json()) as { id?: number };
  write.outcome = response.ok ? 'acknowledged' : 'refused';
  if (response.ok) write.id = answer.id;
}

async function patchAction(world: World) {
  const actionId = pick(world.actionIds);
  const token = tokenFor('patch');
  const write: PatchWrite = { kind: 'patch', token, actionId, outcome: 'cut_off' };
  const seen = await send(world.admin, 'GET', `/actions/${actionId}`);
  const { version } = (await seen.json()) as { version: number };
  writes.push(write);
  const response = await send(world.admin, 'PATCH', `/actions/${actionId}`, { version, successMeasure: token });
  const answer = (await response.json()) as { version?: number };
  write.outcome = response.ok ? 'acknowledged' : 'refused';
  if (response.ok) write.version = answer.version;
}

async function importPlan(world: World) {
  const token = tokenFor('import');
  const write: ImportWrite = { kind: 'import', token, outcome: 'cut_off' };
  writes.push(write);
  const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => `"${world.agencyName}","${token} row ${i + 1}","2027-03-31"`);
  const csv = ['Agency,Action to be taken,Target date', ...rows].join('\n');
  const form = new FormData();
  form.set('reviewId', String(world.reviewId));
  form.set('file', new Blob([csv], { type: 'text/csv' }), `${token}.csv`);
  const draft = await send(world.admin, 'POST', '/imports', undefined, form);
  const preview = (await draft.json()) as { id?: number };
  if (!draft.ok) {
    write.outcome = 'refused';
    throw new Error(`the import was refused on upload: ${draft.status} ${JSON.stringify(preview)}`);
  }
  write.importId = preview.id;
  const commit = await send(world.admin, 'POST', `/imports/${preview.id}/commit`);
  const result = (await commit.json()) as { created?: number };
  write.outcome = commit.ok ? 'acknowledged' : 'refused';
  if (commit.ok) expect(result.created).toBe(IMPORT_ROWS);
}

/** Writers at work until the kill; a request the kill cuts off stays `cut_off`. */
async function writer(world: World, stopped: () => boolean) {
  while (!stopped()) {
    const chance = random();
    try {
      if (chance < 0.6) await postUpdate(world);
      else if (chance < 0.9) await patchAction(world);
      else await importPlan(world);
    } catch (error) {
      if (stopped()) return;
      throw error;
    }
  }
}

const one = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const countOf = (db: Database.Database, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

/** Everything the writers were told, held against what the restarted server's database holds. */
function check(initial: Map<number, { version: number; status: string }>) {
  const db = new Database(join(work, 'tracker.db'), { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const write of writes) {
      const label = `${write.kind} ${write.token} (${write.outcome})`;
      if (write.kind === 'update') {
        const rows = db.prepare('select id, action_id from progress_updates where note = ?').all(write.token) as { id: number; action_id: number }[];
        const events = countOf(db, "select count(*) as n from audit_events where entity = 'action' and operation = 'progress_update' and json_extract(after, '$.note') = ?", write.token);
        if (write.outcome === 'acknowledged') {
          expect(rows, label).toEqual([{ id: write.id, action_id: write.actionId }]);
          expect(events, label).toBe(1);
        } else {
          expect(rows.length, label).toBeLessThanOrEqual(1);
          if (write.outcome === 'refused') expect(rows.length, label).toBe(0);
          expect(events, label).toBe(rows.length);
        }
      } else if (write.kind === 'patch') {
        const events = countOf(db, "select count(*) as n from audit_events where entity = 'action' and operation = 'update' and entity_id = ? and json_extract(after, '$.successMeasure') = ?", write.actionId, write.token);
        if (write.outcome === 'acknowledged') expect(events, label).toBe(1);
        else if (write.outcome === 'refused') expect(events, label).toBe(0);
        else expect(events, label).toBeLessThanOrEqual(1);
      } else {
        const made = countOf(db, 'select count(*) as n from actions where action like ?', `${write.token} row %`);
        const created = countOf(
          db,
          "select count(*) as n from audit_events e join actions a on a.id = e.entity_id where e.entity = 'action' and e.operation = 'create' and a.action like ?",
          `${write.token} row %`,
        );
        const importEvents =
          write.importId === undefined ? 0 : countOf(db, "select count(*) as n from audit_events where entity = 'import' and operation = 'create' and entity_id = ?", write.importId);
        const state = write.importId === undefined ? undefined : one<{ state: string } | undefined>(db, 'select state from imports where id = ?', write.importId)?.state;
        if (write.outcome === 'acknowledged') {
          expect({ made, created, importEvents, state }, label).toEqual({ made: IMPORT_ROWS, created: IMPORT_ROWS, importEvents: 1, state: 'committed' });
        } else {
          // All of it or none of it.
          const whole = { made: IMPORT_ROWS, created: IMPORT_ROWS, importEvents: 1, state: 'committed' };
          const none = { made: 0, created: 0, importEvents: 0 };
          const seen = { made, created, importEvents, state };
          if (write.outcome === 'refused' || made === 0) expect({ made, created, importEvents }, label).toEqual(none);
          else expect(seen, label).toEqual(whole);
        }
      }
    }
    // Each shared action agrees with its own history.
    for (const [actionId, start] of initial) {
      const action = one<{ version: number; status: string; success_measure: string; latest_confidence: string | null; last_update_at: string | null }>(
        db,
        'select version, status, success_measure, latest_confidence, last_update_at from actions where id = ?',
        actionId,
      );
      const changes = countOf(db, "select count(*) as n from audit_events where entity = 'action' and entity_id = ? and operation in ('update', 'progress_update') and id > ?", actionId, baselineEvent);
      expect(action.version, `action ${actionId}: one version per change in its trail`).toBe(start.version + changes);
      const latest = one<{ confidence: string; created_at: string } | undefined>(
        db,
        "select confidence, created_at from progress_updates where action_id = ? and kind = 'progress' order by created_at desc, id desc limit 1",
        actionId,
      );
      if (latest) expect({ confidence: action.latest_confidence, at: action.last_update_at }, `action ${actionId}: its latest update`).toEqual({ confidence: latest.confidence, at: latest.created_at });
      const moved = countOf(db, "select count(*) as n from progress_updates where action_id = ? and status_to = 'in_progress' and id > ?", actionId, baselineUpdate);
      expect(action.status, `action ${actionId}: its status and its updates`).toBe(moved > 0 ? 'in_progress' : start.status);
      const lastPatch = one<{ value: string } | undefined>(
        db,
        "select json_extract(after, '$.successMeasure') as value from audit_events where entity = 'action' and entity_id = ? and operation = 'update' and json_extract(after, '$.successMeasure') is not null order by id desc limit 1",
        actionId,
      );
      if (lastPatch) expect(action.success_measure, `action ${actionId}: its last edit`).toBe(lastPatch.value);
    }
  } finally {
    db.close();
  }
}

let baselineEvent = 0;
let baselineUpdate = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lrt-crash-'));
  const bundle = await bundleServer('crash-test');
  removeBundle = bundle.remove;
  server = new ServerProcess({ serverJs: bundle.serverJs, work, port: await freePort(), demoPassword: PASSWORD });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
  removeBundle?.();
});

test(`every acknowledged write survives ${ROUNDS} kills of the server (seed ${SEED})`, async () => {
  await server.start();
  const admin = await signIn('admin@demo.example');
  const police = await signIn('police@demo.example');
  const seedDb = new Database(join(work, 'tracker.db'), { readonly: true });
  const { agency_id: policeAgencyId } = seedDb
    .prepare("select agency_id from user_agencies join users on users.id = user_agencies.user_id where users.email = 'police@demo.example'")
    .get() as { agency_id: number };
  const shared = seedDb
    .prepare("select id, version, status from actions where owner_agency_id = ? and status in ('not_started', 'in_progress') order by id limit 8")
    .all(policeAgencyId) as { id: number; version: number; status: string }[];
  const agency = seedDb.prepare('select name from agencies where id = ?').get(policeAgencyId) as { name: string };
  const review = seedDb.prepare('select id from reviews order by id limit 1').get() as { id: number };
  baselineEvent = (seedDb.prepare('select coalesce(max(id), 0) as n from audit_events').get() as { n: number }).n;
  baselineUpdate = (seedDb.prepare('select coalesce(max(id), 0) as n from progress_updates').get() as { n: number }).n;
  seedDb.close();
  expect(shared.length).toBeGreaterThanOrEqual(4);
  const world: World = { admin, police, actionIds: shared.map((a) => a.id), reviewId: review.id, agencyName: agency.name };
  const initial = new Map(shared.map((a) => [a.id, { version: a.version, status: a.status }]));

  for (let round = 1; round <= ROUNDS; round++) {
    let stopped = false;
    const running = Array.from({ length: WRITERS }, () => writer(world, () => stopped));
    await new Promise((r) => setTimeout(r, 150 + random() * 600));
    stopped = true;
    await server.stop('SIGKILL');
    const failures = (await Promise.allSettled(running)).filter((r) => r.status === 'rejected');
    expect(failures, `round ${round}: a writer failed before the kill`).toEqual([]);
    await server.start();
    check(initial);
  }
  const tally = (kind: Write['kind'], outcome: Outcome) => writes.filter((w) => w.kind === kind && w.outcome === outcome).length;
  const summary = (['update', 'patch', 'import'] as const).map((k) => `${k}: ${tally(k, 'acknowledged')} acknowledged, ${tally(k, 'refused')} refused, ${tally(k, 'cut_off')} cut off`);
  console.log(`crash test, seed ${SEED}, ${ROUNDS} kills:\n  ${summary.join('\n  ')}`);
  // The kills must have landed on writes in flight, or the test proves little.
  expect(writes.filter((w) => w.outcome === 'cut_off').length).toBeGreaterThanOrEqual(ROUNDS);
  expect(tally('import', 'acknowledged') + tally('import', 'cut_off')).toBeGreaterThan(0);
});
