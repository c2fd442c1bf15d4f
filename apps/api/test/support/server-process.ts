/**
 * The real server as a child process, for the tests that need one of their own (crash, load): bundled once as
 * `pnpm build` bundles it, started on a file database in a folder of the test's own, signed in to over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const ROOT = join(API_DIR, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Bundles src/server.ts as `pnpm build` does (third-party packages load from the API's node_modules), into a
 * folder of the caller's own beside them, so that no one else's build is disturbed. Answers the bundle's path
 * and how to remove it.
 */
export async function bundleServer(name: string): Promise<{ serverJs: string; remove: () => void }> {
  const outdir = join(API_DIR, 'node_modules', `.${name}`, String(process.pid));
  mkdirSync(outdir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(API_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  await build({
    entryPoints: [join(API_DIR, 'src/server.ts')],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: Object.keys(pkg.dependencies).filter((dependency) => !dependency.startsWith('@lrt/')),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return { serverJs: join(outdir, 'server.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** One server process on `work`'s database (tracker.db) and evidence folder, with the demo partnership seeded. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];

  constructor(
    private readonly options: { serverJs: string; work: string; port: number; demoPassword: string; env?: Record<string, string> },
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** The server's process id while it runs (for reading its memory from /proc). */
  get pid() {
    return this.child?.pid;
  }

  async start() {
    const { serverJs, work, port, demoPassword, env } = this.options;
    const proc = spawn(process.execPath, [serverJs], {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(work, 'tracker.db'),
        EVIDENCE_DIR: join(work, 'evidence'),
        MIGRATIONS_DIR: join(ROOT, 'migrations'),
        WEB_DIST_DIR: join(work, 'no-web'),
        SEED_DEMO: 'true',
        DEMO_PASSWORD: demoPassword,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child = proc;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`the server stopped on starting (${proc.exitCode}):\n${this.output.join('')}`);
      try {
        const response = await fetch(`${this.baseUrl}/api/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the server did not answer within a minute:\n${this.output.join('')}`);
  }

  /** SIGKILL (a crash) or SIGTERM (a clean stop); answers once the process has gone. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM') {
    const proc = this.child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await gone;
    this.child = undefined;
  }
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`signing in as ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}
