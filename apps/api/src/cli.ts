/**
 * Administration from the command line, on the server: `node apps/api/dist/cli.js create-admin --email E --name N`
 * creates the first administrator (the password is read from ADMIN_PASSWORD, or asked for without echo).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import { readConfig } from './config';
import { SYSTEM_ACTOR } from './lib/audit';
import { ProblemError } from './plugins/problems';
import { createUser } from './modules/users/users.service';

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
  const db = openDatabase(config.databasePath);
  try {
    migrateDatabase(db, config.migrationsDir);
    const user = await createUser(db, { email: values.email, name: values.name, password, roles: ['admin'], agencyIds: [], subgroupIds: [] }, new Date(), SYSTEM_ACTOR, undefined, {
      mustChangePassword: false,
    });
    console.log(`Created administrator ${user.email} (id ${user.id}).`);
  } finally {
    closeDatabase(db);
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { 'create-admin': createAdmin };
const run = command ? commands[command] : undefined;
if (!run) {
  console.error('usage: cli.js create-admin --email you@example.org --name "Your Name"');
  process.exit(2);
}
run(rest).catch((error: unknown) => {
  if (error instanceof ProblemError) console.error(`Not created: ${error.errors?.map((e) => `${e.path} ${e.message}`).join('; ') ?? error.detail}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
