import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, Me, MfaRequired, RecoveryCodes, Settings, TotpEnrolment, User } from '@lrt/contracts';
import type { InjectOptions } from 'fastify';
import { rawRow, rawRows, users, writeTransaction } from '@lrt/db';
import { expectProblem, expectRefused, type ExpectedProblem } from '../../testing/http-expect';
import { createTestWorld, factories, TEST_NOW, TEST_PASSWORD, type Caller, type TestRequest, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const COOKIE = '__Host-lrt_session';
type Response = Awaited<ReturnType<TestWorld['request']>>;
/** Refused, and nothing changed, for any caller (`as`). */
const refused = (options: TestRequest, expected: ExpectedProblem, label?: string) => expectRefused(world, options as InjectOptions, expected, label);
const seconds = (n: number) => new Date(TEST_NOW.getTime() + n * 1000);
let clock = TEST_NOW;
/** Moves the app's clock (sessions move with it, so only the second factor's own timing is tested). */
const setNow = async (now: Date) => {
  clock = now;
  await world.setNow(now);
};
beforeEach(() => {
  clock = TEST_NOW;
});

/** The code an authenticator app set up with `secret` shows at the app's clock (or `offsetSteps` steps away). */
const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: clock.getTime() + offsetSteps * 30_000,
  });

const me = async (as: Caller) => {
  const res = await world.request({ method: 'GET', url: '/api/auth/me', as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Me>();
};

const login = (email: string, password = TEST_PASSWORD) =>
  world.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, as: null });
const loginMfa = (mfaToken: string, code: string) => world.request({ method: 'POST', url: '/api/auth/login/mfa', payload: { mfaToken, code }, as: null });

/** The password step of a user with a second factor: a token to answer, and no session. */
async function passwordStep(user: Caller): Promise<string> {
  const res = await login(user.email);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<MfaRequired>();
  expect(body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^[\w-]{43}$/) });
  expect(res.cookies.find((c) => c.name === COOKIE)).toBeUndefined();
  return body.mfaToken;
}

const callerFrom = (user: Caller, res: Response): Caller => ({
  ...user,
  cookie: `${COOKIE}=${res.cookies.find((c) => c.name === COOKIE)?.value}`,
  csrfToken: res.json<Me>().csrfToken,
});

/** Sets up an authenticator for `user` through the API; answers the secret and the recovery codes. */
async function enrol(user: Caller) {
  const started = await world.request({ method: 'POST', url: '/api/auth/mfa/totp', as: user });
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json<TotpEnrolment>();
  const confirmed = await world.request({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: codeFor(secret) }, as: user });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  // The next sign-in happens a step later: the code that confirmed the app is spent.
  await setNow(new Date(clock.getTime() + 30_000));
  return { secret, recoveryCodes: confirmed.json<RecoveryCodes>().recoveryCodes };
}

const trail = (userId: number) =>
  rawRows<{ operation: string; actor_id: number | null; after: string | null }>(world.db, "select * from audit_events where entity = 'user' and entity_id = ? order by id", [userId]);
const sessionCount = async (userId: number) => (await rawRow<{ n: number }>(world.db, 'select count(*) as n from sessions where user_id = ?', [userId]))!.n;
const userRow = async (userId: number) =>
  (await rawRow<Record<string, unknown>>(world.db, 'select totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step from users where id = ?', [userId]))!;

describe('setting up an authenticator app', () => {
  it('gives a secret, its otpauth address and a QR code, labelled with the partnership and the email; nothing changes until confirmed', async () => {
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, partnershipName: 'Northmoor Safeguarding Children Partnership' } });
    const user = await world.signIn(['viewer'], { name: 'Vera Viewer' });
    const res = await world.request({ method: 'POST', url: '/api/auth/mfa/totp', as: user });
    expect(res.statusCode, res.body).toBe(200);
    const enrolment = res.json<TotpEnrolment>();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(enrolment.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/Northmoor Safeguarding Children Partnership:${user.email}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      secret: enrolment.secret,
      issuer: 'Northmoor Safeguarding Children Partnership',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(enrolment.qrSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(enrolment.qrSvg).not.toMatch(/<script|on\w+=/i);
    expect(await userRow(user.userId)).toMatchObject({ totp_secret: null, totp_pending_secret: enrolment.secret });
    expect((await me(user)).secondFactor).toEqual({ enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 });
    // Pending is not on: the password alone still signs in.
    expect((await login(user.email)).json<Me>().user.id).toBe(user.userId);
  });

  it('turns on with a right code after a wrong one, answers ten recovery codes once, keeps only their hashes and ends other sessions', async () => {
    const user = await world.signIn(['viewer']);
    const elsewhere = callerFrom(user, await login(user.email));
    const { secret } = (await world.request({ method: 'POST', url: '/api/auth/mfa/totp', as: user })).json<TotpEnrolment>();

    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    await refused({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: wrong }, as: user }, { status: 422, code: 'auth.mfa_invalid', path: 'code' });
    // A code of another secret is just as wrong; the code is judged by the app's clock, not the wall clock.
    const other = new OTPAuth.TOTP({ secret: new OTPAuth.Secret(), digits: 6, period: 30 }).generate({ timestamp: TEST_NOW.getTime() });
    if (other !== codeFor(secret)) {
      expectProblem(await world.request({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: other }, as: user }), { status: 422, code: 'auth.mfa_invalid' });
    }

    const code = codeFor(secret);
    const res = await world.request({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: `${code.slice(0, 3)} ${code.slice(3)}` }, as: user });
    expect(res.statusCode, res.body).toBe(200);
    const { recoveryCodes } = res.json<RecoveryCodes>();
    expect(recoveryCodes).toHaveLength(10);
    for (const recoveryCode of recoveryCodes) expect(recoveryCode).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);

    const stored = await rawRows<{ code_hash: string; used_at: null }>(world.db, 'select code_hash, used_at from mfa_recovery_codes where user_id = ?', [user.userId]);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(stored.map((row) => row.code_hash).sort()).toEqual(recoveryCodes.map((c) => sha(c.replace('-', ''))).sort());
    expect(JSON.stringify(await world.snapshot())).not.toContain(recoveryCodes[0]!.replace('-', ''));

    expect(await userRow(user.userId)).toMatchObject({ totp_secret: secret, totp_pending_secret: null, totp_enabled_at: TEST_NOW.toISOString() });
    expect((await me(user)).secondFactor).toEqual({ enabled: true, required: false, enabledAt: TEST_NOW.toISOString(), recoveryCodesLeft: 10 });
    expect((await world.request({ method: 'GET', url: `/api/users/${user.userId}` })).json<User>().secondFactorEnabledAt).toBe(TEST_NOW.toISOString());
    // The session that turned it on stays; the one signed in elsewhere with the password alone has ended.
    expectProblem(await world.request({ method: 'GET', url: '/api/auth/me', as: elsewhere }), { status: 401, code: 'auth.unauthenticated' });
    const enabled = (await trail(user.userId)).find((e) => e.operation === 'second_factor_enabled');
    expect(enabled).toMatchObject({ actor_id: user.userId });
    expect(JSON.parse(enabled!.after!)).toEqual({ method: 'totp', recoveryCodes: 10, otherSessionsEnded: 1 });

    // Once on, it is not set up again over the top (that needs turning it off, with the password).
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/mfa/totp', as: user }), { status: 409, code: 'auth.mfa_already_enabled' });
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: codeFor(secret, 1) }, as: user }), {
      status: 409,
      code: 'auth.mfa_already_enabled',
    });
  });

  it('refuses to confirm before a secret was started, and a code that is not six digits', async () => {
    const user = await world.signIn(['viewer']);
    await refused({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: '123456' }, as: user }, { status: 409, code: 'auth.mfa_not_started' });
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      await refused({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code }, as: user }, { status: 400, code: 'validation.failed', path: 'code' }, code);
    }
  });
});

describe('signing in with a second factor', () => {
  it('answers the password with a token and no session, then signs in with the code', async () => {
    const user = await world.signIn(['agency_lead'], { agencyIds: [(await factories.agency(world.db)).id] });
    const { secret } = await enrol(user);
    const sessionsBefore = await sessionCount(user.userId);
    const mfaToken = await passwordStep(user);
    expect(await sessionCount(user.userId)).toBe(sessionsBefore);
    const challenge = (await rawRow<{ token_hash: string; expires_at: string; attempts: number }>(world.db, 'select * from mfa_challenges where user_id = ?', [user.userId]))!;
    expect(challenge.token_hash).toBe(createHash('sha256').update(mfaToken).digest('hex'));
    expect(challenge.expires_at).toBe(new Date(clock.getTime() + 5 * 60_000).toISOString());
    // No sign-in is recorded for the password alone.
    expect((await trail(user.userId)).filter((e) => e.operation === 'sign_in')).toEqual([]);

    const res = await loginMfa(mfaToken, codeFor(secret));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Me>();
    expect(body.user).toMatchObject({ id: user.userId, lastSignInAt: clock.toISOString() });
    expect(body.capabilities.postUpdates).toBe(true);
    expect(body.secondFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${COOKIE}=`));
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    const signedIn = callerFrom(user, res);
    expect((await me(signedIn)).user.id).toBe(user.userId);
    const signIns = (await trail(user.userId)).filter((e) => e.operation === 'sign_in');
    expect(signIns.map((e) => JSON.parse(e.after!))).toEqual([{ method: 'password_and_code' }]);
    // The token is spent.
    expectProblem(await loginMfa(mfaToken, codeFor(secret, 1)), { status: 401, code: 'auth.mfa_expired' });
  });

  it('refuses a wrong code with the tries left, then takes the right one on the same token', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const mfaToken = await passwordStep(user);
    const wrong = await loginMfa(mfaToken, String((Number(codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0'));
    const problem = expectProblem(wrong, { status: 401, code: 'auth.mfa_invalid' });
    expect(problem.detail).toMatch(/4 tries left/);
    expect(wrong.cookies.find((c) => c.name === COOKIE)).toBeUndefined();
    const failed = (await trail(user.userId)).filter((e) => e.operation === 'sign_in_failed');
    expect(failed.map((e) => JSON.parse(e.after!))).toEqual([{ email: user.email, refused: 'wrong second-factor code', attemptsLeft: 4 }]);
    expect((await loginMfa(mfaToken, codeFor(secret))).statusCode).toBe(200);
  });

  it('accepts the codes of the step before and after, and never the same step twice', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const code = codeFor(secret);
    expect((await loginMfa(await passwordStep(user), code)).statusCode).toBe(200);
    // The same code again, still within its 30 seconds: refused, however it is typed.
    expectProblem(await loginMfa(await passwordStep(user), code), { status: 401, code: 'auth.mfa_invalid' });
    // The step before the one used is older still: refused too.
    expectProblem(await loginMfa(await passwordStep(user), codeFor(secret, -1)), { status: 401, code: 'auth.mfa_invalid' });
    // A phone a step ahead is accepted, and then two steps ahead is out of the window.
    expect((await loginMfa(await passwordStep(user), codeFor(secret, 1))).statusCode).toBe(200);
    expectProblem(await loginMfa(await passwordStep(user), codeFor(secret, 3)), { status: 401, code: 'auth.mfa_invalid' });
    // Two minutes on, a phone a step behind is accepted too (its step is still later than the last one used).
    await setNow(seconds(120));
    expect((await loginMfa(await passwordStep(user), codeFor(secret, -1))).statusCode).toBe(200);
  });

  it('takes a recovery code once, however it is typed, and refuses it the second time', async () => {
    const user = await world.signIn(['viewer']);
    const { recoveryCodes } = await enrol(user);
    const recoveryCode = recoveryCodes[3]!;
    const res = await loginMfa(await passwordStep(user), ` ${recoveryCode.toUpperCase().replace('-', ' - ')} `);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Me>().secondFactor.recoveryCodesLeft).toBe(9);
    expect(await rawRow(world.db, 'select count(*) as n from mfa_recovery_codes where user_id = ? and used_at is not null', [user.userId])).toEqual({ n: 1 });
    const used = (await trail(user.userId)).find((e) => e.operation === 'update' && e.after?.includes('recoveryCodesLeft'));
    expect(JSON.parse(used!.after!)).toEqual({ recoveryCodesLeft: 9 });

    expectProblem(await loginMfa(await passwordStep(user), recoveryCode), { status: 401, code: 'auth.mfa_invalid' });
    expect((await loginMfa(await passwordStep(user), recoveryCodes[4]!)).statusCode).toBe(200);
  });

  it('ends a waiting sign-in after 5 minutes: start again', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const mfaToken = await passwordStep(user);
    await setNow(new Date(clock.getTime() + 5 * 60_000));
    const problem = expectProblem(await loginMfa(mfaToken, codeFor(secret)), { status: 401, code: 'auth.mfa_expired' });
    expect(problem.detail).toMatch(/Start again/);
    expect(await rawRow(world.db, 'select count(*) as n from mfa_challenges')).toEqual({ n: 0 });
  });

  it('voids a waiting sign-in after 5 wrong codes, even for the right code after them', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const mfaToken = await passwordStep(user);
    const right = codeFor(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let n = 1; n <= 5; n++) {
      const problem = expectProblem(await loginMfa(mfaToken, wrong), { status: 401, code: 'auth.mfa_invalid' }, `wrong code ${n}`);
      if (n === 5) expect(problem.detail).toMatch(/last try\. Start again/);
    }
    expectProblem(await loginMfa(mfaToken, right), { status: 401, code: 'auth.mfa_expired' });
    // A new sign-in with the password may try again.
    expect((await loginMfa(await passwordStep(user), right)).statusCode).toBe(200);
  });

  it('stops codes for an account after 10 wrong ones in 15 minutes, across sign-ins, until the window passes', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const wrong = () => String((Number(codeFor(secret)) + 7) % 1_000_000).padStart(6, '0');
    // Two sign-ins of five wrong codes each.
    for (let n = 0; n < 10; n += 5) {
      const mfaToken = await passwordStep(user);
      for (let k = 1; k <= 5; k++) expectProblem(await loginMfa(mfaToken, wrong()), { status: 401, code: 'auth.mfa_invalid' }, `wrong code ${n + k}`);
    }
    const limited = await loginMfa(await passwordStep(user), codeFor(secret));
    expectProblem(limited, { status: 429, code: 'auth.rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await setNow(new Date(clock.getTime() + 15 * 60_000 + 1000));
    expect((await loginMfa(await passwordStep(user), codeFor(secret))).statusCode).toBe(200);
  });

  it('refuses an unknown token and a malformed body without counting a try', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    expectProblem(await loginMfa('not-a-token', codeFor(secret)), { status: 401, code: 'auth.mfa_expired' });
    const mfaToken = await passwordStep(user);
    for (const [label, payload, path] of [
      ['code missing', { mfaToken }, 'code'],
      ['code of five digits', { mfaToken, code: '12345' }, 'code'],
      ['letters that are not a recovery code', { mfaToken, code: 'hello-w0rld' }, 'code'],
      ['token missing', { code: '123456' }, 'mfaToken'],
      ['unknown field', { mfaToken, code: '123456', remember: true }, 'remember'],
    ] as const) {
      await refused({ method: 'POST', url: '/api/auth/login/mfa', payload, as: null }, { status: 400, code: 'validation.failed', path }, label);
    }
    expect((await loginMfa(mfaToken, codeFor(secret))).statusCode).toBe(200);
  });

  it('ends a waiting sign-in when the account is deactivated in the meantime', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const mfaToken = await passwordStep(user);
    await writeTransaction(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, user.userId)));
    expectProblem(await loginMfa(mfaToken, codeFor(secret)), { status: 401, code: 'auth.mfa_expired' });
  });
});

describe('turning it off, and new recovery codes', () => {
  it('needs the password; then the password alone signs in again', async () => {
    const user = await world.signIn(['viewer']);
    await enrol(user);
    // A wrong password is refused (and counted as a failed sign-in, so a session cannot be used to guess it).
    expectProblem(await world.request({ method: 'DELETE', url: '/api/auth/mfa', payload: { currentPassword: 'not the password at all' }, as: user }), {
      status: 422,
      code: 'auth.wrong_password',
      path: 'currentPassword',
    });
    expect(await userRow(user.userId)).toMatchObject({ totp_secret: expect.any(String) });
    await refused({ method: 'DELETE', url: '/api/auth/mfa', payload: {}, as: user }, { status: 400, code: 'validation.failed', path: 'currentPassword' });
    const res = await world.request({ method: 'DELETE', url: '/api/auth/mfa', payload: { currentPassword: TEST_PASSWORD }, as: user });
    expect(res.statusCode, res.body).toBe(204);
    expect(await userRow(user.userId)).toEqual({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect(await rawRow(world.db, 'select count(*) as n from mfa_recovery_codes where user_id = ?', [user.userId])).toEqual({ n: 0 });
    expect((await me(user)).secondFactor).toEqual({ enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 });
    expect((await trail(user.userId)).map((e) => e.operation)).toContain('second_factor_disabled');
    expect((await login(user.email)).json<Me>().user.id).toBe(user.userId);
    expectProblem(await world.request({ method: 'DELETE', url: '/api/auth/mfa', payload: { currentPassword: TEST_PASSWORD }, as: user }), { status: 409, code: 'auth.mfa_not_enabled' });
  });

  it('makes new recovery codes with the password: the old ones stop working', async () => {
    const user = await world.signIn(['viewer']);
    const { recoveryCodes: old } = await enrol(user);
    expectProblem(await world.request({ method: 'POST', url: '/api/auth/mfa/recovery-codes', payload: { currentPassword: 'wrong wrong wrong' }, as: user }), {
      status: 422,
      code: 'auth.wrong_password',
    });
    const res = await world.request({ method: 'POST', url: '/api/auth/mfa/recovery-codes', payload: { currentPassword: TEST_PASSWORD }, as: user });
    expect(res.statusCode, res.body).toBe(200);
    const fresh = res.json<RecoveryCodes>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => old.includes(code))).toBe(false);
    expectProblem(await loginMfa(await passwordStep(user), old[0]!), { status: 401, code: 'auth.mfa_invalid' });
    expect((await loginMfa(await passwordStep(user), fresh[0]!)).statusCode).toBe(200);
  });
});

describe('roles that must use two-factor sign-in', () => {
  const requireFor = async (roles: string[]) => {
    const settings = (await world.request({ method: 'GET', url: '/api/settings' })).json<Settings>();
    const res = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: settings.version, requireMfaRoles: roles } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('lets a password user in a required role sign in, but only to set it up; then everything opens', async () => {
    const agency = await factories.agency(world.db);
    await requireFor(['agency_lead']);
    const lead = await world.signIn(['agency_lead'], { agencyIds: [agency.id] });
    const viewer = await world.signIn(['viewer']);

    const signedIn = await login(lead.email);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<Me>().secondFactor).toEqual({ enabled: false, required: true, enabledAt: null, recoveryCodesLeft: 0 });
    const problem = expectProblem(await world.request({ method: 'GET', url: '/api/actions', as: lead }), { status: 403, code: 'auth.mfa_enrolment_required' });
    expect(problem.detail).toMatch(/two-factor sign-in/);
    expectProblem(await world.request({ method: 'GET', url: '/api/settings', as: lead }), { status: 403, code: 'auth.mfa_enrolment_required' });
    await refused({ method: 'POST', url: '/api/auth/mfa/recovery-codes', payload: { currentPassword: TEST_PASSWORD }, as: lead }, { status: 403, code: 'auth.mfa_enrolment_required' });
    // Others are not held up.
    expect((await world.request({ method: 'GET', url: '/api/actions', as: viewer })).statusCode).toBe(200);

    const { secret } = await enrol(lead);
    expect((await me(lead)).secondFactor).toMatchObject({ enabled: true, required: true });
    expect((await world.request({ method: 'GET', url: '/api/actions', as: lead })).statusCode).toBe(200);
    // While the role requires it, it cannot be turned off; the business unit can reset it.
    await refused({ method: 'DELETE', url: '/api/auth/mfa', payload: { currentPassword: TEST_PASSWORD }, as: lead }, { status: 403, code: 'auth.mfa_required' });
    expect((await loginMfa(await passwordStep(lead), codeFor(secret))).statusCode).toBe(200);
  });

  it('leaves sign-out, reading who is signed in and changing the password open', async () => {
    await requireFor(['viewer']);
    const viewer = await world.signIn(['viewer']);
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: viewer })).statusCode).toBe(200);
    const changed = await world.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 42' }, as: viewer });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await world.request({ method: 'POST', url: '/api/auth/logout', as: viewer })).statusCode).toBe(204);
  });
});

describe("the business unit resets a user's second factor", () => {
  it('turns it off, ends every session of theirs and their waiting sign-ins, and is recorded', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const waiting = await passwordStep(user);
    expect(await sessionCount(user.userId)).toBe(1);
    const before = (await world.request({ method: 'GET', url: `/api/users/${user.userId}` })).json<User>();

    const res = await world.request({ method: 'DELETE', url: `/api/users/${user.userId}/mfa` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 1 });
    expect(await sessionCount(user.userId)).toBe(0);
    expect(await userRow(user.userId)).toMatchObject({ totp_secret: null, totp_enabled_at: null });
    const after = (await world.request({ method: 'GET', url: `/api/users/${user.userId}` })).json<User>();
    expect(after).toMatchObject({ secondFactorEnabledAt: null, version: before.version + 1 });
    expectProblem(await loginMfa(waiting, codeFor(secret)), { status: 401, code: 'auth.mfa_expired' });

    const audit = (await world.request({ method: 'GET', url: `/api/audit?entity=user&entityId=${user.userId}` })).json<{ items: AuditEvent[] }>();
    expect(audit.items.find((e) => e.operation === 'second_factor_reset')).toMatchObject({ actorId: world.admin.userId, after: { sessionsEnded: 1 } });
    // The password alone signs in now.
    expect((await login(user.email)).json<Me>().secondFactor.enabled).toBe(false);
    expectProblem(await world.request({ method: 'DELETE', url: `/api/users/${user.userId}/mfa` }), { status: 409, code: 'user.second_factor_off' });
  });

  it('is for the business unit only', async () => {
    const user = await world.signIn(['viewer']);
    await enrol(user);
    const chair = await world.signIn(['independent_chair']);
    await refused({ method: 'DELETE', url: `/api/users/${user.userId}/mfa`, as: chair }, { status: 403, code: 'auth.forbidden' });
    expectProblem(await world.request({ method: 'DELETE', url: '/api/users/999999/mfa' }), { status: 404, code: 'user.not_found' });
  });
});

describe('the password alone, for an account with a second factor', () => {
  it('forgives nothing and makes no address known until the code is right too', async () => {
    const user = await world.signIn(['viewer']);
    const { secret } = await enrol(user);
    const known = () => rawRows(world.db, 'select ip from sign_in_addresses where user_id = ?', [user.userId]);
    const pairTries = async () => (await rawRow<{ n: number }>(world.db, `select count(*) as n from sign_in_failures where key like 'pair:%'`))!.n;
    await login(user.email, 'a wrong guess first');
    const token = await passwordStep(user);
    expect(await known()).toEqual([]);
    expect(await pairTries()).toBe(2);
    expect((await loginMfa(token, codeFor(secret))).statusCode).toBe(200);
    expect(await known()).toEqual([{ ip: '127.0.0.1' }]);
    expect(await pairTries()).toBe(0);
  });
});
