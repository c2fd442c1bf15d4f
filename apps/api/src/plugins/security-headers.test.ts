import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { closeDatabase, rawRow, rawRun, type Db } from '@lrt/db';
import { createTestDatabase, testDialect } from '@lrt/db/testing';
import { buildApp } from '../app';
import { expectProblem } from '../testing/http-expect';
import { createTestWorld, TEST_NOW, TEST_PASSWORD, type TestWorld } from '../testing/test-app';

/** A built SPA of one page, so `/` is served as it is in production. */
let webDistDir: string;
beforeAll(() => {
  webDistDir = mkdtempSync(join(tmpdir(), 'lrt-spa-'));
  writeFileSync(join(webDistDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body></body></html>');
});
afterAll(() => rmSync(webDistDir, { recursive: true, force: true }));

const apps: { app: FastifyInstance; db: Db }[] = [];
async function appWith(options: Partial<Parameters<typeof buildApp>[0]> = {}) {
  const db = await createTestDatabase();
  const app = await buildApp({ db, now: () => TEST_NOW, webDistDir, scryptCost: 10, ...options });
  apps.push({ app, db });
  return app;
}
afterEach(async () => {
  for (const { app, db } of apps.splice(0)) {
    await app.close();
    await closeDatabase(db);
  }
});

const directives = (csp: string | undefined) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values] as const;
      }),
  );

function expectStrictCsp(res: LightMyRequestResponse, label: string) {
  const csp = res.headers['content-security-policy'] as string | undefined;
  expect(csp, label).toBeDefined();
  const d = directives(csp);
  expect(d.get('script-src'), label).toEqual(["'self'"]);
  expect(csp, label).not.toContain('unsafe-inline');
  expect(csp, label).not.toContain('unsafe-eval');
  expect(d.get('frame-ancestors'), label).toEqual(["'none'"]);
  expect(d.get('object-src'), label).toEqual(["'none'"]);
}

describe('security headers', () => {
  it('sends a strict CSP, nosniff and a referrer policy on the SPA and on /api', async () => {
    const app = await appWith();
    const responses: [string, LightMyRequestResponse][] = [
      ['/', await app.inject({ method: 'GET', url: '/' })],
      ['a client-side route', await app.inject({ method: 'GET', url: '/reviews/12' })],
      ['/api/health', await app.inject({ method: 'GET', url: '/api/health' })],
      ['a 401 from /api', await app.inject({ method: 'GET', url: '/api/actions' })],
      ['a 404 from /api', await app.inject({ method: 'GET', url: '/api/nothing-here' })],
    ];
    expect(responses[0]![1].statusCode).toBe(200);
    expect(responses[0]![1].headers['content-type']).toMatch(/^text\/html/);
    expect(responses[3]![1].statusCode).toBe(401);
    for (const [label, res] of responses) {
      expectStrictCsp(res, label);
      expect(res.headers['x-content-type-options'], label).toBe('nosniff');
      expect(res.headers['referrer-policy'], label).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
      expect(res.headers['x-frame-options'], label).toBe('DENY');
      expect(res.headers['strict-transport-security'], `${label}: HSTS over http`).toBeUndefined();
    }
  });

  it('sends HSTS and upgrades insecure requests when the public address is https', async () => {
    const app = await appWith({ publicUrl: 'https://tracker.northmoor.example' });
    for (const url of ['/', '/api/health']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=31536000/);
      expect(res.headers['strict-transport-security'], url).toMatch(/includeSubDomains/);
      expect(directives(res.headers['content-security-policy'] as string).has('upgrade-insecure-requests'), url).toBe(true);
      expectStrictCsp(res, url);
    }
  });

  it('serves /api/docs with its own CSP that allows its scripts and no inline script', async () => {
    const app = await appWith();
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    // Swagger UI sets style attributes, so its page alone allows inline styles; never inline scripts.
    expect(directives(csp).get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives(csp).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"]);
    const scriptSrc = directives(csp).get('script-src') ?? directives(csp).get('default-src') ?? [];
    expect(scriptSrc).toContain("'self'");

    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      const src = /src="([^"]+)"/.exec(attributes!)?.[1];
      if (src) {
        // Same origin, so 'self' allows it; and it is really there.
        expect(src, 'a script from elsewhere').toMatch(/^(\/|\.\/)/);
        const script = await app.inject({ method: 'GET', url: new URL(src, 'http://localhost/api/docs/').pathname });
        expect(script.statusCode, src).toBe(200);
      } else if (content!.trim()) {
        const hash = createHash('sha256').update(content!).digest('base64');
        expect(scriptSrc, 'an inline script the CSP does not allow').toContain(`'sha256-${hash}'`);
      }
    }
  });

  it('puts an x-request-id of its own on every response, whatever the client sent', async () => {
    const app = await appWith();
    const sent = [
      await app.inject({ method: 'GET', url: '/' }),
      await app.inject({ method: 'GET', url: '/api/health' }),
      await app.inject({ method: 'GET', url: '/api/actions' }),
      await app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await app.inject({ method: 'GET', url: '/api/docs' }),
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.org', password: 'x' } }),
      await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' }),
    ];
    for (const res of sent) expect(res.headers['x-request-id'], `${res.statusCode} ${res.body.slice(0, 80)}`).toMatch(/^[\w.-]{8,64}$/);
    expect(new Set(sent.map((r) => r.headers['x-request-id'])).size).toBe(sent.length);

    // A client's id is never taken as the request's own (the audit trail files events under it).
    const given = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-7f3a9c21' } });
    expect(given.headers['x-request-id']).not.toBe('proxy-7f3a9c21');
    expect(given.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(replaced.headers['x-request-id']).not.toContain('<');
  });
});

describe('the SPA', () => {
  it('answers client routes with its page, and a bundle that is gone with 404, not the page as JavaScript', async () => {
    const app = await appWith();
    const route = await app.inject({ method: 'GET', url: '/reviews/12/actions/new' });
    expect(route.statusCode).toBe(200);
    expect(route.headers['content-type']).toMatch(/text\/html/);
    // A tab left open across a release asks for the old bundle's name.
    const gone = await app.inject({ method: 'GET', url: '/assets/index-OLDHASH.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('5xx answers', () => {
  const internals = [/SqliteError/i, /no such table/i, /does not exist/i, /\brelation\b/i, /\bselect\b/i, /password_hash/i, /\bat .+:\d+:\d+/, /\.ts\b/, /stack/i, /node_modules/];

  it('carry no stack and no SQL when the database fails', async () => {
    const world = await createTestWorld();
    try {
      // PostgreSQL's test databases are emptied and given to the next test: there the table is only hidden, and put back.
      await rawRun(world.db, { sqlite: 'DROP TABLE themes', postgres: 'ALTER TABLE themes RENAME TO themes_hidden' });
      const res = await world.request({ method: 'GET', url: '/api/themes' });
      const problem = expectProblem(res, { status: 500, code: 'server.error' });
      expect(problem.detail).toContain(res.headers['x-request-id'] as string);
      for (const pattern of internals) expect(res.body).not.toMatch(pattern);
      expect(res.headers['x-request-id']).toBeDefined();
    } finally {
      if (testDialect === 'postgres') await rawRun(world.db, 'ALTER TABLE themes_hidden RENAME TO themes');
      await world.close();
    }
  });

  it('carry no stack and no message of a thrown error', async () => {
    const app = await appWith();
    app.get('/api/explode', { config: { access: 'public' } }, async () => {
      throw new Error('SqliteError: no such column: select password_hash from users');
    });
    const res = await app.inject({ method: 'GET', url: '/api/explode' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 500, code: 'server.error' });
    for (const pattern of internals) expect(res.body).not.toMatch(pattern);
    expectStrictCsp(res, 'a 500');
  });
});

describe('logs', () => {
  let world: TestWorld;
  beforeEach(async () => {
    world = await createTestWorld();
  });
  afterEach(() => world.close());

  /** An app on the test world's database whose log lines are captured. */
  async function loggedApp(serializers?: Record<string, (value: never) => unknown>) {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      db: world.db,
      now: () => TEST_NOW,
      webDistDir: '/nonexistent',
      scryptCost: 10,
      logger: { level: 'debug', stream, ...(serializers ? { serializers } : {}) } as never,
    });
    app.get('/api/explode', { config: { access: 'signed_in' } }, async () => {
      throw new Error('kaboom');
    });
    return { app, log: () => lines.join('') };
  }

  /** Signs in, reads, changes something and fails, with the session cookie and CSRF token on every request. */
  async function exercise(app: FastifyInstance) {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.admin.email, password: TEST_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const sessionId = login.cookies.find((c) => c.name === '__Host-lrt_session')!.value;
    const csrfToken = login.json().csrfToken as string;
    const headers = { cookie: `__Host-lrt_session=${sessionId}`, 'x-csrf-token': csrfToken };
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/themes', headers, payload: { name: 'Neglect' } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/explode', headers })).statusCode).toBe(500);
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.admin.email, password: `${TEST_PASSWORD} wrong` } });
    // A reporting tool's API token, in the Authorization header.
    const made = await app.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name: 'Power BI', expiresOn: '2026-12-31' } });
    expect(made.statusCode, made.body).toBe(201);
    const apiToken = made.json().token as string;
    expect((await app.inject({ method: 'GET', url: '/api/actions', headers: { authorization: `Bearer ${apiToken}` } })).statusCode).toBe(200);
    return { sessionId, csrfToken, apiToken };
  }

  it('never write the session id, the CSRF token or the password', async () => {
    const { app, log } = await loggedApp();
    try {
      const { sessionId, csrfToken, apiToken } = await exercise(app);
      expect(log()).toContain('kaboom');
      expect(log()).toContain('/api/auth/login');
      for (const secret of [sessionId, csrfToken, apiToken, TEST_PASSWORD]) expect(log()).not.toContain(secret);
    } finally {
      await app.close();
    }
  });

  it("keep a client's request id beside the server's own, and the audit trail files the change under the server's", async () => {
    const { app, log } = await loggedApp();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.admin.email, password: TEST_PASSWORD } });
      const sessionId = login.cookies.find((c) => c.name === '__Host-lrt_session')!.value;
      const headers = { cookie: `__Host-lrt_session=${sessionId}`, 'x-csrf-token': login.json().csrfToken as string, 'x-request-id': 'someone-elses-request' };
      const created = await app.inject({ method: 'POST', url: '/api/themes', headers, payload: { name: 'Hidden men' } });
      expect(created.statusCode).toBe(201);
      const serverId = created.headers['x-request-id'] as string;
      expect(serverId).not.toBe('someone-elses-request');
      const line = log()
        .split('\n')
        .filter(Boolean)
        .map((text) => JSON.parse(text) as { reqId?: string; clientRequestId?: string })
        .find((entry) => entry.reqId === serverId);
      expect(line).toMatchObject({ reqId: serverId, clientRequestId: 'someone-elses-request' });
      const event = (await rawRow<{ request_id: string }>(world.db, `select request_id from audit_events where entity = 'theme' order by id desc limit 1`))!;
      expect(event.request_id).toBe(serverId);
    } finally {
      await app.close();
    }
  });

  it('redact them even when request and response headers are logged', async () => {
    const { app, log } = await loggedApp({
      req: (request: { method: string; url: string; headers: unknown }) => ({ method: request.method, url: request.url, headers: request.headers }),
      res: (reply: { statusCode: number; getHeaders?: () => unknown }) => ({ statusCode: reply.statusCode, headers: reply.getHeaders?.() }),
    });
    try {
      const { sessionId, csrfToken, apiToken } = await exercise(app);
      expect(log()).toContain('[redacted]');
      expect(log()).toContain('x-request-id');
      for (const secret of [sessionId, csrfToken, apiToken, TEST_PASSWORD]) expect(log()).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
