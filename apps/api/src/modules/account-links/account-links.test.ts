import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountLinkView, CreatedUser, Invitation, Me, PasswordResetAccepted, User, UserInvitation } from '@lrt/contracts';
import type { InjectOptions } from 'fastify';
import { rawRow, rawRows, rawRun, writeTransaction } from '@lrt/db';
import { expectProblem, expectRefused, type ExpectedProblem } from '../../testing/http-expect';
import { createTestWorld, TEST_NOW, TEST_PASSWORD, type Caller, type TestRequest, type TestWorld } from '../../testing/test-app';

const CHOSEN = 'heron quay bicycle 48';
const LATER = 'tidal marsh lantern 71';
const HOUR = 3_600_000;

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

interface QueuedEmail {
  id: number;
  kind: string;
  to_name: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  account_link_id: number | null;
  status: string;
}

const queuedEmails = () => rawRows<QueuedEmail>(world.db, 'select * from emails order by id');

/**
 * Sends the outbox as the server does without an SMTP server (the outbox keeps the message as sent, link and all),
 * and answers the token of the link in the latest account email to `address`, as its recipient would find it.
 */
async function deliverLinkTo(address: string): Promise<string> {
  await world.app.mail.deliverDue();
  const email = (await queuedEmails())
    .filter((row) => row.to_address === address && row.account_link_id !== null)
    .at(-1);
  const token = email && /http:\/\/localhost:3000\/set-password\/([A-Za-z0-9_-]{43})\b/.exec(email.text)?.[1];
  if (!token) throw new Error(`no account email with a link was sent to ${address}`);
  expect(email!.html).toContain(`href="http://localhost:3000/set-password/${token}"`);
  return token;
}

/** A request that must be refused with this problem, changing nothing (`as` says who sends it, as in world.request). */
const refused = (options: TestRequest, expected: ExpectedProblem, label?: string) => expectRefused(world, options as InjectOptions, expected, label);

const login = (email: string, password: string) => world.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, as: null });
const askForReset = (email: string, remoteAddress?: string) =>
  world.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email }, as: null, ...(remoteAddress ? { remoteAddress } : {}) });
const viewLink = (token: string) => world.request({ method: 'GET', url: `/api/auth/password-reset/${token}`, as: null });
const setPassword = (token: string, password: string) => world.request({ method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password }, as: null });
const invite = (userId: number) => world.request({ method: 'POST', url: `/api/users/${userId}/invitation` });

async function createUser(payload: Record<string, unknown>): Promise<CreatedUser> {
  const res = await world.request({ method: 'POST', url: '/api/users', payload: { roles: ['viewer'], ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreatedUser>();
}

const linksOf = (userId: number) => rawRows<{ token_hash: string | null }>(world.db, 'select * from account_links where user_id = ? order by id', [userId]);

describe('inviting a user by email', () => {
  it('queues an email naming the partnership, who invited them, what the tracker is for, the link and when it expires', async () => {
    await writeTransaction(world.db, (tx) =>
      rawRun(tx, "update settings set partnership_name = 'Northmoor Safeguarding Children Partnership'"),
    );
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', password: 'plum orchard lantern 93' });

    const res = await invite(jo.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<Invitation>()).toEqual({
      state: 'open',
      createdAt: TEST_NOW.toISOString(),
      expiresAt: new Date(TEST_NOW.getTime() + 7 * 24 * HOUR).toISOString(),
      usedAt: null,
      sentAt: null,
      invitedBy: 'Business Unit Admin',
    });

    const [email] = await queuedEmails();
    expect(email).toMatchObject({
      kind: 'invitation',
      to_name: 'Jo Lead',
      to_address: 'jo.lead@northmoor.example',
      subject: 'Northmoor Safeguarding Children Partnership: set up your Learning Review Tracker account',
    });
    for (const body of [email!.text, email!.html]) {
      expect(body).toContain('Business Unit Admin has invited you to the Learning Review Tracker of Northmoor Safeguarding Children Partnership');
      expect(body).toContain('actions agreed after its case reviews');
      expect(body).toContain('{{link}}');
      // 2 March 2026 10:00 UTC is 10:00 in London (GMT); a week later, before the clocks change.
      expect(body).toContain('until 10:00 on Monday 9 March 2026');
    }
    expect(email!.html).toMatch(/<a href="\{\{link\}\}"[^>]*>Set your password<\/a>/);
    // Nothing in the outbox or the database opens the account until the message is sent.
    expect(await linksOf(jo.id)).toEqual([expect.objectContaining({ token_hash: null })]);

    const trail = await rawRows(world.db, "select actor_id, entity, operation, after from audit_events where entity = 'account_link' order by id");
    expect(trail).toEqual([
      {
        actor_id: world.admin.userId,
        entity: 'account_link',
        operation: 'create',
        after: JSON.stringify({ userId: jo.id, purpose: 'invitation', expiresAt: '2026-03-09T10:00:00.000Z', replacedOpenLinks: 0 }),
      },
    ]);
  });

  it('replaces an earlier invitation: its link stops working, the new one works', async () => {
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', sendInvitation: true });
    const first = await deliverLinkTo(jo.email);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR));
    expect((await invite(jo.id)).statusCode).toBe(202);
    const second = await deliverLinkTo(jo.email);

    const problem = expectProblem(await viewLink(first), { status: 410, code: 'account_link.superseded', path: 'token' });
    expect(problem.detail).toMatch(/A newer link has been sent since this one/);
    await refused({ method: 'POST', url: `/api/auth/password-reset/${first}`, payload: { password: CHOSEN }, as: null }, { status: 410, code: 'account_link.superseded' });
    expect((await setPassword(second, CHOSEN)).statusCode).toBe(204);
    expect((await login(jo.email, CHOSEN)).statusCode).toBe(200);
    const trail = await rawRows<{ after: string }>(world.db, "select after from audit_events where entity = 'account_link' order by id");
    expect(trail.map((row) => JSON.parse(row.after).replacedOpenLinks)).toEqual([0, 1]);
  });

  it('refuses a deactivated account and changes nothing', async () => {
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', password: 'plum orchard lantern 93' });
    await world.request({ method: 'PATCH', url: `/api/users/${jo.id}`, payload: { version: jo.version, active: false } });
    const problem = await refused({ method: 'POST', url: `/api/users/${jo.id}/invitation` }, { status: 422, code: 'account_link.user_deactivated', path: 'id' });
    expect(problem.detail).toBe("Jo Lead's account is deactivated, so no invitation was sent. Reactivate the account first.");
    expect(await queuedEmails()).toEqual([]);
  });

  it('answers 404 for an unknown user, and is the business unit’s alone', async () => {
    await refused({ method: 'POST', url: '/api/users/999999/invitation' }, { status: 404, code: 'user.not_found' });
    const lead = await world.signIn(['viewer']);
    await refused({ method: 'POST', url: `/api/users/${lead.userId}/invitation`, as: lead }, { status: 403, code: 'auth.forbidden' });
    await refused({ method: 'POST', url: `/api/users/${lead.userId}/invitation`, as: null }, { status: 401, code: 'auth.unauthenticated' });
  });

  it('shows the latest invitation and what its link can still do', async () => {
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', password: 'plum orchard lantern 93' });
    const status = async () => (await world.request({ method: 'GET', url: `/api/users/${jo.id}/invitation` })).json<UserInvitation>().invitation;
    expect(await status()).toBeNull();

    await invite(jo.id);
    expect(await status()).toMatchObject({ state: 'open', invitedBy: 'Business Unit Admin' });
    await world.setNow(new Date(TEST_NOW.getTime() + 7 * 24 * HOUR));
    expect(await status()).toMatchObject({ state: 'expired' });

    await invite(jo.id);
    const token = await deliverLinkTo(jo.email);
    await world.setNow(new Date(TEST_NOW.getTime() + 8 * 24 * HOUR));
    await setPassword(token, CHOSEN);
    expect(await status()).toMatchObject({ state: 'used', usedAt: new Date(TEST_NOW.getTime() + 8 * 24 * HOUR).toISOString() });
    expectProblem(await world.request({ method: 'GET', url: '/api/users/999999/invitation' }), { status: 404, code: 'user.not_found' });
  });
});

describe('POST /api/users with an invitation instead of a password', () => {
  it('opens an account with no usable password, and the invited person chooses theirs with the link', async () => {
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', sendInvitation: true });
    expect(jo.mustChangePassword).toBe(false);
    expect(jo.invitation).toMatchObject({ state: 'open', expiresAt: '2026-03-09T10:00:00.000Z' });
    expect(await queuedEmails()).toEqual([expect.objectContaining({ kind: 'invitation', to_address: 'jo.lead@northmoor.example' })]);
    const stored = (await rawRow<{ password_hash: string }>(world.db, 'select password_hash from users where id = ?', [jo.id]))!;
    expect(stored.password_hash.startsWith('scrypt$')).toBe(false);
    expectProblem(await login(jo.email, stored.password_hash), { status: 401, code: 'auth.invalid_credentials' });

    const token = await deliverLinkTo(jo.email);
    expect((await viewLink(token)).json<AccountLinkView>()).toEqual({
      purpose: 'invitation',
      name: 'Jo Lead',
      email: 'jo.lead@northmoor.example',
      expiresAt: '2026-03-09T10:00:00.000Z',
    });
    expect((await setPassword(token, CHOSEN)).statusCode).toBe(204);
    const signedIn = await login(jo.email, CHOSEN);
    expect(signedIn.statusCode).toBe(200);
    // They chose it themselves: nothing more to change before using the tracker.
    expect(signedIn.json<Me>().mustChangePassword).toBe(false);
  });

  it('needs exactly one of a password and an invitation, naming the field, and changes nothing', async () => {
    const base = { email: 'jo.lead@northmoor.example', name: 'Jo Lead', roles: ['viewer'] };
    for (const [label, payload] of [
      ['neither', base],
      ['both', { ...base, password: CHOSEN, sendInvitation: true }],
      ['no invitation and no password', { ...base, sendInvitation: false }],
    ] as const) {
      await refused({ method: 'POST', url: '/api/users', payload }, { status: 400, code: 'validation.failed', path: 'password' }, label);
    }
    await refused(
      { method: 'POST', url: '/api/users', payload: { ...base, sendInvitation: 'yes' } },
      { status: 400, code: 'validation.failed', path: 'sendInvitation' },
    );
  });
});

describe('asking for a password reset', () => {
  it('emails an active account a link lasting one hour', async () => {
    const sam = await world.signIn(['viewer'], { name: 'Sam Patel' });
    await writeTransaction(world.db, (tx) =>
      rawRun(tx, "update settings set partnership_name = 'Northmoor Safeguarding Children Partnership'"),
    );
    const res = await askForReset(sam.email.toUpperCase());
    expect(res.statusCode).toBe(202);
    expect(res.json<PasswordResetAccepted>()).toEqual({
      message: 'If an account uses that address, we have emailed it a link to set a new password. The link works for one hour.',
      linkHours: 1,
    });
    const [email] = await queuedEmails();
    expect(email).toMatchObject({
      kind: 'password_reset',
      to_address: sam.email,
      subject: 'Northmoor Safeguarding Children Partnership: reset your Learning Review Tracker password',
    });
    expect(email!.text).toContain('The link works once, for one hour: until 11:00 on Monday 2 March 2026.');
    expect(email!.text).toContain('If you did not ask for this, you can ignore this email: your password has not changed.');
    expect(email!.text).toContain('{{link}}');
    const token = await deliverLinkTo(sam.email);
    expect((await viewLink(token)).json<AccountLinkView>()).toMatchObject({ purpose: 'password_reset', name: 'Sam Patel', expiresAt: '2026-03-02T11:00:00.000Z' });
  });

  it('gives an unknown or deactivated address the very same answer, and queues nothing', async () => {
    const known = await world.signIn(['viewer'], { name: 'Known Person' });
    const leaver = await world.signIn(['viewer'], { name: 'Left Already' });
    await writeTransaction(world.db, (tx) => rawRun(tx, 'update users set active = false where id = ?', [leaver.userId]));
    const forKnown = await askForReset(known.email);
    const emailsBefore = (await queuedEmails()).length;
    const linksBefore = await rawRow(world.db, 'select count(*) as n from account_links');

    for (const address of ['nobody.here@northmoor.example', leaver.email]) {
      const res = await askForReset(address);
      expect(res.statusCode, address).toBe(forKnown.statusCode);
      expect(res.body, address).toBe(forKnown.body);
      expect(res.headers['content-type']).toBe(forKnown.headers['content-type']);
    }
    expect(await queuedEmails()).toHaveLength(emailsBefore);
    expect(await rawRow(world.db, 'select count(*) as n from account_links')).toEqual(linksBefore);
    // What a stranger typed is not kept: only a hash of it counts towards the limit.
    expect(await world.snapshot()).not.toContain('nobody.here');
  });

  it('refuses what is not an email address, naming the field, and needs no session or CSRF token', async () => {
    await refused({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'not an address' }, as: null }, { status: 400, code: 'validation.failed', path: 'email' });
    await refused({ method: 'POST', url: '/api/auth/password-reset', payload: {}, as: null }, { status: 400, code: 'validation.failed', path: 'email' });
    const sam = await world.signIn(['viewer']);
    expect((await world.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email: sam.email }, as: sam, withoutCsrf: true })).statusCode).toBe(202);
  });

  it('cannot flood an inbox: past three an hour for an address the answer is the same and nothing is sent', async () => {
    const sam = await world.signIn(['viewer']);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await askForReset(sam.email, `203.0.113.${i + 1}`)).body);
    expect(new Set(answers).size).toBe(1);
    expect(await queuedEmails()).toHaveLength(3);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR + 1000));
    await askForReset(sam.email);
    expect(await queuedEmails()).toHaveLength(4);
  });

  it('limits each client: past ten an hour from one address, even a real account gets nothing, while others are served', async () => {
    const sam = await world.signIn(['viewer']);
    for (let i = 0; i < 10; i++) expect((await askForReset(`guess.${i}@northmoor.example`, '198.51.100.7')).statusCode).toBe(202);
    expect((await askForReset(sam.email, '198.51.100.7')).statusCode).toBe(202);
    expect(await queuedEmails()).toHaveLength(0);
    await askForReset(sam.email, '192.0.2.44');
    expect(await queuedEmails()).toEqual([expect.objectContaining({ to_address: sam.email })]);
  });

  it('replaces an earlier reset link', async () => {
    const sam = await world.signIn(['viewer']);
    await askForReset(sam.email);
    const first = await deliverLinkTo(sam.email);
    await world.setNow(new Date(TEST_NOW.getTime() + 60_000));
    await askForReset(sam.email);
    const second = await deliverLinkTo(sam.email);
    expectProblem(await setPassword(first, CHOSEN), { status: 410, code: 'account_link.superseded' });
    expect((await setPassword(second, CHOSEN)).statusCode).toBe(204);
  });
});

describe('setting a password with a link', () => {
  async function resetLinkFor(caller: Caller) {
    await askForReset(caller.email);
    return await deliverLinkTo(caller.email);
  }

  it('works once: a second use answers 410 and leaves the password as the first set it', async () => {
    const sam = await world.signIn(['viewer']);
    const token = await resetLinkFor(sam);
    expect((await setPassword(token, CHOSEN)).statusCode).toBe(204);
    expectProblem(await login(sam.email, TEST_PASSWORD), { status: 401, code: 'auth.invalid_credentials' });
    expect((await login(sam.email, CHOSEN)).statusCode).toBe(200);

    const problem = await refused(
      { method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password: LATER }, as: null },
      { status: 410, code: 'account_link.used', path: 'token' },
    );
    expect(problem.detail).toBe('This link has already been used to set a password, and each link works only once. Ask for a new link.');
    expectProblem(await viewLink(token), { status: 410, code: 'account_link.used' });
    expectProblem(await login(sam.email, LATER), { status: 401, code: 'auth.invalid_credentials' });
    expect((await login(sam.email, CHOSEN)).statusCode).toBe(200);
  });

  it('sets it once when the link is sent twice at the same moment', async () => {
    const sam = await world.signIn(['viewer']);
    const token = await resetLinkFor(sam);
    const answers = await Promise.all([setPassword(token, CHOSEN), setPassword(token, LATER)]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([204, 410]);
    const winner = answers[0]!.statusCode === 204 ? CHOSEN : LATER;
    expect((await login(sam.email, winner)).statusCode).toBe(200);
    expect(await rawRow(world.db, "select count(*) as n from audit_events where operation = 'password_changed'")).toEqual({ n: 1 });
  });

  it('expires: a reset link after one hour, an invitation after seven days; nothing changes', async () => {
    const sam = await world.signIn(['viewer']);
    const token = await resetLinkFor(sam);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR - 1000));
    expect((await viewLink(token)).statusCode).toBe(200);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR));
    const problem = expectProblem(await viewLink(token), { status: 410, code: 'account_link.expired' });
    expect(problem.detail).toBe('This link has expired: a link to reset a password works for one hour. Ask for a new link.');
    await refused({ method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password: CHOSEN }, as: null }, { status: 410, code: 'account_link.expired' });
    expect((await login(sam.email, TEST_PASSWORD)).statusCode).toBe(200);

    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', sendInvitation: true });
    const invitation = await deliverLinkTo(jo.email);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR + 7 * 24 * HOUR - 1000));
    expect((await viewLink(invitation)).statusCode).toBe(200);
    await world.setNow(new Date(TEST_NOW.getTime() + HOUR + 7 * 24 * HOUR));
    const expired = expectProblem(await setPassword(invitation, CHOSEN), { status: 410, code: 'account_link.expired' });
    expect(expired.detail).toBe('This link has expired: an invitation works for 7 days. Ask your business unit to send a new invitation, or ask for a password reset.');
  });

  it('ends every session of the account, clears a password change an admin asked for, and is in the audit trail', async () => {
    const jo = await createUser({ email: 'jo.lead@northmoor.example', name: 'Jo Lead', password: 'plum orchard lantern 93' });
    const sessions = [];
    for (const _ of [1, 2]) {
      const res = await login(jo.email, 'plum orchard lantern 93');
      sessions.push({ cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrfToken: res.json<Me>().csrfToken, userId: jo.id, name: jo.name, email: jo.email });
    }
    expect((await world.request({ method: 'GET', url: '/api/auth/me', as: sessions[0]! })).json<Me>().mustChangePassword).toBe(true);

    await askForReset(jo.email);
    const res = await setPassword(await deliverLinkTo(jo.email), CHOSEN);
    expect(res.statusCode).toBe(204);
    // It signs no one in: they go to sign-in with the new password.
    expect(res.cookies).toEqual([]);
    for (const session of sessions) expectProblem(await world.request({ method: 'GET', url: '/api/auth/me', as: session }), { status: 401, code: 'auth.unauthenticated' });
    expect((await login(jo.email, CHOSEN)).json<Me>().mustChangePassword).toBe(false);
    expect((await world.request({ method: 'GET', url: `/api/users/${jo.id}` })).json<User>().mustChangePassword).toBe(false);

    const trail = await rawRows(world.db, "select actor_id, actor_name, entity_id, after from audit_events where operation = 'password_changed' order by id");
    expect(trail).toEqual([{ actor_id: jo.id, actor_name: 'Jo Lead', entity_id: jo.id, after: JSON.stringify({ with: 'password_reset', sessionsEnded: 2 }) }]);
    expect(JSON.stringify(await rawRows(world.db, 'select * from audit_events'))).not.toContain(CHOSEN);
  });

  it('leaves a second factor in place: sign-in still asks for the code', async () => {
    const sam = await world.signIn(['viewer']);
    await writeTransaction(world.db, (tx) =>
      rawRun(tx, "update users set totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled_at = ? where id = ?", [TEST_NOW.toISOString(), sam.userId]),
    );
    await setPassword(await resetLinkFor(sam), CHOSEN);
    expect((await login(sam.email, CHOSEN)).json()).toMatchObject({ mfaRequired: true });
  });

  it('follows the password policy, naming the field, and keeps the link for another try', async () => {
    const sam = await world.signIn(['viewer'], { name: 'Samira Okafor' });
    const token = await resetLinkFor(sam);
    await refused({ method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password: 'short' }, as: null }, { status: 400, code: 'validation.failed', path: 'password' });
    const problem = await refused(
      { method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password: 'samira okafor forever' }, as: null },
      { status: 422, code: 'user.weak_password', path: 'password' },
    );
    expect(problem.errors).toEqual([{ path: 'password', message: 'must not contain your name' }]);
    expect((await setPassword(token, CHOSEN)).statusCode).toBe(204);
  });

  it('stops working once the password is changed another way, or the account is deactivated', async () => {
    const sam = await world.signIn(['viewer']);
    const token = await resetLinkFor(sam);
    await world.setNow(new Date(TEST_NOW.getTime() + 60_000));
    // They remembered it after all, and changed it on their account page.
    expect((await world.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: LATER }, as: sam })).statusCode).toBe(204);
    await refused({ method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password: CHOSEN }, as: null }, { status: 410, code: 'account_link.superseded' });

    const kim = await world.signIn(['viewer']);
    const kimsToken = await resetLinkFor(kim);
    await writeTransaction(world.db, (tx) => rawRun(tx, 'update users set active = false where id = ?', [kim.userId]));
    await refused({ method: 'POST', url: `/api/auth/password-reset/${kimsToken}`, payload: { password: CHOSEN }, as: null }, { status: 410, code: 'account_link.account_deactivated' });
  });

  it('answers 404 for a token the tracker never sent', async () => {
    const made = randomBytes(32).toString('base64url');
    const problem = expectProblem(await viewLink(made), { status: 404, code: 'account_link.not_found', path: 'token' });
    expect(problem.detail).toBe('This link is not recognised. Check that you copied the whole link from the email.');
    await refused({ method: 'POST', url: `/api/auth/password-reset/${made}`, payload: { password: CHOSEN }, as: null }, { status: 404, code: 'account_link.not_found' });
  });
});
