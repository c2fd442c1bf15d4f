import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@lrt/contracts';
import { seedDemo } from '@lrt/db/seed';
import { actionRevisions, rawRun, writeTransaction } from '@lrt/db';
import { createTestWorld, seedSmallPlan, TEST_NOW, TEST_TODAY, type Caller, type TestWorld } from '../../testing/test-app';
import { actionsAsAt, clockAsAt, type AsAtAction } from './as-at';

let world: TestWorld;
afterEach(() => world.close());

async function liveActions(): Promise<Action[]> {
  const items: Action[] = [];
  let cursor: string | null = null;
  do {
    const response = await world.request({ method: 'GET', url: `/api/actions?limit=200&sort=ref${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
    const page = response.json<{ items: Action[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** What the rebuild and the live action must agree on. */
const comparable = (a: Action | AsAtAction) => ({
  id: a.id,
  ref: a.ref,
  ownerAgencyId: a.ownerAgencyId,
  recommendationId: a.recommendationId,
  kind: a.kind,
  action: a.action,
  targetDate: a.targetDate,
  subgroupId: a.subgroupId,
  status: a.status,
  brag: a.brag,
  bragReason: a.bragReason,
  overdue: a.overdue,
  stale: a.stale,
  dueSoon: a.dueSoon,
  lastUpdateAt: a.lastUpdateAt,
  latestConfidence: a.latestConfidence,
  evidenceOfImpact: a.evidenceOfImpact,
  withdrawnReason: a.withdrawnReason,
  returned: 'returned' in a ? (a.returned ? a.returned.question : null) : a.returnedQuestion,
  latestNote: 'latestUpdate' in a ? (a.latestUpdate?.note ?? null) : (a.latestNote?.text ?? null),
});

describe('the plan as at today', () => {
  beforeEach(async () => {
    world = await createTestWorld();
  });

  it('equals the live plan, action by action, over the whole demo partnership', async () => {
    await seedDemo(world.db, { now: TEST_NOW });
    const live = await liveActions();
    expect(live.length).toBeGreaterThan(50);
    const rebuilt = await actionsAsAt(world.db, await clockAsAt(world.db, TEST_TODAY, TEST_NOW));
    const byId = new Map(rebuilt.map((a) => [a.id, a]));
    expect(rebuilt).toHaveLength(live.length);
    for (const action of live) expect(comparable(byId.get(action.id)!)).toEqual(comparable(action));
    // The demo's revised dates are part of its history: before a revision the action had its original date.
    const revised = live.find((a) => a.targetDateHistory.length > 1)!;
    expect(revised).toBeDefined();
    const [original, first] = revised.targetDateHistory;
    const dayBefore = new Date(Date.parse(first!.on) - 86_400_000).toISOString().slice(0, 10);
    const then = await actionsAsAt(world.db, await clockAsAt(world.db, dayBefore, TEST_NOW), { actionIds: [revised.id] });
    expect(then[0]?.targetDate).toBe(original!.targetDate);
  });
});

describe('the plan as at a past day', () => {
  let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
  let lead: Caller;
  let chair: Caller;
  const at = (iso: string) => world.setNow(new Date(iso));
  const asAt = async (date: string, now = new Date('2026-12-01T12:00:00.000Z')) =>
    (await actionsAsAt(world.db, await clockAsAt(world.db, date, now), { actionIds: [plan.action.id] }))[0];
  const version = async () => (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}` })).json<Action>().version;
  const post = async (payload: Record<string, unknown>, as: Caller = lead) => {
    const response = await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'A note', confidence: 'on_track', ...payload }, as });
    expect(response.statusCode, response.body).toBe(201);
  };
  const patch = async (payload: Record<string, unknown>) => {
    const response = await world.request({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version: await version(), ...payload } });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeEach(async () => {
    world = await createTestWorld();
    plan = await seedSmallPlan(world.db); // created 2026-02-20, due 2026-06-30, owned by the police
    lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id, plan.health.id], name: 'DI Shah' });
    chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Okafor' });
  });

  it('rebuilds each field from a history built step by step, and is not moved by what happens later', async () => {
    await at('2026-03-10T10:00:00.000Z');
    await post({ note: 'Briefings booked', confidence: 'at_risk', statusChange: { from: 'not_started', to: 'in_progress' } });
    await at('2026-04-14T09:00:00.000Z');
    await patch({ targetDate: '2026-09-30', targetDateReason: 'Training moved to the autumn' });
    await at('2026-05-05T09:00:00.000Z');
    await patch({ ownerAgencyId: plan.health.id, action: 'Health leads the briefings' });
    await at('2026-06-01T09:00:00.000Z');
    await post({ note: 'All briefings delivered', confidence: 'on_track', statusChange: { from: 'in_progress', to: 'completed' }, evidence: [{ label: 'Register', url: 'https://intranet.example/register' }] });

    const before = await asAt('2026-02-19');
    expect(before).toBeUndefined(); // not yet created

    const feb = (await asAt('2026-02-28'))!;
    expect(feb).toMatchObject({ status: 'not_started', targetDate: '2026-06-30', ownerAgencyId: plan.police.id, brag: 'green', lastUpdateAt: null, latestNote: null });

    const march = (await asAt('2026-03-31'))!;
    expect(march).toMatchObject({ status: 'in_progress', latestConfidence: 'at_risk', brag: 'amber', targetDate: '2026-06-30' });
    expect(march.latestNote?.text).toBe('Briefings booked');

    // The revision took effect on 14 April: the end of 13 April still has the original date.
    expect((await asAt('2026-04-13'))!.targetDate).toBe('2026-06-30');
    expect((await asAt('2026-04-14'))!).toMatchObject({ targetDate: '2026-09-30', ownerAgencyId: plan.police.id });
    expect((await asAt('2026-05-05'))!).toMatchObject({ ownerAgencyId: plan.health.id, action: 'Health leads the briefings' });

    // Stale by the end of May: no update since 10 March is more than the 56-day cadence.
    expect((await asAt('2026-05-31'))!).toMatchObject({ status: 'in_progress', stale: true, brag: 'amber', overdue: false });
    expect((await asAt('2026-06-01'))!).toMatchObject({ status: 'completed', brag: 'green', stale: false });

    const june = JSON.stringify(await asAt('2026-06-15'));
    await at('2026-07-01T09:00:00.000Z');
    const assured = await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/assurance`, payload: { decision: 'assure', evidenceOfImpact: 'Re-audit: 19 of 20 children seen alone' }, as: chair });
    expect(assured.statusCode, assured.body).toBe(201);
    expect(JSON.stringify(await asAt('2026-06-15'))).toBe(june);
    expect((await asAt('2026-07-01'))!).toMatchObject({ status: 'assured', brag: 'blue', evidenceOfImpact: 'Re-audit: 19 of 20 children seen alone' });
    expect((await asAt('2026-06-30'))!.evidenceOfImpact).toBeNull();
  });

  it('keeps the state before every edit in the history, in the same transaction, and refuses to rewrite it', async () => {
    await at('2026-03-10T10:00:00.000Z');
    await patch({ successMeasure: 'Audit shows the child seen alone' });
    const rows = await world.db.select().from(actionRevisions);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actionId: plan.action.id, changedAt: '2026-03-10T10:00:00.000Z', successMeasure: '' });
    // A progress note changes no reported field of the action itself: no revision.
    await post({ note: 'Started' });
    expect(await world.db.select().from(actionRevisions)).toHaveLength(1);
    // Straight to the database, in a write transaction, so the trigger's own message is what is thrown.
    const rewrite = (statement: string) => writeTransaction(world.db, (tx) => rawRun(tx, statement));
    await expect(rewrite('update action_revisions set target_date = null')).rejects.toThrow(/append-only/);
    await expect(rewrite('delete from action_revisions')).rejects.toThrow(/append-only/);
  });

  it('rates a past day with the update cadence in force then', async () => {
    await at('2026-03-01T10:00:00.000Z');
    await post({ note: 'Started', statusChange: { from: 'not_started', to: 'in_progress' } });
    // 40 days later: not stale under the 56-day cadence in force on that day.
    expect((await asAt('2026-04-10'))!.stale).toBe(false);
    await at('2026-05-01T09:00:00.000Z');
    const settings = (await world.request({ method: 'GET', url: '/api/settings' })).json<{ version: number }>();
    const changed = await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: settings.version, updateCadenceDays: 28 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await asAt('2026-04-10'))!.stale).toBe(false);
    expect((await asAt('2026-05-10'))!.stale).toBe(true);
  });
});

describe('GET /api/actions?asAt=', () => {
  beforeEach(async () => {
    world = await createTestWorld();
  });

  it('lists the plan as it stood, with the live list’s filters, sorts and paging; today equals the live list', async () => {
    await seedDemo(world.db, { now: TEST_NOW });
    const live = await liveActions();
    const today = [];
    let cursor: string | null = null;
    do {
      const response = await world.request({ method: 'GET', url: `/api/actions?asAt=${TEST_TODAY}&limit=37&sort=ref${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<{ items: Action[]; nextCursor: string | null }>();
      today.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(today.map(comparable)).toEqual(live.map(comparable));
    expect(today.every((a) => !a.permissions.canEdit && !a.permissions.canPostUpdate)).toBe(true);

    // Filters apply to the state of the time: the Red actions of 1 December 2025 are the ones Red then.
    const red = (await world.request({ method: 'GET', url: '/api/actions?asAt=2025-12-01&brag=red&limit=200' })).json<{ items: Action[] }>().items;
    const then = (await actionsAsAt(world.db, await clockAsAt(world.db, '2025-12-01', TEST_NOW))).filter((a) => a.brag === 'red');
    expect(red.map((a) => a.id).sort()).toEqual(then.map((a) => a.id).sort());
    expect(red.length).toBeGreaterThan(0);
    const attention = (await world.request({ method: 'GET', url: '/api/actions?asAt=2025-12-01&sort=attention&limit=5' })).json<{ items: Action[] }>().items;
    expect(attention.map((a) => a.brag)).toEqual(['red', 'red', 'red', 'red', 'red'].slice(0, Math.min(5, red.length)).concat(Array(Math.max(0, 5 - red.length)).fill(expect.anything())));
  });

  it('refuses a day in the future, naming asAt', async () => {
    const response = await world.request({ method: 'GET', url: '/api/actions?asAt=2026-03-03' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ path: 'asAt', message: expect.stringContaining('future') }]);
  });
});
