/**
 * Online backups of the tracker, and their restore.
 *
 * A backup is two things side by side: `<file>`, a copy of the database made with SQLite's online backup API while
 * the server runs (a consistent snapshot: every write committed before it began, nothing half-written), and
 * `<file>.evidence/`, the evidence documents that snapshot refers to, in the evidence folder's own layout
 * (`ab/abcdef…`, named by their SHA-256, checked as they are copied). Restore puts both back.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  file: string;
  evidenceDir: string;
  bytes: number;
  evidenceCopied: number;
  /** Documents the database names that were not in the evidence folder (nothing can bring them back). */
  evidenceMissing: string[];
}

export interface RestoreResult {
  databasePath: string;
  /** Where the database that was there before is kept, if there was one. */
  previous: string | null;
  evidenceRestored: number;
}

export class BackupError extends Error {}

const SHA256 = /^[0-9a-f]{64}$/;
const evidenceFolderOf = (file: string) => `${file}.evidence`;
const evidencePath = (root: string, sha256: string) => join(root, sha256.slice(0, 2), sha256);

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Makes a copy one file that stands alone: a rollback journal instead of WAL (the server turns WAL back on when it
 * opens it), and no -wal or -shm beside it (a read-only check leaves them; the last read-write connection to
 * close removes them).
 */
function standAlone(path: string) {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/** `ok` when SQLite finds the file sound and it is a tracker's database; otherwise what is wrong. */
export function checkDatabaseFile(path: string): string {
  if (!existsSync(path)) return `${path} does not exist`;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `${path} fails SQLite's integrity check: ${String(integrity)}`;
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name in ('actions', 'audit_events', 'evidence_files')").all();
    if (tables.length !== 3) return `${path} is a SQLite database but not the tracker's`;
    return 'ok';
  } catch (error) {
    return `${path} cannot be read as a database (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}

function referencedEvidence(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select distinct sha256 from evidence_files order by sha256').all() as { sha256: string }[];
    return rows.map((r) => r.sha256).filter((sha) => SHA256.test(sha));
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `file` with the online backup API, from a connection of its own: the server goes on
 * reading and writing meanwhile. The copy is taken in one step, so it is the database as one transaction saw it
 * (were a write to land between steps, SQLite would start the copy again). Then the evidence documents the copy
 * refers to are copied beside it, each checked against its name. Refuses to overwrite an existing backup.
 */
export async function backupDatabase(options: { databasePath: string; evidenceDir: string; file: string }): Promise<BackupResult> {
  const { databasePath, evidenceDir, file } = options;
  const evidenceTarget = evidenceFolderOf(file);
  if (!existsSync(databasePath)) throw new BackupError(`There is no database at ${databasePath} (DATABASE_PATH).`);
  if (existsSync(file) || existsSync(evidenceTarget)) throw new BackupError(`${file} (or ${basename(evidenceTarget)}) already exists: choose a new name for the backup.`);
  mkdirSync(dirname(file), { recursive: true });
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    await source.backup(file, { progress: () => 1_000_000_000 });
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  } finally {
    source.close();
  }
  standAlone(file);
  const check = checkDatabaseFile(file);
  if (check !== 'ok') throw new BackupError(`The backup did not check out: ${check}`);

  mkdirSync(evidenceTarget, { recursive: true });
  let evidenceCopied = 0;
  const evidenceMissing: string[] = [];
  for (const sha256 of referencedEvidence(file)) {
    const from = evidencePath(evidenceDir, sha256);
    if (!existsSync(from)) {
      evidenceMissing.push(sha256);
      continue;
    }
    const to = evidencePath(evidenceTarget, sha256);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    if ((await sha256Of(to)) !== sha256) throw new BackupError(`The evidence document ${from} does not match its SHA-256: it has been altered on disk.`);
    evidenceCopied++;
  }
  return { file, evidenceDir: evidenceTarget, bytes: statSync(file).size, evidenceCopied, evidenceMissing };
}

/**
 * Whether some program (a running server) has the database open. Every open connection in WAL mode holds a shared
 * lock on the file, so an exclusive lock, asked for without waiting, is refused while anything holds it.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

const STOP_FIRST =
  'Stop the server first (Ctrl+C where it runs, `docker compose stop api`, or your service manager), then run the restore again, and start the server after it.';

/**
 * Puts a backup back in place of the database at `databasePath`, with its evidence documents. Refuses while a
 * server has the database open, and refuses a backup that fails the integrity check. The database that was there
 * is kept beside it (`<name>.before-restore-<time>`), never deleted; evidence documents already in the folder are
 * kept too (they are named by their contents, so one of the same name is the same document).
 */
export async function restoreDatabase(options: { file: string; databasePath: string; evidenceDir: string; now?: Date }): Promise<RestoreResult> {
  const { file, databasePath, evidenceDir } = options;
  const check = checkDatabaseFile(file);
  if (check !== 'ok') throw new BackupError(`Not restored: ${check}`);
  if (databaseInUse(databasePath)) throw new BackupError(`Not restored: the database ${databasePath} is open in a running server. ${STOP_FIRST}`);

  // The evidence first: a restored database never refers to a document that is not there.
  const evidenceSource = evidenceFolderOf(file);
  let evidenceRestored = 0;
  if (existsSync(evidenceSource)) {
    for (const fan of readdirSync(evidenceSource)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const name of readdirSync(join(evidenceSource, fan))) {
        if (!SHA256.test(name) || !name.startsWith(fan)) continue;
        const from = join(evidenceSource, fan, name);
        if ((await sha256Of(from)) !== name) throw new BackupError(`Not restored: the backup's evidence document ${from} does not match its SHA-256.`);
        const to = evidencePath(evidenceDir, name);
        if (existsSync(to)) continue;
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, `${to}.restoring`);
        renameSync(`${to}.restoring`, to);
        evidenceRestored++;
      }
    }
  }
  const missing = referencedEvidence(file).filter((sha) => !existsSync(evidencePath(evidenceDir, sha)));

  // Copied beside the database, checked, and only then renamed into place.
  mkdirSync(dirname(databasePath), { recursive: true });
  const staged = `${databasePath}.restoring`;
  rmSync(staged, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staged, { progress: () => 1_000_000_000 });
  } finally {
    source.close();
  }
  standAlone(staged);
  const staging = checkDatabaseFile(staged);
  if (staging !== 'ok') {
    rmSync(staged, { force: true });
    throw new BackupError(`Not restored: the copy did not check out: ${staging}`);
  }
  if (databaseInUse(databasePath)) {
    rmSync(staged, { force: true });
    throw new BackupError(`Not restored: a server opened ${databasePath} while the backup was being copied. ${STOP_FIRST}`);
  }
  let previous: string | null = null;
  if (existsSync(databasePath)) {
    previous = `${databasePath}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    // The last connection to close checkpoints its WAL into the file, so the file alone is the whole database.
    new Database(databasePath, { fileMustExist: true }).close();
    renameSync(databasePath, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  renameSync(staged, databasePath);
  if (missing.length > 0) {
    throw new BackupError(
      `Restored, but ${missing.length} evidence document(s) the database refers to are in neither the backup nor ${evidenceDir}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    );
  }
  return { databasePath, previous, evidenceRestored };
}
