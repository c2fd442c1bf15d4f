import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from './client';
import { defaultMigrationsFolder, migrateDatabase } from './migrate';
import { testDialect } from './testing';

/** The committed SQLite migrations up to and including `tag`, as a migrations folder of their own: a database as an older release left it. */
function migrationsUpTo(tag: string): string {
  const source = join(defaultMigrationsFolder(), 'sqlite');
  const root = mkdtempSync(join(tmpdir(), 'lrt-migrations-'));
  const folder = join(root, 'sqlite');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(source, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(last).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) copyFileSync(join(source, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  for (const name of readdirSync(join(source, 'meta')).filter((n) => n.endsWith('_snapshot.json'))) {
    if (journal.entries.some((entry) => name.startsWith(`${String(entry.idx).padStart(4, '0')}_`))) copyFileSync(join(source, 'meta', name), join(folder, 'meta', name));
  }
  return root;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

// SQLite only: these upgrade a SQLite file that an older release left (its rebuilt tables, FTS5 index and triggers,
// checked with SQLite's pragmas). PostgreSQL's migrations begin at this release, so there is no older one to upgrade.
describe.skipIf(testDialect === 'postgres')('upgrading a database that holds a partnership', () => {
  it('keeps every progress update, their full-text notes and their append-only guard through the plan-keeping migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-upgrade-'));
    const older = migrationsUpTo('0003_audit_trail_guards');
    const db: Db = openDatabase(join(dir, 'tracker.db'));
    cleanups.push(async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      rmSync(older, { recursive: true, force: true });
    });
    await migrateDatabase(db, older);
    const sqlite = db.$client;
    sqlite.exec(`
      insert into agencies (name, short_name, kind) values ('Northmoor Police', 'NP', 'police'), ('Northmoor Council', 'NC', 'local_authority');
      insert into reviews (code, type, child_pseudonym, title, stage) values ('R-1', 'lcspr', 'Child R', 'A review', 'review');
      insert into actions (ref, review_id, kind, owner_agency_id, learning_need, action) values ('R-1/A1', 1, 'multi_agency', 1, 'Need', 'Act');
      insert into action_agencies (action_id, agency_id) values (1, 2);
      insert into progress_updates (action_id, author_name, note, confidence, status_from, status_to)
        values (1, 'DI Shah', 'Chronology audit started', 'on_track', 'not_started', 'in_progress');
    `);

    await migrateDatabase(db);

    expect(sqlite.prepare('select id, kind, confidence, note from progress_updates').all()).toEqual([
      { id: 1, kind: 'progress', confidence: 'on_track', note: 'Chronology audit started' },
    ]);
    // The link rows of the action survive (no table they depend on was rebuilt).
    expect(sqlite.prepare('select action_id, agency_id from action_agencies').all()).toEqual([{ action_id: 1, agency_id: 2 }]);
    expect(sqlite.prepare(`select rowid from actions_fts where actions_fts match 'chronology'`).all()).toEqual([{ rowid: 1 }]);
    sqlite.exec(`insert into progress_updates (action_id, author_name, note, confidence) values (1, 'DI Shah', 'Genogram added', 'on_track')`);
    expect(sqlite.prepare(`select rowid from actions_fts where actions_fts match 'genogram'`).all()).toEqual([{ rowid: 1 }]);
    expect(() => sqlite.exec('delete from progress_updates')).toThrow(/append-only/);
    expect(() => sqlite.exec(`update progress_updates set note = 'rewritten'`)).toThrow(/append-only/);
    expect(sqlite.prepare('select reply_period_days, evidence_max_megabytes from settings').get()).toEqual({ reply_period_days: 28, evidence_max_megabytes: 20 });
    expect(sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
    expect(sqlite.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('keeps progress updates, their evidence links and every guard through the security migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-upgrade-'));
    const older = migrationsUpTo('0004_plan_keeping');
    const db: Db = openDatabase(join(dir, 'tracker.db'));
    cleanups.push(async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      rmSync(older, { recursive: true, force: true });
    });
    await migrateDatabase(db, older);
    const sqlite = db.$client;
    sqlite.exec(`
      insert into agencies (name, short_name, kind) values ('Northmoor Police', 'NP', 'police');
      insert into reviews (code, type, child_pseudonym, title, stage) values ('R-1', 'lcspr', 'Child R', 'A review', 'review');
      insert into actions (ref, review_id, kind, owner_agency_id, learning_need, action) values ('R-1/A1', 1, 'single_agency', 1, 'Need', 'Act');
      insert into progress_updates (action_id, author_name, note, confidence) values (1, 'DI Shah', 'Chronology audit started', 'on_track');
      insert into progress_updates (action_id, author_name, kind, note, question, reply_by) values (1, 'Chair', 'return', 'Which teams?', 'Which teams?', '2027-01-31');
      insert into evidence_files (sha256, name, size, content_type, uploaded_by_name) values ('ab', 'audit.pdf', 10, 'application/pdf', 'DI Shah'), ('cd', 'spare.pdf', 10, 'application/pdf', 'DI Shah');
      insert into progress_update_files (progress_update_id, evidence_file_id) values (1, 1);
      insert into audit_events (actor_name, entity, entity_id, operation) values ('DI Shah', 'action', 1, 'progress_update');
    `);

    await migrateDatabase(db);

    expect(sqlite.prepare('select id, kind, confidence from progress_updates order by id').all()).toEqual([
      { id: 1, kind: 'progress', confidence: 'on_track' },
      { id: 2, kind: 'return', confidence: null },
    ]);
    expect(sqlite.prepare('select operation from audit_events').all()).toEqual([{ operation: 'progress_update' }]);
    expect(sqlite.prepare('select progress_update_id, evidence_file_id from progress_update_files').all()).toEqual([{ progress_update_id: 1, evidence_file_id: 1 }]);
    // A chair's comment is a kind of its own now, with no confidence.
    sqlite.exec(`insert into progress_updates (action_id, author_name, kind, note) values (1, 'Chair', 'comment', 'Raised at the subgroup')`);
    expect(() => sqlite.exec(`insert into progress_updates (action_id, author_name, kind, note, confidence) values (1, 'Chair', 'comment', 'x', 'on_track')`)).toThrow(/CHECK/);
    expect(sqlite.prepare(`select rowid from actions_fts where actions_fts match 'subgroup'`).all()).toEqual([{ rowid: 1 }]);
    expect(() => sqlite.exec('delete from progress_updates')).toThrow(/append-only/);
    expect(() => sqlite.exec(`update progress_updates set note = 'rewritten'`)).toThrow(/append-only/);
    expect(() => sqlite.exec('delete from progress_update_files')).toThrow(/append-only/);
    expect(() => sqlite.exec('delete from evidence_files where id = 1')).toThrow(/kept for good/);
    sqlite.exec('delete from evidence_files where id = 2');
    // The audit trail keeps its events and stays append-only through its rebuild.
    sqlite.exec(`insert into audit_events (actor_name, entity, operation) values ('Admin', 'user', 'password_changed')`);
    expect(() => sqlite.exec(`insert into audit_events (actor_name, entity, operation) values ('Admin', 'user', 'anything')`)).toThrow(/CHECK/);
    expect(() => sqlite.exec('delete from audit_events')).toThrow(/append-only/);
    expect(() => sqlite.exec(`update audit_events set actor_name = 'x'`)).toThrow(/append-only/);
    expect(sqlite.prepare('select must_change_password, totp_secret from users').all()).toEqual([]);
    expect(sqlite.prepare('select require_mfa_roles from settings').get()).toEqual({ require_mfa_roles: '[]' });
    expect(sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
    expect(sqlite.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });
});
