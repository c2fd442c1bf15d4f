import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedUser, Me } from '@lrt/contracts';
import { rawRun, writeTransaction } from '@lrt/db';
import { expectProblem } from '../../testing/http-expect';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../testing/test-app';

const PUBLIC_URL = 'https://tracker.northmoor.example';
const CHOSEN = 'heron quay bicycle 48';
const LINK = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/set-password/([A-Za-z0-9_-]{43})\\b`);

let smtp: TestSmtpServer;
let world: TestWorld;
beforeEach(async () => {
  smtp = await startTestSmtpServer();
  world = await createTestWorld({ app: { publicUrl: PUBLIC_URL, mail: { smtpUrl: smtp.url, from: 'tracker@northmoor.example' } } });
  await writeTransaction(world.db, (tx) =>
    rawRun(tx, "update settings set partnership_name = 'Northmoor Safeguarding Children Partnership'"),
  );
});
afterEach(async () => {
  await world.close();
  await smtp.stop();
});

const login = (email: string, password: string) => world.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, as: null });
const setPassword = (token: string, password: string) => world.request({ method: 'POST', url: `/api/auth/password-reset/${token}`, payload: { password }, as: null });

/** Sends the outbox over SMTP and answers the one message received, with the token of the link it carries. */
async function receiveOne() {
  expect(await world.app.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
  const [message] = await smtp.waitFor(1);
  const token = LINK.exec(message!.text)?.[1];
  expect(token, message!.text).toBeDefined();
  // The HTML part carries the same link, as a link whose words say where it goes.
  expect(message!.html).toContain(`href="${PUBLIC_URL}/set-password/${token}"`);
  // Only the recipient has the token: the kept copy and the database hold no trace of it but its hash.
  expect(await world.snapshot()).not.toContain(token!);
  return { message: message!, token: token! };
}

describe('account emails through a real SMTP server', () => {
  it('a reset: the message arrives, its link sets the password once, and they sign in with it', async () => {
    const sam = await world.signIn(['viewer'], { name: 'Sam Patel' });
    expect((await world.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email: sam.email }, as: null })).statusCode).toBe(202);

    const { message, token } = await receiveOne();
    expect(message.to).toEqual([sam.email]);
    expect(message.from).toBe('tracker@northmoor.example');
    expect(message.subject).toBe('Northmoor Safeguarding Children Partnership: reset your Learning Review Tracker password');
    expect(message.text).toContain('Dear Sam Patel,');
    expect(message.text).toContain('The link works once, for one hour: until 11:00 on Monday 2 March 2026.');

    expect((await world.request({ method: 'GET', url: `/api/auth/password-reset/${token}`, as: null })).json()).toMatchObject({ purpose: 'password_reset', name: 'Sam Patel' });
    expect((await setPassword(token, CHOSEN)).statusCode).toBe(204);
    expect((await login(sam.email, CHOSEN)).statusCode).toBe(200);
    expectProblem(await login(sam.email, TEST_PASSWORD), { status: 401, code: 'auth.invalid_credentials' });

    expectProblem(await setPassword(token, 'tidal marsh lantern 71'), { status: 410, code: 'account_link.used' });
    expect((await login(sam.email, CHOSEN)).statusCode).toBe(200);
  });

  it('an invitation: a new account with no password gets one from the link, and is not asked to change it', async () => {
    const res = await world.request({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'jo.lead@northmoor.example', name: 'Jo Lead', roles: ['viewer'], sendInvitation: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CreatedUser>().invitation).toMatchObject({ state: 'open' });

    const { message, token } = await receiveOne();
    expect(message.to).toEqual(['jo.lead@northmoor.example']);
    expect(message.subject).toBe('Northmoor Safeguarding Children Partnership: set up your Learning Review Tracker account');
    expect(message.text).toContain('Business Unit Admin has invited you');
    expect(message.html).toContain('<html lang="en-GB">');

    expect((await setPassword(token, CHOSEN)).statusCode).toBe(204);
    const signedIn = await login('jo.lead@northmoor.example', CHOSEN);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json<Me>().mustChangePassword).toBe(false);
    expect((await world.request({ method: 'GET', url: `/api/users/${res.json<CreatedUser>().id}/invitation` })).json()).toMatchObject({
      invitation: { state: 'used', sentAt: expect.any(String) },
    });
    expectProblem(await setPassword(token, 'tidal marsh lantern 71'), { status: 410, code: 'account_link.used' });
  });
});
