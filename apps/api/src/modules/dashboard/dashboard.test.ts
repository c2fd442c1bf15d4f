import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_REVIEWS_SHOWN, type Dashboard } from '@lrt/contracts';
import { rawRun } from '@lrt/db';
import { createTestWorld, factories, seedSmallPlan, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
});
afterEach(() => world.close());

const dashboard = async (query = '') => {
  const response = await world.request({ method: 'GET', url: `/api/dashboard${query}` });
  expect(response.statusCode).toBe(200);
  return response.json<Dashboard>();
};

/** Posts an update at a given instant, through the API, so the history is real (as the business unit by default). */
async function update(actionId: number, at: string, payload: Record<string, unknown> = {}, as?: Caller) {
  await world.setNow(new Date(at));
  const response = await world.request({
    method: 'POST',
    url: `/api/actions/${actionId}/updates`,
    payload: { note: 'Progress', confidence: 'on_track', ...payload },
    ...(as ? { as } : {}),
  });
  expect(response.statusCode).toBe(201);
}

describe('GET /api/dashboard', () => {
  it('counts actions by status and BRAG, with overdue, stale and due soon', async () => {
    const { review, police, health } = plan;
    const base = { reviewId: review.id, createdAt: '2026-01-10T09:00:00.000Z' };
    await factories.action(world.db, { ...base, ownerAgencyId: police.id, targetDate: '2026-02-01' }); // overdue, red
    await factories.action(world.db, { ...base, ownerAgencyId: police.id, targetDate: '2026-03-20' }); // due soon, green
    await factories.action(world.db, { ...base, ownerAgencyId: health.id, createdAt: '2025-11-01T09:00:00.000Z' }); // stale, amber
    await factories.action(world.db, { ...base, ownerAgencyId: health.id, status: 'assured', evidenceOfImpact: 'Audit' }); // blue
    await factories.action(world.db, { ...base, ownerAgencyId: health.id, status: 'withdrawn', withdrawnReason: 'Duplicate' });

    const { totals } = await dashboard();
    expect(totals).toEqual({
      actions: 6,
      byStatus: { not_started: 4, in_progress: 0, completed: 0, assured: 1, withdrawn: 1 },
      byBrag: { blue: 1, green: 2, amber: 1, red: 1 },
      overdue: 1,
      stale: 1,
      dueSoon: 1,
    });
  });

  it("gives each agency its share, counting a shared action for every agency in it", async () => {
    const shared = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, kind: 'multi_agency' });
    await rawRun(world.db, 'insert into action_agencies (action_id, agency_id) values (?, ?)', [shared.id, plan.police.id]);
    const { byAgency, totals } = await dashboard();
    expect(totals.actions).toBe(2);
    expect(byAgency.map((a) => [a.agencyId, a.actions])).toEqual(
      expect.arrayContaining([
        [plan.police.id, 2],
        [plan.health.id, 1],
      ]),
    );
    expect(byAgency.find((a) => a.agencyId === plan.police.id)).toMatchObject({ name: plan.police.name, shortName: plan.police.shortName });
  });

  it("names each agency's active leads, by name, and none for an agency without one", async () => {
    const { police, health, review } = plan;
    const education = await factories.agency(world.db, { kind: 'education' });
    await factories.action(world.db, { reviewId: review.id, ownerAgencyId: health.id });
    await factories.action(world.db, { reviewId: review.id, ownerAgencyId: education.id });
    await world.signIn(['agency_lead'], { agencyIds: [police.id], name: 'Priya Shah' });
    // Leads of two agencies are named for both.
    await world.signIn(['agency_lead'], { agencyIds: [police.id, health.id], name: 'Alex Brown' });
    const left = await world.signIn(['agency_lead'], { agencyIds: [health.id], name: 'Chris Left' });
    await rawRun(world.db, 'update users set active = false where id = ?', [left.userId]);
    // Linked to an agency without the role: not one of its leads.
    await world.signIn(['viewer'], { agencyIds: [education.id], name: 'Val Viewer' });

    const { byAgency } = await dashboard();
    const leadsOf = (agencyId: number) => byAgency.find((row) => row.agencyId === agencyId)?.leads;
    expect(leadsOf(police.id)).toEqual([
      { name: 'Alex Brown', email: 'alex.brown@test.example' },
      { name: 'Priya Shah', email: 'priya.shah@test.example' },
    ]);
    expect(leadsOf(health.id)).toEqual([{ name: 'Alex Brown', email: 'alex.brown@test.example' }]);
    expect(leadsOf(education.id)).toEqual([]);

    // Narrowed to one agency, its row still names its leads.
    const narrowed = await dashboard(`?agencyId=${health.id}`);
    expect(narrowed.byAgency.map((row) => [row.agencyId, row.leads.map((lead) => lead.name)])).toEqual([[health.id, ['Alex Brown']]]);
  });

  it('breaks the counts down by review and narrows them to one review, subgroup or agency', async () => {
    const other = await factories.review(world.db, { code: 'KD-2024' });
    await factories.action(world.db, { reviewId: other.id, ownerAgencyId: plan.health.id });
    await factories.action(world.db, { reviewId: other.id, ownerAgencyId: plan.health.id });
    const all = await dashboard();
    expect(all.byReview.map((r) => [r.code, r.actions]).sort()).toEqual([
      ['KD-2024', 2],
      ['SD-2025', 1],
    ]);
    expect(all.reviewCount).toBe(2);
    const one = await dashboard(`?reviewId=${other.id}`);
    expect(one.totals.actions).toBe(2);
    expect([one.byReview.map((r) => r.code), one.reviewCount]).toEqual([['KD-2024'], 1]);
    expect((await dashboard(`?agencyId=${plan.police.id}`)).totals.actions).toBe(1);
    const subgroup = await dashboard(`?subgroupId=${plan.subgroup.id}`);
    expect([subgroup.totals.actions, subgroup.byReview.map((r) => r.code), subgroup.reviewCount]).toEqual([1, ['SD-2025'], 1]);
    const none = await dashboard('?reviewId=999');
    expect([none.totals.actions, none.byReview, none.reviewCount]).toEqual([0, [], 0]);
  });

  it('lists only the reviews needing most attention: most red, then most overdue, then most stale, then by code', async () => {
    const act = (reviewId: number, values: { targetDate?: string; createdAt?: string; latestConfidence?: 'off_track' } = {}) =>
      factories.action(world.db, { reviewId, ownerAgencyId: plan.police.id, targetDate: '2026-06-30', createdAt: '2026-02-20T09:00:00.000Z', ...values });
    const review = async (code: string) => (await factories.review(world.db, { code })).id;
    // Twelve reviews going well, whose codes come first: a list by code alone would show them first.
    for (let i = 1; i <= 12; i++) await act(await review(`AA-${String(i).padStart(2, '0')}`));
    const twoRed = await review('ZZ-RED-TWO');
    await act(twoRed, { latestConfidence: 'off_track' });
    await act(twoRed, { latestConfidence: 'off_track' });
    await act(await review('ZZ-RED-LATE'), { targetDate: '2026-02-01' }); // red because overdue
    await act(await review('ZZ-RED'), { latestConfidence: 'off_track' }); // red, on time
    await act(await review('ZZ-STALE'), { createdAt: '2025-11-01T09:00:00.000Z' }); // amber: no update for months

    const all = await dashboard();
    // The plan's own review and the sixteen above.
    expect(all.reviewCount).toBe(17);
    expect(all.byReview).toHaveLength(DASHBOARD_REVIEWS_SHOWN);
    expect(all.byReview.map((r) => r.code)).toEqual(['ZZ-RED-TWO', 'ZZ-RED-LATE', 'ZZ-RED', 'ZZ-STALE', 'AA-01', 'AA-02', 'AA-03', 'AA-04', 'AA-05', 'AA-06']);
    expect(all.byReview[0]).toMatchObject({ actions: 2, byBrag: { red: 2 } });
    expect(all.byReview[1]).toMatchObject({ overdue: 1, byBrag: { red: 1 } });
    expect(all.byReview[3]).toMatchObject({ stale: 1, byBrag: { amber: 1 } });
    // Every review still counts in the totals, shown or not.
    expect(all.totals.actions).toBe(18);
  });

  it('rebuilds 24 months of open, completed and assured actions from the history', async () => {
    // The plan's own action was set on 2026-02-20: it is open from February.
    const early = await factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      createdAt: '2025-05-03T09:00:00.000Z',
    });
    await update(early.id, '2025-06-10T09:00:00.000Z', { statusChange: { to: 'in_progress' } });
    await update(early.id, '2025-09-15T09:00:00.000Z', { statusChange: { to: 'completed' }, evidence: [{ label: 'Audit', url: 'https://x.example/a' }] });
    // Whoever proposed the completion does not sign it off: the subgroup's chair does.
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] });
    await update(early.id, '2025-11-02T09:00:00.000Z', { statusChange: { to: 'assured' }, evidenceOfImpact: 'Re-audit' }, chair);
    await world.setNow(new Date('2026-03-02T10:00:00.000Z'));

    const { trend } = await dashboard();
    expect(trend).toHaveLength(24);
    expect(trend[0]?.month).toBe('2024-04');
    expect(trend.at(-1)?.month).toBe('2026-03');
    const at = (month: string) => trend.find((t) => t.month === month);
    expect(at('2025-04')).toEqual({ month: '2025-04', open: 0, completed: 0, assured: 0 });
    expect(at('2025-05')).toEqual({ month: '2025-05', open: 1, completed: 0, assured: 0 });
    expect(at('2025-09')).toEqual({ month: '2025-09', open: 0, completed: 1, assured: 0 });
    expect(at('2025-10')).toEqual({ month: '2025-10', open: 0, completed: 1, assured: 0 });
    expect(at('2025-11')).toEqual({ month: '2025-11', open: 0, completed: 0, assured: 1 });
    expect(at('2026-02')).toEqual({ month: '2026-02', open: 1, completed: 0, assured: 1 });
  });

  it('refuses filters that are not ids', async () => {
    const response = await world.request({ method: 'GET', url: '/api/dashboard?reviewId=abc' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('reviewId');
  });
});
