import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '@lrt/contracts';
import { rawRow, rawRun } from '@lrt/db';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db); // created 2026-02-20, due 2026-06-30; the clock says 2026-03-02
});
afterEach(() => world.close());

const dashboard = async () => (await world.request({ method: 'GET', url: '/api/dashboard' })).json<Dashboard>().totals;
const trendNow = async (query = '') => (await world.request({ method: 'GET', url: `/api/dashboard${query}` })).json<Dashboard>().trend.at(-1)!;
const historyVersion = async () => (await rawRow<{ v: number }>(world.db, 'select history_version as v from plan_version'))!.v;

describe('the overview kept between changes', () => {
  it('answers again from what it kept, and is never behind a write, a day passing or an action going stale', async () => {
    const first = await dashboard();
    expect(first).toMatchObject({ actions: 1, stale: 0, overdue: 0 });
    // A write anywhere the overview reads: the next answer counts it.
    await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, targetDate: '2026-03-02', createdAt: '2026-03-01T09:00:00.000Z' });
    expect((await dashboard()).actions).toBe(2);
    // No write, but midnight passes: the action due on 2 March is overdue on the 3rd.
    await world.setNow(new Date('2026-03-03T00:00:30.000Z'));
    expect((await dashboard()).overdue).toBe(1);
    // No write, no new day's boundary crossed in between: the first action goes stale 56 days after it was set
    // (2026-04-17 09:00 UTC), to the millisecond.
    await world.setNow(new Date('2026-04-17T08:59:59.000Z'));
    const before = await dashboard();
    await world.setNow(new Date('2026-04-17T09:00:00.001Z'));
    const after = await dashboard();
    expect(after.stale).toBe(before.stale + 1);
  });

  it('counts a settings change: a shorter cadence makes actions stale at once', async () => {
    await world.setNow(new Date('2026-03-25T10:00:00.000Z'));
    expect((await dashboard()).stale).toBe(0);
    const settings = (await world.request({ method: 'GET', url: '/api/settings' })).json<{ version: number }>();
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: settings.version, updateCadenceDays: 28 } });
    expect((await dashboard()).stale).toBe(1);
  });

  it('keeps the monthly trend through progress notes, and rebuilds it when a status changes or an action moves', async () => {
    expect(await trendNow()).toMatchObject({ month: '2026-03', open: 1 });
    const before = await historyVersion();
    const note = await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'Training booked.', confidence: 'at_risk' } });
    expect(note.statusCode).toBe(201);
    // A note moves the plan (the action is Amber now) but not the history the trend is built from.
    expect(await historyVersion()).toBe(before);
    expect((await dashboard()).byBrag.amber).toBe(1);

    const withdrawn = await world.request({
      method: 'POST',
      url: `/api/actions/${plan.action.id}/updates`,
      payload: { note: 'Superseded by the new protocol.', confidence: 'on_track', statusChange: { from: 'not_started', to: 'withdrawn' }, reason: 'Superseded by the new protocol.' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    expect(await historyVersion()).toBeGreaterThan(before);
    expect(await trendNow(), 'a withdrawn action is no longer open').toMatchObject({ open: 0 });

    // An action made, then handed to another agency: the agencies' trends follow it.
    const made = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, createdAt: '2026-03-01T09:00:00.000Z' });
    expect(await trendNow(`?agencyId=${plan.police.id}`)).toMatchObject({ open: 1 });
    expect(await trendNow(`?agencyId=${plan.health.id}`)).toMatchObject({ open: 0 });
    await rawRun(world.db, 'update actions set owner_agency_id = ? where id = ?', [plan.health.id, made.id]);
    expect(await trendNow(`?agencyId=${plan.police.id}`)).toMatchObject({ open: 0 });
    expect(await trendNow(`?agencyId=${plan.health.id}`)).toMatchObject({ open: 1 });
  });
});
