import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, SsoDomain } from '@lrt/contracts';
import { expectInvalidBodies, expectProblem, expectRefused } from '../../testing/http-expect';
import { createTestWorld, factories, TEST_NOW, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const list = async () => (await world.request({ method: 'GET', url: '/api/sso-domains' })).json<{ items: SsoDomain[] }>().items;

describe('/api/sso-domains', () => {
  it('adds, lists and removes a domain, each in the audit trail', async () => {
    const police = await factories.agency(world.db, { kind: 'police' });
    expect(await list()).toEqual([]);
    const res = await world.request({ method: 'POST', url: '/api/sso-domains', payload: { domain: ' Northmoor.Police.UK ', roles: ['agency_lead', 'viewer'], agencyId: police.id } });
    expect(res.statusCode, res.body).toBe(201);
    const domain = { domain: 'northmoor.police.uk', roles: ['agency_lead', 'viewer'], agencyId: police.id, createdAt: TEST_NOW.toISOString() };
    expect(res.json()).toEqual(domain);
    await world.request({ method: 'POST', url: '/api/sso-domains', payload: { domain: 'council.example', roles: ['viewer'] } });
    expect(await list()).toEqual([expect.objectContaining({ domain: 'council.example', agencyId: null }), domain]);

    const removed = await world.request({ method: 'DELETE', url: '/api/sso-domains/NORTHMOOR.police.uk' });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await list()).map((d) => d.domain)).toEqual(['council.example']);

    const events = (await world.request({ method: 'GET', url: '/api/audit?entity=sso_domain' })).json<{ items: AuditEvent[] }>().items;
    expect(events.map((e) => [e.operation, e.actorId, e.before ?? e.after])).toEqual(
      expect.arrayContaining([
        ['create', world.admin.userId, { domain: 'northmoor.police.uk', roles: ['agency_lead', 'viewer'], agencyId: police.id }],
        ['delete', world.admin.userId, { domain: 'northmoor.police.uk', roles: ['agency_lead', 'viewer'], agencyId: police.id }],
      ]),
    );
  });

  it('refuses what would open the wrong accounts', async () => {
    const police = await factories.agency(world.db, { kind: 'police' });
    await expectInvalidBodies(world, 'POST', '/api/sso-domains', [
      ['not a domain', { domain: 'someone@northmoor.example', roles: ['viewer'] }, 'domain'],
      ['a bare word', { domain: 'localhost', roles: ['viewer'] }, 'domain'],
      ['no role', { domain: 'northmoor.example', roles: [] }, 'roles'],
      ['administrator', { domain: 'northmoor.example', roles: ['admin'] }, 'roles.0'],
      ['subgroup chair', { domain: 'northmoor.example', roles: ['subgroup_chair'] }, 'roles.0'],
      ['agency lead without an agency', { domain: 'northmoor.example', roles: ['agency_lead'] }, 'agencyId'],
      ['an agency without an agency lead', { domain: 'northmoor.example', roles: ['viewer'], agencyId: police.id }, 'agencyId'],
    ]);
    await expectRefused(world, { method: 'POST', url: '/api/sso-domains', payload: { domain: 'northmoor.example', roles: ['agency_lead'], agencyId: 999 } }, { status: 422, code: 'validation.unknown_reference', path: 'agencyId' });
    await world.request({ method: 'POST', url: '/api/sso-domains', payload: { domain: 'northmoor.example', roles: ['viewer'] } });
    await expectRefused(world, { method: 'POST', url: '/api/sso-domains', payload: { domain: 'northmoor.example', roles: ['independent_chair'] } }, { status: 409, code: 'sso_domain.taken', path: 'domain' });
    await expectRefused(world, { method: 'DELETE', url: '/api/sso-domains/elsewhere.example' }, { status: 404, code: 'sso_domain.not_found' });
  });

  it('is for those who manage users only', async () => {
    const chair = await world.signIn(['independent_chair']);
    expectProblem(await world.request({ method: 'GET', url: '/api/sso-domains', as: chair }), { status: 403, code: 'auth.forbidden' });
    expectProblem(await world.request({ method: 'POST', url: '/api/sso-domains', as: chair, payload: { domain: 'a.example', roles: ['viewer'] } }), { status: 403, code: 'auth.forbidden' });
    expectProblem(await world.request({ method: 'GET', url: '/api/sso-domains', as: null }), { status: 401, code: 'auth.unauthenticated' });
  });
});
