import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Review, type Settings } from '@lrt/contracts';
import { rawRow } from '@lrt/db';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import { expectHostileJsonRefused, expectInvalidBodies, expectVersionConflict, text } from '../../testing/http-expect';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const DEFAULTS: Settings = {
  partnershipName: 'Safeguarding Children Partnership',
  updateCadenceDays: 56,
  dueSoonDays: 28,
  replyPeriodDays: 28,
  evidenceMaxMegabytes: 20,
  requireMfaRoles: [],
  chaseMessageDetail: 'notes',
  replyLinkGraceDays: 14,
  reminderDaysBefore: 3,
  escalationDaysAfter: 7,
  version: 1,
};

describe('GET /api/settings', () => {
  it('answers the defaults of a new partnership', async () => {
    const res = await world.request({ method: 'GET', url: '/api/settings' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULTS);
  });
});

describe('PATCH /api/settings', () => {
  it('changes the given settings, keeps the others and moves the version on', async () => {
    const res = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, partnershipName: '  Northshire SCP ', updateCadenceDays: 28 } });
    expect(res.statusCode, res.body).toBe(200);
    const expected = { ...DEFAULTS, partnershipName: 'Northshire SCP', updateCadenceDays: 28, version: 2 };
    expect(res.json()).toEqual(expected);
    expect((await world.request({ method: 'GET', url: '/api/settings' })).json()).toEqual(expected);
  });

  it('accepts the cadence bounds, 7 and 366 days', async () => {
    const low = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, updateCadenceDays: 7, dueSoonDays: 1 } });
    expect(low.json()).toMatchObject({ updateCadenceDays: 7, dueSoonDays: 1, version: 2 });
    const high = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 2, updateCadenceDays: 366, dueSoonDays: 366 } });
    expect(high.json()).toMatchObject({ updateCadenceDays: 366, dueSoonDays: 366, version: 3 });
  });

  it('judges staleness by the new cadence at once', async () => {
    const agency = await factories.agency(world.db);
    const review = await factories.review(world.db);
    // Set 30 days before TEST_NOW, no update since: fresh under 56 days, stale under 28.
    await factories.action(world.db, { reviewId: review.id, ownerAgencyId: agency.id, createdAt: '2026-01-31T10:00:00.000Z', targetDate: '2026-12-31' });
    const counts = async () => (await world.request({ method: 'GET', url: `/api/reviews/${review.id}` })).json<Review>().actionCounts.byBrag;
    expect(await counts()).toMatchObject({ green: 1, amber: 0 });
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, updateCadenceDays: 28 } });
    expect(await counts()).toMatchObject({ green: 0, amber: 1 });
  });

  it('refuses values out of range and other bad input, changing nothing', async () => {
    await expectInvalidBodies(world, 'PATCH', '/api/settings', [
      ['cadence below 7 days', { version: 1, updateCadenceDays: 6 }, 'updateCadenceDays'],
      ['cadence above 366 days', { version: 1, updateCadenceDays: 367 }, 'updateCadenceDays'],
      ['cadence zero', { version: 1, updateCadenceDays: 0 }, 'updateCadenceDays'],
      ['cadence negative', { version: 1, updateCadenceDays: -56 }, 'updateCadenceDays'],
      ['cadence a fraction', { version: 1, updateCadenceDays: 30.5 }, 'updateCadenceDays'],
      ['cadence a string', { version: 1, updateCadenceDays: '30' }, 'updateCadenceDays'],
      ['due-soon window zero', { version: 1, dueSoonDays: 0 }, 'dueSoonDays'],
      ['due-soon window over a year', { version: 1, dueSoonDays: 367 }, 'dueSoonDays'],
      ['empty partnership name', { version: 1, partnershipName: '' }, 'partnershipName'],
      ['partnership name too long', { version: 1, partnershipName: text(LIMITS.name + 1) }, 'partnershipName'],
      ['version missing', { updateCadenceDays: 30 }, 'version'],
      ['unknown field', { version: 1, theme: 'dark' }, 'theme'],
      ['two-factor roles not a list', { version: 1, requireMfaRoles: 'admin' }, 'requireMfaRoles'],
      ['two-factor role unknown', { version: 1, requireMfaRoles: ['admin', 'superuser'] }, 'requireMfaRoles.1'],
      ['two-factor role twice', { version: 1, requireMfaRoles: ['admin', 'admin'] }, 'requireMfaRoles'],
    ]);
    await expectHostileJsonRefused(world, 'PATCH', '/api/settings', { version: 1, updateCadenceDays: 30 });
    expect((await world.request({ method: 'GET', url: '/api/settings' })).json()).toEqual(DEFAULTS);
  });

  it('keeps the roles that must use two-factor sign-in, in the order of the roles, and records the change', async () => {
    const res = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, requireMfaRoles: ['independent_chair', 'admin'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Settings>().requireMfaRoles).toEqual(['admin', 'independent_chair']);
    const event = (await rawRow<{ before: string; after: string }>(world.db, "select before, after from audit_events where entity = 'settings' order by id desc"))!;
    expect(JSON.parse(event.before)).toEqual({ requireMfaRoles: [] });
    expect(JSON.parse(event.after)).toEqual({ requireMfaRoles: ['admin', 'independent_chair'] });
    // The business unit's admin has no second factor yet: from now on, this session may only set one up.
    const next = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 2, requireMfaRoles: [] } });
    expect(next.json()).toMatchObject({ status: 403, code: 'auth.mfa_enrolment_required' });
  });

  it('takes an empty list: no role must use two-factor sign-in', async () => {
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, requireMfaRoles: ['viewer'] } });
    const none = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 2, requireMfaRoles: [] } });
    expect(none.json<Settings>()).toMatchObject({ requireMfaRoles: [], version: 3 });
  });

  it('refuses a stale version with 409 settings.version_conflict and the settings as they now are', async () => {
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, dueSoonDays: 14 } });
    const problem = await expectVersionConflict(world, { patchUrl: '/api/settings', body: { version: 1, updateCadenceDays: 30 }, code: 'settings.version_conflict' });
    expect(problem.current).toEqual({ ...DEFAULTS, dueSoonDays: 14, version: 2 });
  });
});
