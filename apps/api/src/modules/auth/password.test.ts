import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me, User } from '@lrt/contracts';
import { rawRows } from '@lrt/db';
import { expectProblem, expectRefused } from '../../testing/http-expect';
import { createTestWorld, type Caller, type TestWorld } from '../../testing/test-app';

const COOKIE = '__Host-lrt_session';
const FIRST = 'plum orchard lantern 93';
const CHOSEN = 'heron quay bicycle 48';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const login = (email: string, password: string) => world.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, as: null });

async function signIn(user: { id: number; email: string; name: string }, password: string): Promise<Caller> {
  const res = await login(user.email, password);
  expect(res.statusCode, res.body).toBe(200);
  return { userId: user.id, name: user.name, email: user.email, cookie: `${COOKIE}=${res.cookies.find((c) => c.name === COOKIE)!.value}`, csrfToken: res.json<Me>().csrfToken };
}

async function userMadeByAdmin(): Promise<User> {
  const res = await world.request({
    method: 'POST',
    url: '/api/users',
    payload: { email: 'jo.lead@northmoor.example', name: 'Jo Lead', password: FIRST, roles: ['viewer'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<User>();
}

const changePassword = (as: Caller, body: Record<string, unknown>) => world.request({ method: 'POST', url: '/api/auth/password', payload: body, as });

describe('a password an administrator set', () => {
  it('must be changed at first sign-in: until then the user can do nothing else', async () => {
    const user = await userMadeByAdmin();
    expect(user.mustChangePassword).toBe(true);
    const caller = await signIn(user, FIRST);
    const me = await world.request({ method: 'GET', url: '/api/auth/me', as: caller });
    expect(me.json<Me>().mustChangePassword).toBe(true);
    expectProblem(await world.request({ method: 'GET', url: '/api/actions', as: caller }), { status: 403, code: 'auth.password_change_required' });
    expectProblem(await world.request({ method: 'GET', url: '/api/dashboard', as: caller }), { status: 403, code: 'auth.password_change_required' });

    expect((await changePassword(caller, { currentPassword: FIRST, newPassword: CHOSEN })).statusCode).toBe(204);
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: caller })).json<Me>().mustChangePassword).toBe(false);
    expect((await world.request({ method: 'GET', url: '/api/actions', as: caller })).statusCode).toBe(200);
    expectProblem(await login(user.email, FIRST), { status: 401, code: 'auth.invalid_credentials' });
    expect((await login(user.email, CHOSEN)).statusCode).toBe(200);
  });

  it('is asked again when an administrator sets a new one', async () => {
    const user = await userMadeByAdmin();
    const caller = await signIn(user, FIRST);
    await changePassword(caller, { currentPassword: FIRST, newPassword: CHOSEN });
    const current = (await world.request({ method: 'GET', url: `/api/users/${user.id}` })).json<User>();
    const reset = await world.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: current.version, password: 'a reset passphrase 2027' } });
    expect(reset.json<User>().mustChangePassword).toBe(true);
    const again = await signIn(user, 'a reset passphrase 2027');
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews', as: again }), { status: 403, code: 'auth.password_change_required' });
  });
});

describe('POST /api/auth/password', () => {
  it('needs the current password, and ends every other session of the user but this one', async () => {
    const user = await userMadeByAdmin();
    const laptop = await signIn(user, FIRST);
    const phone = await signIn(user, FIRST);
    const tablet = await signIn(user, FIRST);
    const wrong = expectProblem(await changePassword(laptop, { currentPassword: 'not it at all', newPassword: CHOSEN }), { status: 422, code: 'auth.wrong_password' });
    expect(wrong.errors).toEqual([{ path: 'currentPassword', message: 'is not your current password' }]);
    expect((await login(user.email, FIRST)).statusCode).toBe(200);
    expect((await changePassword(laptop, { currentPassword: FIRST, newPassword: CHOSEN })).statusCode).toBe(204);
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: laptop })).statusCode).toBe(200);
    for (const other of [phone, tablet]) expectProblem(await world.request({ method: 'GET', url: '/api/auth/me', as: other }), { status: 401, code: 'auth.unauthenticated' });
    const trail = await rawRows(world.db, `select actor_id, entity_id, after from audit_events where operation = 'password_changed'`);
    expect(trail).toEqual([{ actor_id: user.id, entity_id: user.id, after: JSON.stringify({ otherSessionsEnded: 3 }) }]);
    expect(JSON.stringify(await rawRows(world.db, 'select * from audit_events'))).not.toContain(CHOSEN);
  });

  it('refuses a weak, unchanged or missing new password, naming the field, and changes nothing', async () => {
    const user = await userMadeByAdmin();
    const caller = await signIn(user, FIRST);
    const refuse = (payload: Record<string, unknown>, status: number, code: string, path: string) =>
      expectRefused(world, { method: 'POST', url: '/api/auth/password', payload, as: caller } as never, { status, code, path });
    await refuse({ currentPassword: FIRST, newPassword: 'password1234' }, 422, 'user.weak_password', 'newPassword');
    await refuse({ currentPassword: FIRST, newPassword: FIRST }, 422, 'user.same_password', 'newPassword');
    await refuse({ currentPassword: FIRST, newPassword: 'short' }, 400, 'validation.failed', 'newPassword');
    await refuse({ currentPassword: FIRST }, 400, 'validation.failed', 'newPassword');
    await refuse({ currentPassword: FIRST, newPassword: CHOSEN, mustChangePassword: false }, 400, 'validation.failed', 'mustChangePassword');
  });

  it('counts wrong current passwords like wrong sign-ins, so a stolen session cannot guess it', async () => {
    const user = await userMadeByAdmin();
    const caller = await signIn(user, FIRST);
    for (let i = 0; i < 3; i++) expect((await changePassword(caller, { currentPassword: `guess ${i}`, newPassword: CHOSEN })).statusCode).toBe(422);
    const refused = await changePassword(caller, { currentPassword: FIRST, newPassword: CHOSEN });
    expectProblem(refused, { status: 429, code: 'auth.rate_limited' });
  });

  it('needs a session and the CSRF token', async () => {
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: FIRST, newPassword: CHOSEN }, as: null }), {
      status: 401,
      code: 'auth.unauthenticated',
    });
    const user = await userMadeByAdmin();
    const caller = await signIn(user, FIRST);
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: FIRST, newPassword: CHOSEN }, as: caller, withoutCsrf: true }), {
      status: 403,
      code: 'auth.csrf',
    });
  });

  it('is the only way an administrator changes their own password', async () => {
    const self = (await world.request({ method: 'GET', url: `/api/users/${world.admin.userId}` })).json<User>();
    await expectRefused(world, { method: 'PATCH', url: `/api/users/${self.id}`, payload: { version: self.version, password: 'an attacker chose this one' } }, {
      status: 422,
      code: 'user.own_password',
      path: 'password',
    });
  });
});
