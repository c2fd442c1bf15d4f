import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ApiToken, ApiTokenCreated, AuditEvent, Dashboard } from '@lrt/contracts';
import { rawRow, rawRows } from '@lrt/db';
import { buildApp } from '../../app';
import { expectProblem, expectRefused } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, type TestWorld } from '../../testing/test-app';
import { TOKEN_SCOPED_ROUTES } from './token-scope';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
/** A second subgroup and a health action it oversees, beside the small plan's police action. */
let other: { subgroup: { id: number }; action: { id: number; ref: string } };

beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
  const subgroup = await factories.subgroup(world.db);
  const action = await factories.action(world.db, {
    reviewId: plan.review.id,
    ownerAgencyId: plan.health.id,
    subgroupId: subgroup.id,
    targetDate: '2026-07-31',
    createdAt: '2026-02-20T09:00:00.000Z',
  });
  other = { subgroup, action };
});
afterEach(async () => {
  await world.close();
});

const makeToken = async (body: Record<string, unknown> = {}) => {
  const res = await world.request({ method: 'POST', url: '/api/tokens', payload: { name: 'Board dashboard (Power BI)', expiresOn: '2026-12-31', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ApiTokenCreated>();
};

/** A request from a reporting tool: the token, no session cookie, no CSRF token. */
const withToken = (token: string, options: { method?: string; url: string; payload?: Record<string, unknown> }) =>
  world.request({ method: (options.method ?? 'GET') as 'GET', url: options.url, as: null, headers: { authorization: `Bearer ${token}` }, ...(options.payload ? { payload: options.payload } : {}) });

const trail = (entity = 'api_token') =>
  rawRows<{ operation: string; entityId: number; actorId: number | null; actorName: string; after: string | null }>(
    world.db,
    'select operation, entity_id as "entityId", actor_id as "actorId", actor_name as "actorName", "after" from audit_events where entity = ? order by id',
    [entity],
  );

describe('making, listing and revoking tokens', () => {
  it('shows the token once, keeps only its hash, and lists it without it', async () => {
    const created = await makeToken();
    expect(created).toMatchObject({
      name: 'Board dashboard (Power BI)',
      expiresOn: '2026-12-31',
      subgroupId: null,
      agencyId: null,
      revokedAt: null,
      lastUsedAt: null,
      status: 'active',
      createdByName: 'Business Unit Admin',
      createdAt: TEST_NOW.toISOString(),
    });
    expect(created.token).toMatch(/^lrt_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(4, 12));

    const list = await world.request({ method: 'GET', url: '/api/tokens' });
    expect(list.statusCode).toBe(200);
    const { token: _shownOnce, ...listed } = created;
    expect(list.json()).toEqual({ items: [listed], nextCursor: null });
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(created.token.slice(4));

    const rows = await rawRows<Record<string, unknown>>(world.db, 'select * from api_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(4));
    // Nor does the audit trail hold it.
    expect(JSON.stringify(await rawRows(world.db, 'select * from audit_events'))).not.toContain(created.token.slice(4));
  });

  it('makes a different token every time, and lists the newest first, a page at a time', async () => {
    const first = await makeToken({ name: 'First' });
    const second = await makeToken({ name: 'Second' });
    expect(first.token).not.toBe(second.token);
    const page1 = (await world.request({ method: 'GET', url: '/api/tokens?limit=1' })).json<{ items: ApiToken[]; nextCursor: string }>();
    expect(page1.items.map((t) => t.name)).toEqual(['Second']);
    const page2 = (await world.request({ method: 'GET', url: `/api/tokens?limit=1&cursor=${page1.nextCursor}` })).json<{ items: ApiToken[]; nextCursor: null }>();
    expect(page2).toEqual({ items: [expect.objectContaining({ name: 'First' })], nextCursor: null });
  });

  it('records making and revoking a token in the audit trail, by whom', async () => {
    const created = await makeToken({ agencyId: plan.police.id });
    const res = await world.request({ method: 'DELETE', url: `/api/tokens/${created.id}` });
    expect(res.statusCode, res.body).toBe(204);
    const events = await trail();
    expect(events.map((e) => e.operation)).toEqual(['create', 'revoke']);
    expect(events.every((e) => e.entityId === created.id && e.actorId === world.admin.userId)).toBe(true);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ name: 'Board dashboard (Power BI)', agencyId: plan.police.id, expiresOn: '2026-12-31' });
    expect(JSON.parse(events[1]!.after!)).toEqual({ revokedAt: TEST_NOW.toISOString() });
  });

  it('revokes: the token stays in the list, marked revoked; revoking again changes nothing; an unknown id is 404', async () => {
    const created = await makeToken();
    expect((await world.request({ method: 'DELETE', url: `/api/tokens/${created.id}` })).statusCode).toBe(204);
    await world.setNow(new Date(TEST_NOW.getTime() + 3_600_000));
    const before = await world.snapshot();
    expect((await world.request({ method: 'DELETE', url: `/api/tokens/${created.id}` })).statusCode).toBe(204);
    expect(await world.snapshot()).toBe(before);
    const [listed] = (await world.request({ method: 'GET', url: '/api/tokens' })).json<{ items: ApiToken[] }>().items;
    expect(listed).toMatchObject({ id: created.id, status: 'revoked', revokedAt: TEST_NOW.toISOString() });
    await expectRefused(world, { method: 'DELETE', url: '/api/tokens/999' }, { status: 404, code: 'api_token.not_found' });
  });

  it('says a token is expired once its last day has passed', async () => {
    await makeToken({ expiresOn: '2026-03-03' });
    const status = async () => (await world.request({ method: 'GET', url: '/api/tokens' })).json<{ items: ApiToken[] }>().items[0]!.status;
    await world.setNow(new Date('2026-03-03T23:30:00.000Z')); // 23:30 in London, still its last day
    expect(await status()).toBe('active');
    await world.setNow(new Date('2026-03-04T00:30:00.000Z'));
    expect(await status()).toBe('expired');
  });

  it('refuses a token without a name, or with a last day not after today or more than a year ahead', async () => {
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: '  ', expiresOn: '2026-12-31' } }, { status: 400, code: 'validation.failed', path: 'name' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: 'x'.repeat(201), expiresOn: '2026-12-31' } }, { status: 400, code: 'validation.failed', path: 'name' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: 'No date' } }, { status: 400, code: 'validation.failed', path: 'expiresOn' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: 'Bad date', expiresOn: '2026-02-30' } }, { status: 400, code: 'validation.failed', path: 'expiresOn' });
    const today = await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: 'Today', expiresOn: '2026-03-02' } }, { status: 422, code: 'api_token.invalid', path: 'expiresOn' });
    expect(today.errors![0]!.message).toBe('must be after today (2026-03-02)');
    const far = await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { name: 'Far', expiresOn: '2027-03-03' } }, { status: 422, code: 'api_token.invalid', path: 'expiresOn' });
    expect(far.errors![0]!.message).toBe('must be at most a year ahead (2027-03-02 at the latest)');
    expect((await world.request({ method: 'POST', url: '/api/tokens', payload: { name: 'A year', expiresOn: '2027-03-02' } })).statusCode).toBe(201);
    expect((await world.request({ method: 'POST', url: '/api/tokens', payload: { name: 'Tomorrow', expiresOn: '2026-03-03' } })).statusCode).toBe(201);
  });

  it('refuses a scope of both a subgroup and an agency, or one that does not exist, naming the field', async () => {
    const base = { name: 'Scoped', expiresOn: '2026-12-31' };
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { ...base, subgroupId: plan.subgroup.id, agencyId: plan.police.id } }, { status: 422, code: 'api_token.invalid', path: 'agencyId' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { ...base, agencyId: 999 } }, { status: 422, code: 'validation.unknown_reference', path: 'agencyId' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { ...base, subgroupId: 999 } }, { status: 422, code: 'validation.unknown_reference', path: 'subgroupId' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { ...base, agencyId: 'police' } }, { status: 400, code: 'validation.failed', path: 'agencyId' });
    await expectRefused(world, { method: 'POST', url: '/api/tokens', payload: { ...base, token: 'lrt_mine' } }, { status: 400, code: 'validation.failed' });
  });

  it('is for administrators only: other roles, and tokens themselves, cannot manage tokens', async () => {
    const created = await makeToken();
    for (const roles of [['agency_lead'], ['subgroup_chair'], ['independent_chair'], ['viewer']] as const) {
      const caller = await world.signIn([...roles], { agencyIds: [plan.police.id], subgroupIds: [plan.subgroup.id] });
      await expectRefused(world, { method: 'GET', url: '/api/tokens', as: caller } as never, { status: 403, code: 'auth.forbidden' }, roles[0]);
      await expectRefused(world, { method: 'POST', url: '/api/tokens', as: caller, payload: { name: 'Mine', expiresOn: '2026-12-31' } } as never, { status: 403, code: 'auth.forbidden' }, roles[0]);
      await expectRefused(world, { method: 'DELETE', url: `/api/tokens/${created.id}`, as: caller } as never, { status: 403, code: 'auth.forbidden' }, roles[0]);
    }
    expectProblem(await withToken(created.token, { url: '/api/tokens' }), { status: 403, code: 'auth.forbidden' });
    expectProblem(await withToken(created.token, { method: 'POST', url: '/api/tokens', payload: { name: 'Mine', expiresOn: '2026-12-31' } }), { status: 403, code: 'auth.token_read_only' });
  });
});

describe('reading with a token', () => {
  it('reads the plans with no session and no CSRF token', async () => {
    const { token } = await makeToken();
    const res = await withToken(token, { url: '/api/actions' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: Action[] }>().items.map((a) => a.id).sort()).toEqual([plan.action.id, other.action.id].sort());
    expect((await withToken(token, { url: `/api/reviews/${plan.review.id}` })).statusCode).toBe(200);
    expect((await withToken(token, { url: '/api/dashboard' })).json<Dashboard>().totals.actions).toBe(2);
    const csv = await withToken(token, { url: '/api/exports/actions.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect((await withToken(token, { method: 'HEAD', url: '/api/actions' })).statusCode).toBe(200);
    // The scheme is case-insensitive (RFC 7235).
    expect((await world.request({ method: 'GET', url: '/api/agencies', as: null, headers: { authorization: `bearer ${token}` } })).statusCode).toBe(200);
  });

  it('reads only what a viewer may: not accounts, not the audit trail, not the sign-in routes', async () => {
    const { token } = await makeToken();
    for (const url of ['/api/users', '/api/audit', '/api/auth/me']) {
      expectProblem(await withToken(token, { url }), { status: 403, code: 'auth.forbidden' }, url);
    }
  });

  it('never writes: POST, PATCH and DELETE answer 403 auth.token_read_only and change nothing', async () => {
    const { token } = await makeToken();
    const auth = { authorization: `Bearer ${token}` };
    const writes = [
      { method: 'POST', url: '/api/agencies', payload: { name: 'Token Agency', shortName: 'TA', kind: 'other' } },
      { method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version: 1, successMeasure: 'Changed by a token' } },
      { method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'From a token', confidence: 'on_track' } },
      { method: 'DELETE', url: `/api/users/${world.admin.userId}/sessions` },
      { method: 'POST', url: '/api/auth/logout' },
    ];
    for (const write of writes) {
      await expectRefused(world, { ...write, as: null, headers: auth } as never, { status: 403, code: 'auth.token_read_only' }, `${write.method} ${write.url}`);
    }
  });

  it('decides alone beside a session cookie: an admin session with a token has only the token’s rights', async () => {
    const { token } = await makeToken();
    const auth = { authorization: `Bearer ${token}` };
    // world.request sends the admin's cookie and CSRF token by default.
    await expectRefused(world, { method: 'POST', url: '/api/themes', payload: { name: 'Both' }, headers: auth }, { status: 403, code: 'auth.token_read_only' });
    expectProblem(await world.request({ method: 'GET', url: '/api/users', headers: auth }), { status: 403, code: 'auth.forbidden' });
    // A bad token is refused even beside a good session.
    expectProblem(await world.request({ method: 'GET', url: '/api/actions', headers: { authorization: 'Bearer lrt_nope' } }), { status: 401, code: 'auth.invalid_token' });
  });

  it('refuses an unknown, malformed, revoked or expired token with 401 and WWW-Authenticate', async () => {
    const { id, token } = await makeToken({ expiresOn: '2026-03-31' });
    const expectInvalid = async (authorization: string, label: string) => {
      const res = await world.request({ method: 'GET', url: '/api/actions', as: null, headers: { authorization } });
      expectProblem(res, { status: 401, code: 'auth.invalid_token' }, label);
      expect(res.headers['www-authenticate'], label).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
    };
    await expectInvalid(`Bearer lrt_${'A'.repeat(43)}`, 'unknown');
    await expectInvalid(`Bearer ${token.slice(0, -1)}`, 'truncated');
    await expectInvalid(`Bearer ${token}x`, 'too long');
    await expectInvalid(token, 'no scheme');
    await expectInvalid(`Basic ${Buffer.from(`x:${token}`).toString('base64')}`, 'another scheme');
    await expectInvalid('Bearer ', 'empty');
    await expectInvalid(`Bearer ${createHash('sha256').update(token).digest('hex')}`, 'its hash');

    await world.setNow(new Date('2026-04-01T00:30:00.000+01:00'));
    await expectInvalid(`Bearer ${token}`, 'expired');
    await world.setNow(TEST_NOW);
    expect((await withToken(token, { url: '/api/actions' })).statusCode).toBe(200);
    await world.request({ method: 'DELETE', url: `/api/tokens/${id}` });
    await expectInvalid(`Bearer ${token}`, 'revoked');
  });

  it('leaves public routes alone, whatever the token', async () => {
    const res = await world.request({ method: 'GET', url: '/api/health', as: null, headers: { authorization: 'Bearer nonsense' } });
    expect(res.statusCode).toBe(200);
  });

  it('notes its last use at most once a minute, and its first use each day in the audit trail', async () => {
    const { id, token } = await makeToken();
    const lastUsedAt = async () => (await rawRow<{ at: string | null }>(world.db, 'select last_used_at as at from api_tokens where id = ?', [id]))!.at;
    const uses = async () => (await trail()).filter((e) => e.operation === 'token_used');

    await withToken(token, { url: '/api/actions' });
    expect(await lastUsedAt()).toBe(TEST_NOW.toISOString());
    expect(await uses()).toEqual([{ operation: 'token_used', entityId: id, actorId: null, actorName: 'API token "Board dashboard (Power BI)"', after: JSON.stringify({ route: 'GET /api/actions' }) }]);

    await world.setNow(new Date(TEST_NOW.getTime() + 30_000));
    await withToken(token, { url: '/api/dashboard' });
    expect(await lastUsedAt()).toBe(TEST_NOW.toISOString());
    await world.setNow(new Date(TEST_NOW.getTime() + 61_000));
    await withToken(token, { url: '/api/dashboard' });
    expect(await lastUsedAt()).toBe(new Date(TEST_NOW.getTime() + 61_000).toISOString());
    expect(await uses()).toHaveLength(1);

    const listed = (await world.request({ method: 'GET', url: '/api/tokens' })).json<{ items: ApiToken[] }>().items[0]!;
    expect(listed.lastUsedAt).toBe(new Date(TEST_NOW.getTime() + 61_000).toISOString());

    // The next London day: another event, even within the minute.
    await world.setNow(new Date('2026-03-02T23:59:50.000Z'));
    await withToken(token, { url: '/api/actions' });
    await world.setNow(new Date('2026-03-03T00:00:10.000Z'));
    await withToken(token, { url: '/api/actions' });
    expect(await uses()).toHaveLength(2);
    expect(await lastUsedAt()).toBe('2026-03-03T00:00:10.000Z');
  });

  it('does not count a refused request as a use', async () => {
    const { token } = await makeToken({ agencyId: plan.police.id });
    await expectRefused(world, { method: 'POST', url: '/api/themes', as: null, headers: { authorization: `Bearer ${token}` }, payload: { name: 'x' } } as never, { status: 403, code: 'auth.token_read_only' });
    await expectRefused(world, { method: 'GET', url: `/api/reviews/${plan.review.id}`, as: null, headers: { authorization: `Bearer ${token}` } } as never, { status: 403, code: 'auth.token_scope' });
  });
});

describe('a token limited to an agency or a subgroup', () => {
  const ids = (res: { json: <T>() => T }) => res.json<{ items: Action[] }>().items.map((a) => a.id);

  it('limited to an agency, reads only that agency’s actions, counts and export', async () => {
    const { token } = await makeToken({ agencyId: plan.police.id });
    expect(ids(await withToken(token, { url: '/api/actions' }))).toEqual([plan.action.id]);
    expect(ids(await withToken(token, { url: `/api/actions?agencyId=${plan.police.id}&status=not_started` }))).toEqual([plan.action.id]);
    expect(ids(await withToken(token, { url: `/api/actions?subgroupId=${other.subgroup.id}` }))).toEqual([]);
    const dashboard = (await withToken(token, { url: '/api/dashboard' })).json<Dashboard>();
    expect(dashboard.totals.actions).toBe(1);
    const csv = (await withToken(token, { url: '/api/exports/actions.csv' })).body.trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(plan.action.ref);
    expect(csv.join('\n')).not.toContain(other.action.ref);
  });

  it('limited to a subgroup, reads only what that subgroup oversees', async () => {
    const { token } = await makeToken({ subgroupId: other.subgroup.id });
    expect(ids(await withToken(token, { url: '/api/actions' }))).toEqual([other.action.id]);
    expect((await withToken(token, { url: '/api/dashboard' })).json<Dashboard>().totals.actions).toBe(1);
    expect((await withToken(token, { url: `/api/dashboard?subgroupId=${other.subgroup.id}` })).json<Dashboard>().totals.actions).toBe(1);
    expect((await withToken(token, { url: '/api/exports/actions.csv' })).body.trim().split('\n')).toHaveLength(2);
  });

  it('refuses a request for another agency or subgroup with 403 auth.token_scope, naming the filter', async () => {
    const agencyToken = (await makeToken({ agencyId: plan.police.id })).token;
    const subgroupToken = (await makeToken({ subgroupId: plan.subgroup.id })).token;
    const refusals: [string, string, string][] = [
      [agencyToken, `/api/actions?agencyId=${plan.health.id}`, 'agencyId'],
      [agencyToken, `/api/actions?agencyId=${plan.police.id}&agencyId=${plan.health.id}`, 'agencyId'],
      [agencyToken, `/api/dashboard?agencyId=${plan.health.id}`, 'agencyId'],
      [agencyToken, `/api/exports/actions.csv?agencyId=${plan.health.id}`, 'agencyId'],
      [subgroupToken, `/api/actions?subgroupId=${other.subgroup.id}`, 'subgroupId'],
      [subgroupToken, `/api/dashboard?subgroupId=${other.subgroup.id}`, 'subgroupId'],
    ];
    for (const [token, url, path] of refusals) {
      const problem = expectProblem(await withToken(token, { url }), { status: 403, code: 'auth.token_scope', path }, url);
      expect(problem.detail, url).toMatch(/^This token is limited to the (agency|subgroup) /);
    }
  });

  it('refuses routes that cannot be narrowed to its part of the plan, but lists agencies, subgroups and themes', async () => {
    const { token } = await makeToken({ agencyId: plan.police.id });
    for (const url of [`/api/reviews/${plan.review.id}`, '/api/reviews', `/api/actions/${plan.action.id}`, '/api/themes/matrix', '/api/recommendations', '/api/settings']) {
      const problem = expectProblem(await withToken(token, { url }), { status: 403, code: 'auth.token_scope' }, url);
      expect(problem.detail).toContain(`limited to the agency ${plan.police.name}`);
    }
    for (const url of ['/api/agencies', '/api/subgroups', '/api/themes']) expect((await withToken(token, { url })).statusCode, url).toBe(200);
    // Still read-only, and still no accounts.
    expectProblem(await withToken(token, { url: '/api/users' }), { status: 403, code: 'auth.forbidden' });
  });

  it('names routes that exist', async () => {
    const routes = new Set<string>();
    const app = await buildApp({ db: world.db, webDistDir: '/nonexistent', scryptCost: 10, onRoute: (route) => [route.method].flat().forEach((m) => routes.add(`${m} ${route.url}`)) });
    await app.ready();
    await app.close();
    for (const name of Object.keys(TOKEN_SCOPED_ROUTES)) expect(routes, name).toContain(name);
  });
});

describe('the audit trail of a token', () => {
  it('is readable by entity', async () => {
    const created = await makeToken();
    await withToken(created.token, { url: '/api/actions' });
    const res = await world.request({ method: 'GET', url: `/api/audit?entity=api_token&entityId=${created.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: AuditEvent[] }>().items.map((e) => e.operation).sort()).toEqual(['create', 'token_used']);
  });
});
