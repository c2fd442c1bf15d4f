/**
 * Administration from the command line, on the server: `node apps/api/dist/cli.js create-admin --email E --name N`
 * creates the first administrator (the password is read from ADMIN_PASSWORD, or asked for without echo).
 * `backup <file>` copies the database (while the server runs) and the evidence documents it refers to
 * (`<file>.evidence/`); `restore <file>` puts them back, with the server stopped (`pnpm db:backup` / `pnpm db:restore`).
 * Both read DATABASE_PATH and EVIDENCE_DIR as the server does. `copy --from <address> --to <address>` moves a
 * partnership between databases, SQLite and PostgreSQL either way (`pnpm db:copy`).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { closeDatabase, connectDatabase, copyDatabase, CopyRefused, DatabaseUnavailableError, migrateDatabase, withoutPassword, type DatabaseTarget } from '@lrt/db';
import { readConfig } from './config';
import { SYSTEM_ACTOR } from './lib/audit';
import { ProblemError } from './plugins/problems';
import { createUser } from './modules/users/users.service';
import { BackupError, backupDatabase, restoreDatabase } from './modules/backup/backup.service';

async function askPassword(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  process.stdout.write(prompt);
  muted = true;
  const answer = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function createAdmin(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) throw new Error('usage: create-admin --email you@example.org --name "Your Name"');
  const config = readConfig();
  const password = config.adminPassword ?? (await askPassword('Password (at least 12 characters): '));
  const db = await connectDatabase(config.database);
  try {
    await migrateDatabase(db, config.migrationsDir);
    const user = await createUser(db, { email: values.email, name: values.name, password, roles: ['admin'], agencyIds: [], subgroupIds: [] }, new Date(), SYSTEM_ACTOR, undefined, {
      mustChangePassword: false,
    });
    console.log(`Created administrator ${user.email} (id ${user.id}).`);
  } finally {
    await closeDatabase(db);
  }
}

function fileArgument(args: string[], usage: string): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BackupError(`usage: ${usage}`);
  return positionals[0]!;
}

/** Backup and restore copy the SQLite file; a PostgreSQL database is backed up by its own tools. */
function requireSqlite(config: ReturnType<typeof readConfig>, command: string) {
  if (config.database.dialect === 'postgres') {
    throw new BackupError(
      `${command} copies the SQLite file, but DATABASE_URL names a PostgreSQL database: back it up with pg_dump (or your managed service's backups) and copy EVIDENCE_DIR (or its S3 bucket) with it; the README's "Backups" section says how`,
    );
  }
}

async function backup(args: string[]) {
  const file = fileArgument(args, 'backup <file>   (e.g. backup backups/tracker-2026-03-02.db)');
  const config = readConfig();
  requireSqlite(config, 'backup');
  const result = await backupDatabase({ databasePath: config.databasePath, evidenceDir: config.evidenceDir, file });
  console.log(`Backed up ${config.databasePath} to ${result.file} (${(result.bytes / 1024).toFixed(0)} KB, integrity ok).`);
  console.log(`Evidence documents: ${result.evidenceCopied} copied to ${result.evidenceDir}.`);
  if (result.evidenceMissing.length > 0) {
    console.warn(`Warning: ${result.evidenceMissing.length} document(s) the database refers to are not in ${config.evidenceDir}: ${result.evidenceMissing.slice(0, 5).join(', ')}`);
    process.exitCode = 1;
  }
}

async function restore(args: string[]) {
  const file = fileArgument(args, 'restore <file>   (with the server stopped)');
  const config = readConfig();
  requireSqlite(config, 'restore');
  const result = await restoreDatabase({ file, databasePath: config.databasePath, evidenceDir: config.evidenceDir });
  console.log(`Restored ${file} to ${result.databasePath} (integrity ok), and ${result.evidenceRestored} evidence document(s) to ${config.evidenceDir}.`);
  if (result.previous) console.log(`The database that was there is kept as ${result.previous}.`);
  console.log('Start the server again.');
}

/** A database address as DATABASE_URL takes it (sqlite:<file> or postgres://…), checked the same way. */
function databaseAt(option: string, address: string | undefined): DatabaseTarget {
  if (!address) throw new BackupError(`usage: copy --from <address> --to <address>   (${option} is missing; e.g. --from sqlite:./data/tracker.db --to postgres://tracker@db/tracker)`);
  try {
    return readConfig({ DATABASE_URL: address }).database;
  } catch (error) {
    throw new BackupError(`${option}: ${(error as Error).message.replace(/^Invalid configuration:\n\s*DATABASE_URL: /, '')}`);
  }
}

/**
 * `copy --from <address> --to <address>`: copies the whole partnership (plan, history, audit trail, accounts,
 * evidence records) into a new, empty database, on either kind, and checks every table's count. Both are
 * brought up to the newest migration first. The evidence documents themselves stay in EVIDENCE_DIR: point the new
 * deployment at the same folder, or copy the folder with it.
 */
async function copy(args: string[]) {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  const from = databaseAt('--from', values.from);
  const to = databaseAt('--to', values.to);
  const describe = (target: DatabaseTarget) => (target.dialect === 'sqlite' ? `SQLite ${target.path}` : `PostgreSQL ${withoutPassword(target.url)}`);
  const config = readConfig();
  const source = await connectDatabase(from);
  try {
    const target = await connectDatabase(to);
    try {
      await migrateDatabase(source, config.migrationsDir);
      await migrateDatabase(target, config.migrationsDir);
      const copied = await copyDatabase(source, target);
      const rows = copied.reduce((sum, t) => sum + t.rows, 0);
      console.log(`Copied ${rows} rows in ${copied.length} tables from ${describe(from)} to ${describe(to)}; every table's count checked.`);
      for (const t of copied.filter((c) => c.rows > 0)) console.log(`  ${t.table.padEnd(32)} ${t.rows}`);
      console.log(`Evidence documents are not in the database: keep EVIDENCE_DIR (${config.evidenceDir}) for the new deployment, or copy it with the database.`);
    } finally {
      await closeDatabase(target);
    }
  } finally {
    await closeDatabase(source);
  }
}

const USAGE = [
  'usage: cli.js create-admin --email you@example.org --name "Your Name"',
  '       cli.js backup <file>',
  '       cli.js restore <file>',
  '       cli.js copy --from sqlite:./data/tracker.db --to postgres://user:password@host:5432/tracker',
].join('\n');
const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { 'create-admin': createAdmin, backup, restore, copy };
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run(rest).catch((error: unknown) => {
  if (error instanceof ProblemError) console.error(`Not created: ${error.errors?.map((e) => `${e.path} ${e.message}`).join('; ') ?? error.detail}`);
  else if (error instanceof BackupError || error instanceof CopyRefused || error instanceof DatabaseUnavailableError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
