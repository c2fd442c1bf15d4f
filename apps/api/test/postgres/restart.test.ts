/**
 * Two API instances on one PostgreSQL database, written to by several clients while PostgreSQL itself restarts
 * (`pg_ctl restart -m fast`, which ends every connection): both instances start together and migrate and load the
 * demo once; while the database is away every request answers 503 `database.unavailable` (never a 500), and once
 * it is back the instances carry on by themselves; every progress update answered 201 is in the database exactly
 * once afterwards. Run by scripts/with-postgres.sh, which says how to restart its server (TEST_POSTGRES_RESTART).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgencies } from '../../../../seeds/demo';
import { bundleServer, freePort, ServerProcess, signIn, type Session } from '../support/server-process';

const SERVER = process.env.TEST_POSTGRES_URL;
const RESTART = process.env.TEST_POSTGRES_RESTART;
const PASSWORD = 'restart test demo passphrase';
const WRITERS = 8;

const databaseUrl = (name: string) => {
  const url = new URL(SERVER!);
  url.pathname = `/${name}`;
  return url.toString();
};

describe.skipIf(!SERVER || !RESTART)('PostgreSQL restarting under load, with two API instances', () => {
  const name = `lrt_restart_${process.pid}`;
  let work: string;
  let removeBundle: () => void;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    work = mkdtempSync(join(tmpdir(), 'lrt-restart-'));
    const bundle = await bundleServer('restart-test');
    removeBundle = bundle.remove;
    for (const label of ['a', 'b']) {
      servers.push(
        new ServerProcess({
          serverJs: bundle.serverJs,
          work,
          port: await freePort(),
          demoPassword: PASSWORD,
          env: { DATABASE_URL: databaseUrl(name), DATABASE_POOL_SIZE: '4', LOG_LEVEL: 'error', INSTANCE: label },
        }),
      );
    }
    // Both at once, on an empty database: one migrates and seeds while the other waits on the same locks.
    await Promise.all(servers.map((s) => s.start()));
  });

  afterAll(async () => {
    for (const s of servers) await s.stop();
    removeBundle?.();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('answers 503 while the database is away, carries on after, and loses no acknowledged write', async () => {
    const sessions: { base: string; session: Session }[] = [];
    for (const s of servers) sessions.push({ base: s.baseUrl, session: await signIn(s.baseUrl, 'admin@demo.example', PASSWORD) });
    const mine = await fetch(`${sessions[0]!.base}/api/actions?limit=50&status=in_progress&status=not_started`, {
      headers: { cookie: sessions[0]!.session.cookie },
    });
    const actionIds = ((await mine.json()) as { items: { id: number; canUpdate?: boolean }[] }).items.map((a) => a.id);
    expect(actionIds.length).toBeGreaterThan(0);

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let stopped = false;
    let sent = 0;
    const writer = async (w: number) => {
      while (!stopped) {
        const { base, session } = sessions[w % sessions.length]!;
        const note = `restart ${process.pid} writer ${w} note ${++sent}`;
        try {
          const response = await fetch(`${base}/api/actions/${actionIds[sent % actionIds.length]}/updates`, {
            method: 'POST',
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ note, confidence: 'on_track' }),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const body = (await response.json()) as { code?: string };
          if (response.status === 201) acknowledged.push(note);
          else if (response.status === 503) expect(body.code).toBe('database.unavailable');
          else {
            const causes = servers.flatMap((s) => s.output.join('').match(/caused by: [^\\]*|"message":"[^"]{0,200}/g) ?? []);
            throw new Error(`unexpected ${response.status}: ${JSON.stringify(body)}\n${[...new Set(causes)].slice(0, 5).join('\n')}`);
          }
        } catch (error) {
          if (error instanceof TypeError) continue; // the connection to the instance itself failed: not a write answered
          throw error;
        }
        if (statuses.get(503)) await new Promise((r) => setTimeout(r, 20));
      }
    };
    const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 1_500));
    const beforeRestart = acknowledged.length;
    // Not execSync: the writers keep writing while the database goes away and comes back.
    await new Promise((resolve, reject) => {
      const restart = spawn('sh', ['-c', RESTART!], { stdio: 'ignore' });
      restart.once('error', reject);
      restart.once('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`restarting PostgreSQL failed (${code})`))));
    });
    const afterRestart = acknowledged.length;
    await new Promise((r) => setTimeout(r, 3_000));
    stopped = true;
    await Promise.all(running);

    expect(beforeRestart, 'writes went through before the restart').toBeGreaterThan(0);
    const logs = servers.map((s) => s.output.join('').slice(-3000)).join('\n---\n');
    expect(acknowledged.length, `writes went through again after the restart (answers: ${JSON.stringify([...statuses])})\n${logs}`).toBeGreaterThan(afterRestart);
    expect(statuses.get(500) ?? 0, `no 500s (answers: ${JSON.stringify([...statuses])})`).toBe(0);

    const db = new pg.Client({ connectionString: databaseUrl(name) });
    await db.connect();
    try {
      const { rows } = await db.query<{ note: string; n: string }>('select note, count(*) as n from progress_updates where note like $1 group by note', [
        `restart ${process.pid} %`,
      ]);
      const stored = new Map(rows.map((r) => [r.note, Number(r.n)]));
      const missing = acknowledged.filter((note) => stored.get(note) !== 1);
      expect(missing, 'every acknowledged note is there exactly once').toEqual([]);
      const { rows: agencies } = await db.query<{ n: string }>('select count(*) as n from agencies');
      expect(Number(agencies[0]!.n), 'the demo was loaded once').toBe(demoAgencies.length);
    } finally {
      await db.end();
    }
  });
});
