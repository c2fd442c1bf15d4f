import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me, OwnSessions } from '@lrt/contracts';
import { rawRows, users, writeTransaction } from '@lrt/db';
import { hashPassword } from '../../lib/password-hash';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, TEST_SCRYPT_COST, type Caller, type TestWorld } from '../../testing/test-app';

const COOKIE = '__Host-lrt_session';
const PASSWORD = 'plum orchard lantern 93';

let world: TestWorld;
let user: { id: number; email: string; name: string };
beforeEach(async () => {
  world = await createTestWorld();
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT_COST);
  user = await writeTransaction(world.db, async (tx) => {
    const [row] = await tx.insert(users).values({ email: 'pat@northmoor.example', name: 'Pat', passwordHash }).returning();
    return row!;
  });
});
afterEach(() => world.close());

async function signIn(userAgent: string, remoteAddress: string): Promise<Caller> {
  const res = await world.request({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD }, as: null, remoteAddress, headers: { 'user-agent': userAgent } });
  expect(res.statusCode, res.body).toBe(200);
  return { userId: user.id, name: user.name, email: user.email, cookie: `${COOKIE}=${res.cookies.find((c) => c.name === COOKIE)!.value}`, csrfToken: res.json<Me>().csrfToken };
}

describe('your own sessions', () => {
  it('lists where you are signed in, marking this one, and never shows a session id', async () => {
    const laptop = await signIn('Firefox on a laptop', '198.51.100.7');
    await signIn('Safari on a phone', '198.51.100.8');
    const res = await world.request({ method: 'GET', url: '/api/auth/sessions', as: laptop });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<OwnSessions>();
    expect(items.map((s) => [s.userAgent, s.ip, s.current]).sort()).toEqual([
      ['Firefox on a laptop', '198.51.100.7', true],
      ['Safari on a phone', '198.51.100.8', false],
    ]);
    const ids = (await rawRows<{ id_hash: string }>(world.db, 'select id_hash from sessions')).map((r) => r.id_hash);
    for (const id of ids) expect(res.body).not.toContain(id);
    expect(res.body).not.toContain(laptop.cookie.split('=')[1]);
    // Someone else's sessions are not in your list.
    const other = await world.signIn(['viewer']);
    expect((await world.request({ method: 'GET', url: '/api/auth/sessions', as: other })).json<OwnSessions>().items).toHaveLength(1);
  });

  it('signs you out everywhere else once you give your password again', async () => {
    const laptop = await signIn('Firefox', '198.51.100.7');
    const phone = await signIn('Safari', '198.51.100.8');
    const wrong = await world.request({ method: 'POST', url: '/api/auth/sessions/end-others', payload: { currentPassword: 'not my password' }, as: laptop });
    expectProblem(wrong, { status: 422, code: 'auth.wrong_password' });
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: phone })).statusCode).toBe(200);

    const res = await world.request({ method: 'POST', url: '/api/auth/sessions/end-others', payload: { currentPassword: PASSWORD }, as: laptop });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 1 });
    expectProblem(await world.request({ method: 'GET', url: '/api/auth/me', as: phone }), { status: 401, code: 'auth.unauthenticated' });
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: laptop })).statusCode).toBe(200);
    const trail = await rawRows(world.db, `select actor_id, after from audit_events where operation = 'sessions_revoked'`);
    expect(trail).toEqual([{ actor_id: user.id, after: JSON.stringify({ sessionsEnded: 1, by: 'themselves' }) }]);
  });

  it('needs the CSRF token to end sessions', async () => {
    const laptop = await signIn('Firefox', '198.51.100.7');
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/sessions/end-others', payload: { currentPassword: PASSWORD }, as: laptop, withoutCsrf: true }), {
      status: 403,
      code: 'auth.csrf',
    });
  });
});
