import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, Me, User } from '@lrt/contracts';
import { rawRow, rawRows } from '@lrt/db';
import { buildApp } from '../../app';
import { expectHostileJsonRefused, expectProblem, expectRefused } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, TEST_PASSWORD, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const COOKIE = '__Host-lrt_session';
const PASSWORD = 'plum orchard lantern 93';
const minutes = (n: number) => new Date(TEST_NOW.getTime() + n * 60_000);
type Response = Awaited<ReturnType<TestWorld['request']>>;

/** Creates a user through the API, as the business unit does. */
async function createUser(overrides: Record<string, unknown> = {}) {
  const n = Math.random().toString(36).slice(2, 8);
  const res = await world.request({
    method: 'POST',
    url: '/api/users',
    payload: { email: `person.${n}@northmoor.example`, name: `Person ${n}`, password: PASSWORD, roles: ['viewer'], ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<User>();
}

const login = (email: string, password: string, options: { cookie?: string; remoteAddress?: string } = {}) =>
  world.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    as: null,
    ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });

const sessionIdOf = (res: Response) => res.cookies.find((c) => c.name === COOKIE)?.value;

/** Signs in through the API and returns the caller the browser would then be. */
async function signInAs(user: { id: number; email: string; name: string }, password = PASSWORD): Promise<Caller> {
  const res = await login(user.email, password);
  expect(res.statusCode, res.body).toBe(200);
  return { userId: user.id, name: user.name, email: user.email, cookie: `${COOKIE}=${sessionIdOf(res)}`, csrfToken: res.json<Me>().csrfToken };
}

const me = (as: Caller | null) => world.request({ method: 'GET', url: '/api/auth/me', as });
const expectSignedOut = async (as: Caller, label = '') => expectProblem(await me(as), { status: 401, code: 'auth.unauthenticated' }, label);
const sessionCount = async (userId: number) => (await rawRow<{ n: number }>(world.db, 'select count(*) as n from sessions where user_id = ?', [userId]))!.n;

describe('POST /api/auth/login', () => {
  it('signs in: the user, a CSRF token, their capabilities and a strict session cookie', async () => {
    const user = await createUser({ roles: ['agency_lead'], agencyIds: [(await factories.agency(world.db)).id] });
    const res = await login(user.email.toUpperCase(), PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Me>();
    expect(body.user).toMatchObject({ id: user.id, email: user.email, roles: ['agency_lead'], active: true, lastSignInAt: TEST_NOW.toISOString() });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(body.capabilities).toEqual({
      managePlans: false,
      manageReferenceData: false,
      manageUsers: false,
      manageSettings: false,
      readAudit: false,
      postUpdates: true,
      assureActions: false,
      chase: false,
    });

    const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${COOKIE}=`));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).not.toMatch(/; Domain=/i);
    expect(sessionIdOf(res)).toMatch(/^[\w-]{43}$/);
    expect(res.headers['cache-control']).toBe('no-store');

    const mine = await me({ userId: user.id, name: user.name, email: user.email, cookie: `${COOKIE}=${sessionIdOf(res)}`, csrfToken: '' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<Me>()).toEqual(body);
  });

  it('gives every administrator capability to the business unit', async () => {
    const admin = await createUser({ roles: ['admin'] });
    expect(Object.values((await login(admin.email, PASSWORD)).json<Me>().capabilities).every(Boolean)).toBe(true);
  });

  it('answers a wrong password, an unknown email and a deactivated account with the same 401', async () => {
    const user = await createUser();
    const gone = await createUser();
    await world.request({ method: 'PATCH', url: `/api/users/${gone.id}`, payload: { version: gone.version, active: false } });

    const before = await world.snapshot();
    const wrongPassword = await login(user.email, 'not the password at all');
    const unknownEmail = await login('nobody@northmoor.example', PASSWORD);
    const deactivated = await login(gone.email, PASSWORD);
    for (const res of [wrongPassword, unknownEmail, deactivated]) {
      expectProblem(res, { status: 401, code: 'auth.invalid_credentials' });
      expect(res.cookies.find((c) => c.name === COOKIE)).toBeUndefined();
    }
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(deactivated.body).toBe(wrongPassword.body);
    // Only the trail and the failure counters moved: no session, no sign-in recorded on the user.
    const tables = (snapshot: string) => Object.fromEntries(JSON.parse(snapshot) as [string, unknown][]);
    const [was, now] = [tables(before), tables(await world.snapshot())];
    for (const name of Object.keys(was).filter((t) => !['audit_events', 'sign_in_failures'].includes(t))) expect(now[name], name).toEqual(was[name]);
  });

  it('never keeps a session id the browser brought with it (session fixation)', async () => {
    const user = await createUser();
    const planted = 'attacker-chosen-session-id-attacker-chosen-id';
    const first = await login(user.email, PASSWORD, { cookie: `${COOKIE}=${planted}` });
    expect(first.statusCode).toBe(200);
    expect(sessionIdOf(first)).not.toBe(planted);

    const oldSession = `${COOKIE}=${sessionIdOf(first)}`;
    const second = await login(user.email, PASSWORD, { cookie: oldSession });
    expect(second.statusCode).toBe(200);
    expect(sessionIdOf(second)).not.toBe(sessionIdOf(first));
    await expectSignedOut({ userId: user.id, name: user.name, email: user.email, cookie: oldSession, csrfToken: first.json<Me>().csrfToken }, 'the old session');
    expect(await sessionCount(user.id)).toBe(1);
  });

  it('records failed and successful sign-ins in the trail, with no password anywhere', async () => {
    const user = await createUser();
    const wrong = 'my secret wrong passphrase';
    const responses = [await login(user.email, wrong), await login('stranger@northmoor.example', PASSWORD), await login(user.email, PASSWORD)];
    const trail = await world.request({ method: 'GET', url: '/api/audit?entity=user&limit=200' });
    expect(trail.statusCode).toBe(200);
    const events = trail.json<{ items: AuditEvent[] }>().items;
    expect(events.filter((e) => e.operation === 'sign_in_failed').map((e) => e.after)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: user.email, refused: 'invalid credentials' }),
        expect.objectContaining({ refused: 'no such account', typed: 'stranger@northmoor.example' }),
      ]),
    );
    expect(events).toContainEqual(expect.objectContaining({ operation: 'sign_in', actorId: user.id, entityId: user.id }));

    const rows = JSON.stringify(await rawRows(world.db, 'select * from audit_events'));
    for (const text of [rows, trail.body, ...responses.map((r) => r.body)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(wrong);
      expect(text).not.toMatch(/scrypt\$/);
    }
  });

  it('takes no fields but email and password, and refuses an empty body', async () => {
    await expectRefused(world, { method: 'POST', url: '/api/auth/login', payload: {} }, { status: 400, code: 'validation.failed', path: 'email' });
    await expectRefused(
      world,
      { method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.example', password: 'x', admin: true } },
      { status: 400, code: 'validation.failed', path: 'admin' },
    );
  });
});

describe('sessions', () => {
  let user: User;
  beforeEach(async () => {
    user = await createUser();
  });

  it('answers GET /api/auth/me with the session cookie, and 401 without one', async () => {
    const caller = await signInAs(user);
    const res = await me(caller);
    expect(res.statusCode).toBe(200);
    expect(res.json<Me>()).toMatchObject({ user: { id: user.id }, csrfToken: caller.csrfToken });
    expectProblem(await me(null), { status: 401, code: 'auth.unauthenticated' });
  });

  it('ends the session on logout: the cookie is cleared and no longer works', async () => {
    const caller = await signInAs(user);
    const out = await world.request({ method: 'POST', url: '/api/auth/logout', as: caller });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === COOKIE)?.value).toBe('');
    await expectSignedOut(caller);
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/logout', as: caller }), { status: 401, code: 'auth.unauthenticated' });
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('ends every session of a user the moment they are deactivated', async () => {
    const [laptop, phone] = [await signInAs(user), await signInAs(user)];
    const res = await world.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, active: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await sessionCount(user.id)).toBe(0);
    await expectSignedOut(laptop);
    await expectSignedOut(phone);
  });

  it('lets the business unit end all of a user\'s sessions', async () => {
    const [laptop, phone] = [await signInAs(user), await signInAs(user)];
    const res = await world.request({ method: 'DELETE', url: `/api/users/${user.id}/sessions` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    await expectSignedOut(laptop);
    await expectSignedOut(phone);
    expect((await me(world.admin)).statusCode).toBe(200);
  });

  it('ends every session when a new password is set; only the new password signs in', async () => {
    const caller = await signInAs(user);
    const newPassword = 'quiet harbour tangerine 7';
    const res = await world.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, password: newPassword } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(newPassword);
    await expectSignedOut(caller);
    expectProblem(await login(user.email, PASSWORD), { status: 401, code: 'auth.invalid_credentials' });
    expect((await login(user.email, newPassword)).statusCode).toBe(200);
  });

  it('ends a session idle for more than 60 minutes', async () => {
    const caller = await signInAs(user);
    await world.setNow(minutes(59), { keepSessions: false });
    expect((await me(caller)).statusCode).toBe(200);
    // That request counted as activity: another 59 minutes are fine, 61 are not.
    await world.setNow(minutes(59 + 59), { keepSessions: false });
    expect((await me(caller)).statusCode).toBe(200);
    await world.setNow(minutes(59 + 59 + 61), { keepSessions: false });
    await expectSignedOut(caller);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const caller = await signInAs(user);
    for (let at = 0; at <= 12 * 60 - 10; at += 50) {
      await world.setNow(minutes(at), { keepSessions: false });
      expect((await me(caller)).statusCode, `after ${at} minutes`).toBe(200);
    }
    await world.setNow(minutes(12 * 60 + 1), { keepSessions: false });
    await expectSignedOut(caller);
  });

  it('refuses a cookie with one character changed', async () => {
    const caller = await signInAs(user);
    const id = caller.cookie.slice(COOKIE.length + 1);
    const changed = `${id.slice(0, 10)}${id[10] === 'A' ? 'B' : 'A'}${id.slice(11)}`;
    await expectSignedOut({ ...caller, cookie: `${COOKIE}=${changed}` });
    expect((await me(caller)).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  const agency = { name: 'Northmoor Ambulance Service', shortName: 'NAS', kind: 'health' };

  it('refuses a change without the X-CSRF-Token header, and changes nothing', async () => {
    await expectRefused(world, { method: 'POST', url: '/api/agencies', payload: agency, withoutCsrf: true } as never, { status: 403, code: 'auth.csrf' });
  });

  it('refuses a forged token, and the token of another session', async () => {
    const other = await world.signIn(['admin']);
    const forged = [`${world.admin.csrfToken.slice(0, -1)}x`, 'forged', '', other.csrfToken];
    for (const token of forged) {
      await expectRefused(
        world,
        { method: 'POST', url: '/api/agencies', payload: agency, withoutCsrf: true, headers: { 'x-csrf-token': token } } as never,
        { status: 403, code: 'auth.csrf' },
        `token ${JSON.stringify(token)}`,
      );
    }
    expect((await world.request({ method: 'POST', url: '/api/agencies', payload: agency })).statusCode).toBe(201);
  });

  it('needs no token to read', async () => {
    expect((await world.request({ method: 'GET', url: '/api/agencies', withoutCsrf: true })).statusCode).toBe(200);
  });
});

describe('hostile requests', () => {
  it('refuses a body over 1 MiB with a 413 problem, and changes nothing', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1), shortName: 'BIG', kind: 'other' });
    const problem = await expectRefused(
      world,
      { method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/json' }, payload },
      { status: 413, code: 'request.too_large' },
    );
    expect(problem.detail).not.toContain('xxxx');
  });

  it('refuses __proto__ and constructor.prototype keys, and changes nothing', async () => {
    await expectHostileJsonRefused(world, 'POST', '/api/agencies', { name: 'Northmoor Ambulance Service', shortName: 'NAS', kind: 'health' });
    const user = await createUser();
    await expectHostileJsonRefused(world, 'PATCH', `/api/users/${user.id}`, { version: user.version, name: 'Renamed' });
    await expectHostileJsonRefused(world, 'POST', '/api/auth/login', { email: user.email, password: PASSWORD });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("refuses an agency lead's update on another agency's action (IDOR), and changes nothing", async () => {
    const plan = await seedSmallPlan(world.db);
    const healthLead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id] });
    await expectRefused(
      world,
      { method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'Done, honestly', confidence: 'on_track' }, as: healthLead } as never,
      { status: 403, code: 'auth.forbidden' },
    );
    await expectRefused(
      world,
      {
        method: 'POST',
        url: `/api/actions/${plan.action.id}/updates`,
        payload: { note: 'Done', confidence: 'on_track', statusChange: { to: 'completed' }, evidence: [{ label: 'Audit', url: 'https://intranet.example/a' }] },
        as: healthLead,
      } as never,
      { status: 403, code: 'auth.forbidden' },
    );
  });

  it("refuses an update that claims to speak for a partner agency that is not the author's", async () => {
    const plan = await seedSmallPlan(world.db);
    const patched = await world.request({
      method: 'PATCH',
      url: `/api/actions/${plan.action.id}`,
      payload: { version: 1, kind: 'multi_agency', partnerAgencyIds: [plan.health.id] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const policeLead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id] });
    await expectRefused(
      world,
      { method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'For health', confidence: 'on_track', agencyId: plan.health.id }, as: policeLead } as never,
      { status: 403, code: 'auth.forbidden' },
    );
  });
});

describe('accounts and passwords', () => {
  it('never shows a password or its hash in GET /api/users', async () => {
    await createUser();
    const res = await world.request({ method: 'GET', url: '/api/users?limit=200' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: User[] }>().items.length).toBeGreaterThan(1);
    expect(res.body).not.toMatch(/"password|passwordHash|password_hash|scrypt\$/i);
    expect(res.body).not.toContain(PASSWORD);
    expect(res.body).not.toContain(TEST_PASSWORD);
  });

  it('refuses a password under 12 characters and a common one, naming `password`', async () => {
    const base = { email: 'new.person@northmoor.example', name: 'New Person', roles: ['viewer'] };
    await expectRefused(world, { method: 'POST', url: '/api/users', payload: { ...base, password: 'eleven char' } }, { status: 400, code: 'validation.failed', path: 'password' });
    await expectRefused(world, { method: 'POST', url: '/api/users', payload: { ...base, password: 'qwerty123456' } }, { status: 422, code: 'user.weak_password', path: 'password' });
    await expectRefused(world, { method: 'POST', url: '/api/users', payload: { ...base, password: 'QWERTYQWERTY' } }, { status: 422, code: 'user.weak_password', path: 'password' });
    const user = await createUser();
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, password: '1qaz2wsx3edc' } },
      { status: 422, code: 'user.weak_password', path: 'password' },
    );
    expect((await world.request({ method: 'POST', url: '/api/users', payload: { ...base, password: 'twelve chars' } })).statusCode).toBe(201);
  });

  it('stores scrypt hashes with N = 2^17, r = 8, p = 1 by default', async () => {
    // The production cost, once: an app on the same database with no scryptCost given.
    const app = await buildApp({ db: world.db, now: () => TEST_NOW, webDistDir: '/nonexistent', scryptCost: undefined });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: world.admin.cookie, 'x-csrf-token': world.admin.csrfToken },
        payload: { email: 'costly@northmoor.example', name: 'Costly Hash', password: PASSWORD, roles: ['viewer'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const row = (await rawRow<{ hash: string }>(world.db, 'select password_hash as hash from users where id = ?', [res.json().id]))!;
      expect(row.hash.startsWith('scrypt$17$8$1$')).toBe(true);
      expect(row.hash).not.toContain(PASSWORD);
    } finally {
      await app.close();
    }
  }, 20_000);
});
