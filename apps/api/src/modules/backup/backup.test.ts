import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeDatabase, migrateDatabase, openDatabase, sessions, userAgencies, userRoles, users, writeTransaction, type Db } from '@lrt/db';
import { testDialect } from '@lrt/db/testing';
import { buildApp, cookieNameFor } from '../../app';
import { hashPassword } from '../../lib/password-hash';
import { multipartBody } from '../../testing/multipart';
import { seedSmallPlan, TEST_NOW, TEST_SCRYPT_COST } from '../../testing/test-app';
import { backupDatabase, databaseInUse, restoreDatabase } from './backup.service';

/** The real app on a file database (a backup needs a file), with an evidence folder and a signed-in agency lead. */
async function fileWorld(dir: string) {
  const databasePath = join(dir, 'live', 'tracker.db');
  const evidenceDir = join(dir, 'live', 'evidence');
  const db = openDatabase(databasePath);
  await migrateDatabase(db);
  const plan = await seedSmallPlan(db);
  const app = await buildApp({ db, now: () => TEST_NOW, webDistDir: '/nonexistent', scryptCost: TEST_SCRYPT_COST, evidenceDir });
  await app.ready();
  const passwordHash = await hashPassword('a long test passphrase', TEST_SCRYPT_COST);
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await writeTransaction(db, async (tx) => {
    const [user] = await tx.insert(users).values({ email: 'lead@test.example', name: 'Police Lead', passwordHash }).returning();
    await tx.insert(userRoles).values({ userId: user!.id, role: 'agency_lead' });
    await tx.insert(userAgencies).values({ userId: user!.id, agencyId: plan.police.id });
    await tx.insert(sessions).values({
      idHash: createHash('sha256').update(id).digest('hex'),
      userId: user!.id,
      csrfToken: csrf,
      createdAt: TEST_NOW.toISOString(),
      lastSeenAt: TEST_NOW.toISOString(),
      expiresAt: new Date(TEST_NOW.getTime() + 3_600_000).toISOString(),
    });
  });
  const headers = { cookie: `${cookieNameFor('http://localhost:3000')}=${id}`, 'x-csrf-token': csrf };
  const postUpdate = async (note: string, evidence: { label: string; fileId: number }[] = []) => {
    const response = await app.inject({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, headers, payload: { note, confidence: 'on_track', evidence } });
    return response;
  };
  const upload = async (content: string) => {
    const form = multipartBody([{ name: 'file', filename: 'minutes.txt', contentType: 'text/plain', content }]);
    const response = await app.inject({ method: 'POST', url: '/api/evidence', payload: form.payload, headers: { ...headers, ...form.headers } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: number }>();
  };
  return { db, app, plan, databasePath, evidenceDir, postUpdate, upload, close: async () => (await app.close(), await closeDatabase(db)) };
}

const notesIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      notes: (db.prepare('select note from progress_updates order by id').all() as { note: string }[]).map((r) => r.note),
      evidence: (db.prepare('select sha256 from evidence_files').all() as { sha256: string }[]).map((r) => r.sha256),
    };
  } finally {
    db.close();
  }
};

// SQLite only: the backup copies a SQLite file with better-sqlite3's online backup API and restores one in its place.
// A PostgreSQL database is backed up with the server's own tools (pg_dump), so the PostgreSQL run has nothing to add.
describe.skipIf(testDialect === 'postgres')('online backup and restore', () => {
  let dir: string;
  let world: Awaited<ReturnType<typeof fileWorld>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lrt-backup-'));
    world = await fileWorld(dir);
  });
  afterEach(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a backup taken while updates are being posted holds every update acknowledged before it began, and its evidence, and restores', async () => {
    const documents = ['Minutes of the multi-agency audit, March 2026', 'Training register: 42 officers trained in professional curiosity'];
    const files = [];
    for (const content of documents) files.push(await world.upload(content));
    const acknowledged: string[] = [];
    for (let i = 0; i < 40; i++) {
      const note = `Before the backup ${i}`;
      const response = await world.postUpdate(note, i === 0 ? files.map((f, n) => ({ label: `Document ${n + 1}`, fileId: f.id })) : []);
      expect(response.statusCode, response.body).toBe(201);
      acknowledged.push(note);
    }

    // Writers keep posting while the backup runs, through the app's own connection.
    let writing = true;
    const during: string[] = [];
    const load = (async () => {
      for (let i = 0; writing; i++) {
        const response = await world.postUpdate(`During the backup ${i}`);
        expect(response.statusCode).toBe(201);
        during.push(`During the backup ${i}`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const file = join(dir, 'backups', 'tracker-2026-03-02.db');
    const result = await backupDatabase({ databasePath: world.databasePath, evidenceDir: world.evidenceDir, file });
    writing = false;
    await load;
    expect(during.length).toBeGreaterThan(0);

    // One file that stands alone, and its documents beside it.
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['tracker-2026-03-02.db', 'tracker-2026-03-02.db.evidence']);
    const backedUp = notesIn(file);
    expect(backedUp.integrity).toBe('ok');
    expect(backedUp.notes.slice(0, acknowledged.length)).toEqual(acknowledged);
    // Whatever else it holds is a prefix of what came during it: a snapshot, not a mixture.
    expect(backedUp.notes.slice(acknowledged.length)).toEqual(during.slice(0, backedUp.notes.length - acknowledged.length));
    expect(result).toMatchObject({ evidenceCopied: 2, evidenceMissing: [] });
    for (const sha of backedUp.evidence) {
      expect(readFileSync(join(result.evidenceDir, sha.slice(0, 2), sha))).toEqual(readFileSync(join(world.evidenceDir, sha.slice(0, 2), sha)));
    }

    // While the server has its database open, a restore is refused and changes nothing.
    expect(databaseInUse(world.databasePath)).toBe(true);
    await expect(restoreDatabase({ file, databasePath: world.databasePath, evidenceDir: world.evidenceDir })).rejects.toThrow(/open in a running server\. Stop the server first/);
    expect(notesIn(world.databasePath).notes.length).toBe(acknowledged.length + during.length);

    // Stopped, and its evidence folder lost: the restore brings back the database as backed up and the documents.
    const liveCount = acknowledged.length + during.length;
    await world.close();
    world.close = async () => {};
    rmSync(world.evidenceDir, { recursive: true, force: true });
    expect(databaseInUse(world.databasePath)).toBe(false);
    const restored = await restoreDatabase({ file, databasePath: world.databasePath, evidenceDir: world.evidenceDir, now: TEST_NOW });
    expect(restored).toMatchObject({ evidenceRestored: 2 });
    expect(notesIn(world.databasePath)).toEqual(backedUp);
    expect(readdirSync(join(dir, 'live')).filter((name) => name.includes('restoring'))).toEqual([]);
    expect(notesIn(restored.previous!).notes.length).toBe(liveCount);
    for (const [n, sha] of backedUp.evidence.entries()) expect(existsSync(join(world.evidenceDir, sha.slice(0, 2), sha)), `document ${n}`).toBe(true);

    // The restored database serves again.
    const db: Db = openDatabase(world.databasePath);
    await migrateDatabase(db);
    expect(db.$client.prepare('select count(*) as n from progress_updates').get()).toEqual({ n: backedUp.notes.length });
    await closeDatabase(db);
  });

  test('a restore refuses a backup that is damaged or not a tracker database, and leaves the database as it was', async () => {
    expect((await world.postUpdate('Kept')).statusCode).toBe(201);
    await world.close();
    world.close = async () => {};
    const damaged = join(dir, 'damaged.db');
    const good = join(dir, 'good.db');
    await backupDatabase({ databasePath: world.databasePath, evidenceDir: world.evidenceDir, file: good });
    const bytes = readFileSync(good);
    bytes.fill(0x5a, 4096, bytes.length); // every page after the first overwritten
    writeFileSync(damaged, bytes);
    await expect(restoreDatabase({ file: damaged, databasePath: world.databasePath, evidenceDir: world.evidenceDir })).rejects.toThrow(/Not restored/);
    const other = join(dir, 'other.db');
    new Database(other).exec('create table people (name text)');
    await expect(restoreDatabase({ file: other, databasePath: world.databasePath, evidenceDir: world.evidenceDir })).rejects.toThrow(/not the tracker's/);
    await expect(restoreDatabase({ file: join(dir, 'missing.db'), databasePath: world.databasePath, evidenceDir: world.evidenceDir })).rejects.toThrow(/does not exist/);
    expect(notesIn(world.databasePath).notes).toEqual(['Kept']);
    // A backup never overwrites another.
    await expect(backupDatabase({ databasePath: world.databasePath, evidenceDir: world.evidenceDir, file: good })).rejects.toThrow(/already exists/);
  });
});
