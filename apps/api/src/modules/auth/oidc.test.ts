import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Me, SsoDomain } from '@lrt/contracts';
import { first, rawRow, rawRows, settings as settingsTable, users, writeTransaction } from '@lrt/db';
import { eq } from 'drizzle-orm';
import { freePort, startOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider';
import { createTestWorld, factories, TEST_NOW, TEST_PASSWORD, type TestWorld } from '../../testing/test-app';

/**
 * Single sign-on, end to end over HTTP: the real app listening on a loopback port, and a real OpenID Connect
 * provider (oidc-provider) beside it. Each test gets a fresh database; the provider is shared.
 */

const STATE_COOKIE = '__Host-lrt_oidc';
const SESSION_COOKIE = '__Host-lrt_session';

let port: number;
let base: string;
let provider: TestOidcProvider;
let world: TestWorld | undefined;

beforeAll(async () => {
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
});
afterAll(() => provider.close());
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The tracker with single sign-on, listening where the provider sends people back. */
async function startTracker(oidc: { issuerUrl: string; clientId: string; clientSecret?: string } = settings()) {
  world = await createTestWorld({ app: { publicUrl: base, oidc } });
  await world.app.listen({ port, host: '127.0.0.1' });
  return world;
}
const settings = () => ({ issuerUrl: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret! });

function cookieOf(response: Response, name: string) {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line ? { line, value: line.slice(name.length + 1).split(';')[0]! } : undefined;
}

const start = (returnTo?: string) =>
  fetch(`${base}/api/auth/oidc/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`, { redirect: 'manual' });

const callback = (url: URL | string, state: string | undefined) =>
  fetch(url, { redirect: 'manual', ...(state ? { headers: { cookie: `${STATE_COOKIE}=${state}` } } : {}) });

/** A whole sign-in as a browser makes it: to the provider, signed in there as `login`, and back. */
async function signInWithOrganisation(login: string, returnTo?: string) {
  const started = await start(returnTo);
  expect(started.status).toBe(302);
  const state = cookieOf(started, STATE_COOKIE)?.value;
  const answer = await provider.authorize(started.headers.get('location')!, login);
  const finished = await callback(answer, state);
  expect(finished.status).toBe(302);
  return { started, state, answer, finished, location: finished.headers.get('location'), session: cookieOf(finished, SESSION_COOKIE) };
}

async function me(session: string | undefined) {
  const response = await fetch(`${base}/api/auth/me`, { headers: session ? { cookie: `${SESSION_COOKIE}=${session}` } : {} });
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as Me) : null };
}

const userCount = async () => (await rawRow<{ n: number }>(world!.db, 'select count(*) as n from users'))!.n;
const auditOf = async (operation: string) =>
  (await rawRows<{ actor_id: number | null; entity: string; after: string }>(world!.db, 'select * from audit_events where operation = ? order by id', [operation])).map(
    (row) => ({ ...row, after: JSON.parse(row.after) as Record<string, unknown> }),
  );

describe('GET /api/auth/oidc/status', () => {
  it('says single sign-on is off when no provider is configured', async () => {
    world = await createTestWorld();
    const res = await world.request({ method: 'GET', url: '/api/auth/oidc/status', as: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: false, redirectUri: 'http://localhost:3000/api/auth/oidc/callback' });
    // The sign-in routes are not there at all.
    expect((await world.request({ method: 'GET', url: '/api/auth/oidc/start', as: null })).statusCode).toBe(404);
  });

  it('names the provider when it is configured', async () => {
    await startTracker();
    const res = await fetch(`${base}/api/auth/oidc/status`);
    expect(await res.json()).toEqual({ enabled: true, issuer: provider.issuer, redirectUri: `${base}/api/auth/oidc/callback` });
  });
});

describe('signing in with your organisation', () => {
  it('signs in the account with the verified email, whatever its case, and lands on returnTo', async () => {
    await startTracker();
    const police = await factories.agency(world!.db, { kind: 'police' });
    const lead = await world!.signIn(['agency_lead'], { agencyIds: [police.id], name: 'Priya Lead' });
    provider.accounts.set('priya', { email: lead.email.toUpperCase(), email_verified: true, name: 'Priya at the provider' });

    const flow = await signInWithOrganisation('priya', '/actions?agencyId=1#list');

    // The request to the provider: code flow with PKCE (S256), state, nonce, the scopes and the registered callback.
    const authorization = new URL(flow.started.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: `${base}/api/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(authorization.searchParams.get('state')).toBe(flow.state);
    // The browser binding: HttpOnly, Lax (the provider's navigation back is cross-site), ten minutes.
    const stateCookie = cookieOf(flow.started, STATE_COOKIE)!.line;
    expect(stateCookie).toMatch(/; HttpOnly/i);
    expect(stateCookie).toMatch(/; SameSite=Lax/i);
    expect(stateCookie).toMatch(/; Max-Age=600/i);
    expect(stateCookie).toMatch(/; Path=\/(;|$)/);
    // Only a hash of the state is kept.
    const kept = await rawRows<{ state_hash: string }>(world!.db, 'select state_hash from oidc_logins');
    expect(kept).toHaveLength(0); // used once: gone after the callback
    expect(flow.answer.searchParams.get('code')).toBeTruthy();

    expect(flow.location).toBe('/actions?agencyId=1#list');
    expect(flow.session?.line).toMatch(/; SameSite=Strict/i);
    expect(flow.session?.line).toMatch(/; HttpOnly/i);
    expect(cookieOf(flow.finished, STATE_COOKIE)?.line).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);

    const signedIn = await me(flow.session?.value);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body?.user).toMatchObject({ id: lead.userId, email: lead.email, lastSignInAt: TEST_NOW.toISOString() });
    // The identity is recorded at the first match, and the sign-in is in the trail.
    const row = await first(world!.db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.id, lead.userId)));
    expect(row?.oidcSubject).toBe(`${provider.issuer} priya`);
    expect(await auditOf('sign_in')).toEqual([expect.objectContaining({ actor_id: lead.userId, after: { method: 'oidc', linkedIdentity: `${provider.issuer} priya` } })]);

    // The next sign-in is the same identity: it signs in again, and the audit says oidc.
    const again = await signInWithOrganisation('priya');
    expect(again.location).toBe('/');
    expect((await me(again.session?.value)).status).toBe(200);
    expect((await auditOf('sign_in')).at(-1)?.after).toEqual({ method: 'oidc' });
  });

  it('refuses another identity with the same email once the account is linked', async () => {
    await startTracker();
    const viewer = await world!.signIn(['viewer'], { name: 'Sam Viewer' });
    provider.accounts.set('sam', { email: viewer.email, email_verified: true });
    provider.accounts.set('impostor', { email: viewer.email, email_verified: true });
    expect((await signInWithOrganisation('sam')).location).toBe('/');

    const refused = await signInWithOrganisation('impostor');
    expect(refused.location).toBe('/sign-in?sso=other_identity');
    expect(refused.session).toBeUndefined();
    expect((await auditOf('sign_in_failed')).at(-1)?.after).toMatchObject({ method: 'oidc', email: viewer.email, refused: 'other_identity' });
  });

  it('refuses an email no account has, and opens no account', async () => {
    await startTracker();
    provider.accounts.set('stranger', { email: 'stranger@elsewhere.example', email_verified: true, name: 'A Stranger' });
    const before = await userCount();
    const flow = await signInWithOrganisation('stranger', '/actions');
    expect(flow.location).toBe('/sign-in?sso=no_account');
    expect(flow.session).toBeUndefined();
    expect(await userCount()).toBe(before);
    expect(await auditOf('sign_in_failed')).toEqual([
      expect.objectContaining({ actor_id: null, after: expect.objectContaining({ method: 'oidc', email: 'stranger@elsewhere.example', refused: 'no_account' }) }),
    ]);
  });

  it('opens an account with the domain’s roles when an admin turned it on, and no password opens it', async () => {
    await startTracker();
    const health = await factories.agency(world!.db, { kind: 'health' });
    const created = await world!.request({ method: 'POST', url: '/api/sso-domains', payload: { domain: 'NHS.Northmoor.example', roles: ['agency_lead'], agencyId: health.id } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<SsoDomain>()).toMatchObject({ domain: 'nhs.northmoor.example', roles: ['agency_lead'], agencyId: health.id });
    provider.accounts.set('nurse', { email: 'Jo.Nurse@nhs.northmoor.example', email_verified: true, name: 'Jo Nurse' });

    const flow = await signInWithOrganisation('nurse', '/my-agency');
    expect(flow.location).toBe('/my-agency');
    const signedIn = await me(flow.session?.value);
    expect(signedIn.body?.user).toMatchObject({ email: 'jo.nurse@nhs.northmoor.example', name: 'Jo Nurse', roles: ['agency_lead'], agencyIds: [health.id], active: true });
    expect(signedIn.body?.capabilities.postUpdates).toBe(true);
    expect((await auditOf('create')).find((e) => e.entity === 'user')?.after).toMatchObject({ email: 'jo.nurse@nhs.northmoor.example', roles: ['agency_lead'] });

    // Its password hash is unusable: no password signs in to it.
    const hash = (await first(world!.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, 'jo.nurse@nhs.northmoor.example'))))
      ?.passwordHash;
    expect(hash).toBe('!');
    for (const password of ['!', '', TEST_PASSWORD]) {
      const login = await world!.request({ method: 'POST', url: '/api/auth/login', payload: { email: 'jo.nurse@nhs.northmoor.example', password: password || 'x' }, as: null });
      expect(login.statusCode).toBe(401);
    }

    // A subdomain is not the domain.
    provider.accounts.set('sub', { email: 'someone@wards.nhs.northmoor.example', email_verified: true });
    expect((await signInWithOrganisation('sub')).location).toBe('/sign-in?sso=no_account');
  });

  it('refuses an email the provider does not say is verified', async () => {
    await startTracker();
    const viewer = await world!.signIn(['viewer']);
    for (const [login, account] of [
      ['unverified', { email: viewer.email, email_verified: false }],
      ['unsaid', { email: viewer.email }],
      ['no-email', {}],
      ['entra-but-false', { email: viewer.email, email_verified: false, claims: { xms_edov: true } }],
    ] as const) {
      provider.accounts.set(login, account);
      const flow = await signInWithOrganisation(login);
      expect(flow.location, login).toBe('/sign-in?sso=unverified_email');
      expect(flow.session, login).toBeUndefined();
    }
    // Microsoft Entra ID's "the tenant owns this email's domain" stands in for email_verified when that is absent.
    provider.accounts.set('entra', { email: viewer.email, claims: { xms_edov: true } });
    expect((await signInWithOrganisation('entra')).location).toBe('/');
  });

  it('holds a session begun this way to the organisation’s sign-in, not the tracker’s password and second-factor rules', async () => {
    await startTracker();
    const chair = await world!.signIn(['independent_chair'], { name: 'Chair Who Signs In At Work' });
    // The business unit set a password and requires a second factor for chairs; neither applies to this session.
    await writeTransaction(world!.db, async (tx) => {
      await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, chair.userId));
      await tx.update(settingsTable).set({ requireMfaRoles: ['independent_chair'] });
    });
    provider.accounts.set('chair', { email: chair.email, email_verified: true });
    const flow = await signInWithOrganisation('chair');
    const mine = await me(flow.session?.value);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ mustChangePassword: false, secondFactor: { required: false } });
    const actions = await fetch(`${base}/api/actions`, { headers: { cookie: `${SESSION_COOKIE}=${flow.session?.value}` } });
    expect(actions.status).toBe(200);
    expect(await rawRows(world!.db, 'select sign_in_method from sessions where user_id = ? order by created_at, sign_in_method', [chair.userId])).toEqual([
      { sign_in_method: 'password' },
      { sign_in_method: 'single_sign_on' },
    ]);
    // The same person with the tracker's password is held to both.
    const withPassword = await fetch(`${base}/api/actions`, { headers: { cookie: chair.cookie } });
    expect(withPassword.status).toBe(403);
  });

  it('refuses a deactivated account', async () => {
    await startTracker();
    const gone = await world!.signIn(['viewer'], { name: 'Former Member' });
    await writeTransaction(world!.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, gone.userId)));
    provider.accounts.set('former', { email: gone.email, email_verified: true });
    const flow = await signInWithOrganisation('former');
    expect(flow.location).toBe('/sign-in?sso=deactivated');
    expect(flow.session).toBeUndefined();
  });

  it('goes home rather than to another site', async () => {
    await startTracker();
    const viewer = await world!.signIn(['viewer']);
    provider.accounts.set('v', { email: viewer.email, email_verified: true });
    for (const returnTo of ['//evil.example/path', 'https://evil.example/', '/\\evil.example', '/.//evil.example', '/sign-in']) {
      expect((await signInWithOrganisation('v', returnTo)).location, returnTo).toBe('/');
    }
  });

  it('says so when the person cancels at the provider', async () => {
    await startTracker();
    const started = await start('/actions');
    const answer = await provider.cancel(started.headers.get('location')!);
    expect(answer.searchParams.get('error')).toBe('access_denied');
    const finished = await callback(answer, cookieOf(started, STATE_COOKIE)?.value);
    expect(finished.headers.get('location')).toBe('/sign-in?sso=cancelled');
  });
});

describe('the state binds the answer to the browser that asked', () => {
  async function answered(login: string) {
    const viewer = await world!.signIn(['viewer']);
    provider.accounts.set(login, { email: viewer.email, email_verified: true });
    const started = await start();
    const state = cookieOf(started, STATE_COOKIE)!.value;
    const answer = await provider.authorize(started.headers.get('location')!, login);
    return { state, answer };
  }
  const refusedAs = async (response: Response, label: string) => {
    expect(response.status, label).toBe(302);
    expect(response.headers.get('location'), label).toBe('/sign-in?sso=state');
    expect(cookieOf(response, SESSION_COOKIE), label).toBeUndefined();
  };

  it('refuses an answer without the cookie, or with another browser’s (login CSRF)', async () => {
    await startTracker();
    const { state, answer } = await answered('a');
    await refusedAs(await callback(answer, undefined), 'no cookie');
    const attackerOwn = cookieOf(await start(), STATE_COOKIE)!.value;
    await refusedAs(await callback(answer, attackerOwn), "another browser's state");
    // Neither spent the real one: the browser that asked still signs in.
    expect((await callback(answer, state)).headers.get('location')).toBe('/');
  });

  it('refuses a tampered state, and an answer used twice', async () => {
    await startTracker();
    const { state, answer } = await answered('b');
    const tampered = new URL(answer);
    tampered.searchParams.set('state', `${state.slice(0, -2)}xx`);
    await refusedAs(await callback(tampered, `${state.slice(0, -2)}xx`), 'tampered state');
    expect((await callback(answer, state)).headers.get('location')).toBe('/');
    await refusedAs(await callback(answer, state), 'replayed');
  });

  it('refuses an answer that comes more than ten minutes after the sign-in started', async () => {
    await startTracker();
    const { state, answer } = await answered('c');
    await world!.setNow(new Date(TEST_NOW.getTime() + 11 * 60_000));
    await refusedAs(await callback(answer, state), 'expired');
  });

  it('refuses a code swapped in from another sign-in (PKCE and nonce)', async () => {
    await startTracker();
    const first = await answered('d');
    const second = await answered('e');
    const swapped = new URL(first.answer);
    swapped.searchParams.set('code', second.answer.searchParams.get('code')!);
    const response = await callback(swapped, first.state);
    expect(response.headers.get('location')).toBe('/sign-in?sso=provider');
    expect(cookieOf(response, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('when the provider is not there', () => {
  it('starts the tracker all the same, and sends people back to sign in with a reason', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    await startTracker({ issuerUrl: nowhere, clientId: 'tracker' });
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    const started = await start('/actions');
    expect(started.status).toBe(302);
    expect(started.headers.get('location')).toBe('/sign-in?sso=provider');
    expect(cookieOf(started, STATE_COOKIE)).toBeUndefined();
  });
});

describe('a public client', () => {
  it('signs in with PKCE alone, no client secret', async () => {
    const publicProvider = await startOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`], clientSecret: null, clientId: 'public-tracker' });
    try {
      await startTracker({ issuerUrl: publicProvider.issuer, clientId: 'public-tracker' });
      const viewer = await world!.signIn(['viewer']);
      publicProvider.accounts.set('p', { email: viewer.email, email_verified: true });
      const started = await start();
      const answer = await publicProvider.authorize(started.headers.get('location')!, 'p');
      const finished = await callback(answer, cookieOf(started, STATE_COOKIE)?.value);
      expect(finished.headers.get('location')).toBe('/');
      expect((await me(cookieOf(finished, SESSION_COOKIE)?.value)).body?.user.id).toBe(viewer.userId);
    } finally {
      await publicProvider.close();
    }
  });
});
