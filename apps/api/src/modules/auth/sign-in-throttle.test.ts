import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent, Me } from '@lrt/contracts';
import { first, rawRow, rawRows, users, writeTransaction } from '@lrt/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../../lib/password-hash';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, TEST_NOW, TEST_SCRYPT_COST, type TestWorld } from '../../testing/test-app';
import { addressKey, SIGN_IN_LIMITS } from './sign-in-throttle';

const PASSWORD = 'plum orchard lantern 93';
const HOME = '198.51.100.7';
const ATTACKER = '203.0.113.66';
const seconds = (n: number) => new Date(TEST_NOW.getTime() + n * 1000);

let world: TestWorld;
afterEach(() => world?.close());

async function setUp(scryptCost = TEST_SCRYPT_COST) {
  world = await createTestWorld({ app: { scryptCost } });
  const passwordHash = await hashPassword(PASSWORD, scryptCost);
  const make = (email: string) =>
    writeTransaction(world.db, async (tx) => {
      const [user] = await tx.insert(users).values({ email, name: email.split('@')[0]!, passwordHash }).returning();
      return user!;
    });
  return { make };
}

const login = (email: string, password: string, remoteAddress = HOME) =>
  world.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, as: null, remoteAddress });

const auditRows = (operation: string) => rawRows<{ after: string | null }>(world.db, 'select * from audit_events where operation = ? order by id', [operation]);

describe('sign-in throttling', () => {
  it('after 3 wrong tries for an account from an address, refuses even the right password until a delay that doubles has passed', async () => {
    const { make } = await setUp();
    const user = await make('dana@northmoor.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair; i++) {
      expectProblem(await login(user.email, `wrong ${i}`), { status: 401, code: 'auth.invalid_credentials' });
    }
    const refused = await login(user.email, PASSWORD);
    expectProblem(refused, { status: 429, code: 'auth.rate_limited' });
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json<{ detail: string }>().detail).toContain('Wait 2 seconds');

    await world.setNow(seconds(3), { keepSessions: false });
    expectProblem(await login(user.email, 'wrong again'), { status: 401, code: 'auth.invalid_credentials' });
    // The 5th try waits twice as long as the 4th.
    await world.setNow(seconds(5), { keepSessions: false });
    expect((await login(user.email, PASSWORD)).headers['retry-after']).toBe('2');
    await world.setNow(seconds(7.5), { keepSessions: false });
    expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('cannot be used to lock someone out: an attacker elsewhere never stops the user signing in from an address they have used', async () => {
    const { make } = await setUp();
    const user = await make('admin.owner@northmoor.example');
    expect((await login(user.email, PASSWORD, HOME)).statusCode).toBe(200);

    // Guesses from many addresses, far past every free allowance, over five minutes.
    for (let i = 0; i < 60; i++) {
      await world.setNow(seconds(i * 5), { keepSessions: false });
      await login(user.email, `guess ${i}`, `203.0.113.${i % 30}`);
    }
    expectProblem(await login(user.email, PASSWORD, '192.0.2.200'), { status: 429, code: 'auth.rate_limited' });
    // From home, the right password goes straight in.
    const home = await login(user.email, PASSWORD, HOME);
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json<Me>().user.id).toBe(user.id);
  });

  it('slows an address that sprays many accounts, and no one at another address', async () => {
    const { make } = await setUp();
    const user = await make('sam@northmoor.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freePerAddress; i++) {
      expectProblem(await login(`guess.${i}@northmoor.example`, 'not a password I know', ATTACKER), { status: 401, code: 'auth.invalid_credentials' });
    }
    expectProblem(await login(user.email, PASSWORD, ATTACKER), { status: 429, code: 'auth.rate_limited' });
    expect((await login(user.email, PASSWORD, HOME)).statusCode).toBe(200);
  });

  it('throttles an IPv6 client by its /64, so rotating addresses within it gains nothing', async () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    const { make } = await setUp();
    const user = await make('ipv6@northmoor.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair; i++) await login(user.email, 'wrong', `2001:db8:1:2::${i + 1}`);
    expectProblem(await login(user.email, PASSWORD, '2001:db8:1:2::99'), { status: 429, code: 'auth.rate_limited' });
  });

  it('holds under a burst: of 40 wrong tries and the right password sent at once, none gets in, and someone else signs in within a second', async () => {
    // A real hash cost here, so the checks overlap as they would in production.
    const { make } = await setUp(14);
    const victim = await make('victim@northmoor.example');
    const bystander = await make('bystander@northmoor.example');
    const burst = [...Array.from({ length: 40 }, (_, i) => login(victim.email, `burst guess ${i}`, ATTACKER)), login(victim.email, PASSWORD, ATTACKER)];
    const started = performance.now();
    const other = await login(bystander.email, PASSWORD, HOME);
    const otherMs = performance.now() - started;
    const answers = await Promise.all(burst);

    expect(other.statusCode, other.body).toBe(200);
    expect(otherMs).toBeLessThan(1000);
    expect(answers.filter((a) => a.statusCode === 200)).toEqual([]);
    // At most the free tries reached the password check; everything else was refused without one.
    expect(answers.filter((a) => a.statusCode === 401).length).toBeLessThanOrEqual(SIGN_IN_LIMITS.freePerPair);
    expect(answers.every((a) => [401, 429, 503].includes(a.statusCode))).toBe(true);
    expect(answers.at(-1)!.statusCode).not.toBe(200);
    const sessions = (await rawRow<{ n: number }>(world.db, 'select count(*) as n from sessions where user_id = ?', [victim.id]))!;
    expect(sessions.n).toBe(0);
  });

  it('writes one audit event per window for the refusals that cost nothing, not a row each', async () => {
    const { make } = await setUp();
    const user = await make('kim@northmoor.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair; i++) await login(user.email, 'wrong', ATTACKER);
    for (let i = 0; i < 200; i++) expect((await login(user.email, 'wrong', ATTACKER)).statusCode).toBe(429);
    expect(await auditRows('sign_in_failed')).toHaveLength(SIGN_IN_LIMITS.freePerPair);
    expect(await auditRows('sign_in_throttled')).toHaveLength(0);

    // The next window's first refusal closes the last one's count.
    await world.setNow(new Date(TEST_NOW.getTime() + 16 * 60_000), { keepSessions: false });
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair; i++) await login(user.email, 'wrong', ATTACKER);
    expect((await login(user.email, 'wrong', ATTACKER)).statusCode).toBe(429);
    const events = await auditRows('sign_in_throttled');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ refused: 200, accounts: 1, busiestAddresses: { [ATTACKER]: 200 } });

    const trail = await world.request({ method: 'GET', url: '/api/audit?entity=user&limit=200' });
    expect(trail.json<{ items: AuditEvent[] }>().items.filter((e) => e.operation === 'sign_in_throttled')).toHaveLength(1);
  });

  it('keeps what a stranger typed short and printable in the trail', async () => {
    await setUp();
    // (U+0000 itself never gets this far: every request carrying it is refused with a 400 before anything reads
    // it, see plugins/nul-characters.test.ts; the other control and format characters are the service's to drop.)
    const typed = `${'x'.repeat(50)}\u0007\u001b\u202e${'y'.repeat(150)}@northmoor.example`;
    await login(typed.slice(0, 254), 'whatever it is');
    const [row] = await auditRows('sign_in_failed');
    const after = JSON.parse(row!.after!) as { typed: string };
    expect(after.typed.length).toBeLessThanOrEqual(120);
    expect(['\u0007', '\u001b', '\u202e'].some((c) => after.typed.includes(c))).toBe(false);
  });

  it('forgives an account its tries from an address once the right password is given there', async () => {
    const { make } = await setUp();
    const user = await make('lee@northmoor.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair - 1; i++) await login(user.email, 'typo');
    expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_LIMITS.freePerPair - 1; i++) await login(user.email, 'typo');
    expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    expect((await first(world.db.select().from(users).where(eq(users.id, user.id))))?.lastSignInAt).toBe(TEST_NOW.toISOString());
  });
});
