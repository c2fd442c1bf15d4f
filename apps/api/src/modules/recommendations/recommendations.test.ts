import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Recommendation } from '@lrt/contracts';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import {
  expectHostileJsonRefused,
  expectInvalidBodies,
  expectProblem,
  expectRefused,
  expectVersionConflict,
  text,
  walkPages,
  created,
  listIds as listIdsOf,
} from '../../testing/http-expect';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  // A review with learning point 1 and recommendation 1, a subgroup and two agencies.
  plan = await seedSmallPlan(world.db);
});
afterEach(async () => {
  await world.close();
});

const createRecommendation = (body: Record<string, unknown>) => created<Recommendation>(world, '/api/recommendations', { text: 'The partnership should act', ...body });

const getRecommendation = async (id: number) => (await world.request({ method: 'GET', url: `/api/recommendations/${id}` })).json<Recommendation>();

const listIds = (query: string) => listIdsOf(world, `/api/recommendations?${query}`);

describe('POST /api/recommendations', () => {
  it('adds a recommendation with the next number and defaults for the rest', async () => {
    const rec = await createRecommendation({ reviewId: plan.review.id, text: '  Agencies should share chronologies ' });
    expect(rec).toEqual({
      id: expect.any(Number),
      reviewId: plan.review.id,
      number: 2,
      text: 'Agencies should share chronologies',
      addressee: 'partnership',
      leadAgencyId: null,
      subgroupId: null,
      learningPointIds: [],
      targetDate: null,
      version: 1,
    });
    const read = await world.request({ method: 'GET', url: `/api/recommendations/${rec.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(rec);
  });

  it("records the lead agency, subgroup, target date and the review's learning points, each linked once", async () => {
    const second = await factories.learningPoint(world.db, { reviewId: plan.review.id });
    const rec = await createRecommendation({
      reviewId: plan.review.id,
      number: 9,
      addressee: 'agency',
      leadAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      targetDate: '2026-12-31',
      learningPointIds: [second.id, plan.learningPoint.id, second.id],
    });
    expect(rec).toMatchObject({
      number: 9,
      addressee: 'agency',
      leadAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      targetDate: '2026-12-31',
      learningPointIds: [plan.learningPoint.id, second.id],
    });
    expect(await getRecommendation(rec.id)).toEqual(rec);
  });

  it('numbers after the highest number in the same review, starting at 1 in a new one', async () => {
    expect((await createRecommendation({ reviewId: plan.review.id, number: 5 })).number).toBe(5);
    expect((await createRecommendation({ reviewId: plan.review.id })).number).toBe(6);
    expect((await createRecommendation({ reviewId: (await factories.review(world.db)).id })).number).toBe(1);
    // A number another review uses is free here.
    const fresh = await factories.review(world.db);
    expect((await createRecommendation({ reviewId: fresh.id, number: plan.recommendation.number })).number).toBe(plan.recommendation.number);
    expect((await createRecommendation({ reviewId: fresh.id })).number).toBe(plan.recommendation.number + 1);
  });

  it('refuses a number the review already uses', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: '/api/recommendations', payload: { reviewId: plan.review.id, number: plan.recommendation.number, text: 'Again' } },
      { status: 409, code: 'recommendation.number_taken', path: 'number' },
    );
  });

  it('refuses references to things that do not exist, or to another review\'s learning points, with 422', async () => {
    const other = await factories.review(world.db);
    const foreignPoint = await factories.learningPoint(world.db, { reviewId: other.id });
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown review', { reviewId: 999 }, 'reviewId'],
      ['unknown lead agency', { leadAgencyId: 999 }, 'leadAgencyId'],
      ['unknown subgroup', { subgroupId: 999 }, 'subgroupId'],
      ['unknown learning point', { learningPointIds: [999] }, 'learningPointIds'],
      ["another review's learning point", { learningPointIds: [plan.learningPoint.id, foreignPoint.id] }, 'learningPointIds'],
    ];
    for (const [label, body, path] of cases) {
      await expectRefused(
        world,
        { method: 'POST', url: '/api/recommendations', payload: { reviewId: plan.review.id, text: 'T', ...body } },
        { status: 422, code: 'validation.unknown_reference', path },
        label,
      );
    }
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    const valid = { reviewId: plan.review.id, text: 'Do better' };
    await expectInvalidBodies(world, 'POST', '/api/recommendations', [
      ['reviewId missing', { text: 'T' }, 'reviewId'],
      ['reviewId a string', { ...valid, reviewId: String(plan.review.id) }, 'reviewId'],
      ['text missing', { reviewId: plan.review.id }, 'text'],
      ['text empty', { ...valid, text: '' }, 'text'],
      ['text too long', { ...valid, text: text(LIMITS.text + 1) }, 'text'],
      ['addressee that does not exist', { ...valid, addressee: 'everyone' }, 'addressee'],
      ['impossible target date', { ...valid, targetDate: '2026-02-30' }, 'targetDate'],
      ['learningPointIds not a list', { ...valid, learningPointIds: plan.learningPoint.id }, 'learningPointIds'],
      ['learningPointIds holds a string', { ...valid, learningPointIds: ['1'] }, 'learningPointIds.0'],
      ['number zero', { ...valid, number: 0 }, 'number'],
      ['unknown field', { ...valid, priority: 'high' }, 'priority'],
    ]);
    await expectHostileJsonRefused(world, 'POST', '/api/recommendations', valid);
  });
});

describe('GET /api/recommendations/:id', () => {
  it('answers 404 recommendation.not_found for an unknown id and 400 for one that is not a number', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/recommendations/999' }), { status: 404, code: 'recommendation.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/recommendations/abc' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('GET /api/recommendations', () => {
  it('lists by review, then number, a page at a time, each exactly once', async () => {
    const later = await factories.review(world.db);
    await createRecommendation({ reviewId: later.id, number: 2 });
    await createRecommendation({ reviewId: plan.review.id, number: 4 });
    await createRecommendation({ reviewId: later.id, number: 1 });
    await createRecommendation({ reviewId: plan.review.id, number: 3 });
    await createRecommendation({ reviewId: plan.review.id, number: 2 });
    const { items, pages } = await walkPages<Recommendation>(world, '/api/recommendations', 2);
    expect(pages).toBe(3);
    expect(items.map((r) => [r.reviewId, r.number])).toEqual([
      [plan.review.id, 1],
      [plan.review.id, 2],
      [plan.review.id, 3],
      [plan.review.id, 4],
      [later.id, 1],
      [later.id, 2],
    ]);
  });

  it('lists the most recent review’s first with sort=newest, in the order reviews are listed, each exactly once', async () => {
    const oldest = await factories.review(world.db, { notifiedOn: '2023-02-01' });
    const newest = await factories.review(world.db, { notifiedOn: '2026-05-01' });
    // Recorded last but notified in between: recency, not the order of recording, decides.
    const between = await factories.review(world.db, { notifiedOn: '2024-09-01' });
    for (const review of [oldest, newest, between]) {
      await createRecommendation({ reviewId: review.id, number: 2 });
      await createRecommendation({ reviewId: review.id, number: 1 });
    }
    const only = `reviewId=${oldest.id}&reviewId=${newest.id}&reviewId=${between.id}`;
    const { items, pages } = await walkPages<Recommendation>(world, `/api/recommendations?sort=newest&${only}`, 4);
    expect(pages).toBe(2);
    expect(items.map((r) => [r.reviewId, r.number])).toEqual([
      [newest.id, 1],
      [newest.id, 2],
      [between.id, 1],
      [between.id, 2],
      [oldest.id, 1],
      [oldest.id, 2],
    ]);
    const reviewsListed = (await world.request({ method: 'GET', url: `/api/reviews?id=${oldest.id}&id=${newest.id}&id=${between.id}` })).json<{ items: { id: number }[] }>();
    expect(reviewsListed.items.map((r) => r.id)).toEqual([newest.id, between.id, oldest.id]);
  });

  it('refuses a sort it does not know, and a plan-order cursor given to the newest-first list', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/recommendations?sort=oldest' }), { status: 400, code: 'validation.failed', path: 'sort' });
    await createRecommendation({ reviewId: plan.review.id, number: 2 });
    const planPage = (await world.request({ method: 'GET', url: '/api/recommendations?limit=1' })).json<{ nextCursor: string }>();
    expectProblem(await world.request({ method: 'GET', url: `/api/recommendations?sort=newest&cursor=${planPage.nextCursor}` }), {
      status: 400,
      code: 'validation.failed',
      path: 'cursor',
    });
  });

  it('refuses a limit over 200 and a cursor it did not give out', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/recommendations?limit=201' }), { status: 400, code: 'validation.failed', path: 'limit' });
    const wrongShape = Buffer.from('[1,2]').toString('base64url');
    expectProblem(await world.request({ method: 'GET', url: `/api/recommendations?cursor=${wrongShape}` }), { status: 400, code: 'validation.failed', path: 'cursor' });
  });

  it('filters by review, subgroup and lead agency, each repeatable', async () => {
    const other = await factories.review(world.db);
    const sg = await factories.subgroup(world.db);
    const byPolice = await createRecommendation({ reviewId: other.id, leadAgencyId: plan.police.id, subgroupId: sg.id });
    const byHealth = await createRecommendation({ reviewId: other.id, leadAgencyId: plan.health.id });
    expect(await listIds(`reviewId=${plan.review.id}`)).toEqual([plan.recommendation.id]);
    expect(await listIds(`reviewId=${plan.review.id}&reviewId=${other.id}`)).toEqual([plan.recommendation.id, byPolice.id, byHealth.id]);
    expect(await listIds(`subgroupId=${sg.id}`)).toEqual([byPolice.id]);
    expect(await listIds(`subgroupId=${sg.id}&subgroupId=${plan.subgroup.id}`)).toEqual([plan.recommendation.id, byPolice.id]);
    expect(await listIds(`leadAgencyId=${plan.health.id}`)).toEqual([byHealth.id]);
    expect(await listIds(`leadAgencyId=${plan.health.id}&leadAgencyId=${plan.police.id}`)).toEqual([byPolice.id, byHealth.id]);
    expect(await listIds(`reviewId=${plan.review.id}&leadAgencyId=${plan.police.id}`)).toEqual([]);
    expectProblem(await world.request({ method: 'GET', url: '/api/recommendations?reviewId=first' }), { status: 400, code: 'validation.failed', path: 'reviewId.0' });
  });
});

describe('PATCH /api/recommendations/:id', () => {
  it('changes the given fields and moves the version on, keeping the learning points when not given', async () => {
    const rec = await createRecommendation({ reviewId: plan.review.id, learningPointIds: [plan.learningPoint.id] });
    const res = await world.request({
      method: 'PATCH',
      url: `/api/recommendations/${rec.id}`,
      payload: { version: 1, text: 'Sharper', addressee: 'subgroup', subgroupId: plan.subgroup.id, targetDate: '2027-01-31' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...rec, text: 'Sharper', addressee: 'subgroup', subgroupId: plan.subgroup.id, targetDate: '2027-01-31', version: 2 });
    expect(await getRecommendation(rec.id)).toEqual(res.json());
  });

  it('replaces the learning points when given, and clears them with an empty list', async () => {
    const second = await factories.learningPoint(world.db, { reviewId: plan.review.id });
    const third = await factories.learningPoint(world.db, { reviewId: plan.review.id });
    const rec = await createRecommendation({ reviewId: plan.review.id, learningPointIds: [plan.learningPoint.id, second.id] });
    const replaced = await world.request({ method: 'PATCH', url: `/api/recommendations/${rec.id}`, payload: { version: 1, learningPointIds: [third.id, second.id] } });
    expect(replaced.json()).toMatchObject({ learningPointIds: [second.id, third.id], version: 2 });
    expect((await getRecommendation(rec.id)).learningPointIds).toEqual([second.id, third.id]);
    const cleared = await world.request({ method: 'PATCH', url: `/api/recommendations/${rec.id}`, payload: { version: 2, learningPointIds: [] } });
    expect(cleared.json()).toMatchObject({ learningPointIds: [], version: 3 });
  });

  it("refuses another review's learning points, unknown agencies and subgroups, and a taken number", async () => {
    const foreignPoint = await factories.learningPoint(world.db, { reviewId: (await factories.review(world.db)).id });
    const rec = await createRecommendation({ reviewId: plan.review.id, learningPointIds: [plan.learningPoint.id] });
    const url = `/api/recommendations/${rec.id}`;
    await expectRefused(
      world,
      { method: 'PATCH', url, payload: { version: 1, learningPointIds: [foreignPoint.id] } },
      { status: 422, code: 'validation.unknown_reference', path: 'learningPointIds' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url, payload: { version: 1, leadAgencyId: 999 } },
      { status: 422, code: 'validation.unknown_reference', path: 'leadAgencyId' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url, payload: { version: 1, subgroupId: 999 } },
      { status: 422, code: 'validation.unknown_reference', path: 'subgroupId' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url, payload: { version: 1, number: plan.recommendation.number } },
      { status: 409, code: 'recommendation.number_taken', path: 'number' },
    );
  });

  it('refuses a stale version with 409 and the recommendation as it now is, links untouched', async () => {
    const rec = await createRecommendation({ reviewId: plan.review.id, learningPointIds: [plan.learningPoint.id] });
    await world.request({ method: 'PATCH', url: `/api/recommendations/${rec.id}`, payload: { version: 1, text: 'Edited' } });
    const problem = await expectVersionConflict(world, {
      patchUrl: `/api/recommendations/${rec.id}`,
      body: { version: 1, text: 'Lost', learningPointIds: [] },
      code: 'recommendation.version_conflict',
    });
    expect(problem.current).toMatchObject({ text: 'Edited', learningPointIds: [plan.learningPoint.id], version: 2 });
  });

  it('refuses bad patches and unknown recommendations, changing nothing', async () => {
    const url = `/api/recommendations/${plan.recommendation.id}`;
    await expectInvalidBodies(world, 'PATCH', url, [
      ['version missing', { text: 'X' }, 'version'],
      ['text empty', { version: 1, text: '' }, 'text'],
      ['addressee null', { version: 1, addressee: null }, 'addressee'],
      ['impossible target date', { version: 1, targetDate: '2026-13-01' }, 'targetDate'],
      ['moving to another review is not a field', { version: 1, reviewId: 2 }, 'reviewId'],
    ]);
    await expectHostileJsonRefused(world, 'PATCH', url, { version: 1, text: 'X' });
    await expectRefused(world, { method: 'PATCH', url: '/api/recommendations/999', payload: { version: 1 } }, { status: 404, code: 'recommendation.not_found' });
  });
});

describe('addressees', () => {
  let w: TestWorld;
  beforeEach(async () => {
    w = await createTestWorld();
  });
  afterEach(() => w.close());

  it('needs the agency or subgroup a recommendation is addressed to', async () => {
    const review = await factories.review(w.db);
    const before = await w.snapshot();
    const toAgency = await w.request({ method: 'POST', url: '/api/recommendations', payload: { reviewId: review.id, text: 'The police should act', addressee: 'agency' } });
    expect(toAgency.statusCode).toBe(422);
    expect(toAgency.json().errors[0].path).toBe('leadAgencyId');
    const toSubgroup = await w.request({ method: 'POST', url: '/api/recommendations', payload: { reviewId: review.id, text: 'The subgroup should act', addressee: 'subgroup' } });
    expect(toSubgroup.json().errors[0].path).toBe('subgroupId');
    expect(await w.snapshot()).toBe(before);
    const agency = await factories.agency(w.db);
    const ok = await w.request({ method: 'POST', url: '/api/recommendations', payload: { reviewId: review.id, text: 'The police should act', addressee: 'agency', leadAgencyId: agency.id } });
    expect(ok.statusCode).toBe(201);
  });
});

describe('POST /api/reviews/:id/recommendations/order', () => {
  const orderUrl = (reviewId = plan.review.id) => `/api/reviews/${reviewId}/recommendations/order`;

  it('renumbers the recommendations 1..n in the order given, keeping their learning points, with an audit event for each that moved', async () => {
    const second = await createRecommendation({ reviewId: plan.review.id, learningPointIds: [plan.learningPoint.id] });
    const third = await createRecommendation({ reviewId: plan.review.id, number: 7 });
    const res = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [third.id, plan.recommendation.id, second.id] } });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Recommendation[] }>().items;
    expect(items.map((r) => [r.id, r.number])).toEqual([
      [third.id, 1],
      [plan.recommendation.id, 2],
      [second.id, 3],
    ]);
    expect(items[2]).toEqual({ ...second, number: 3, version: 2 });
    expect(await listIds(`reviewId=${plan.review.id}`)).toEqual([third.id, plan.recommendation.id, second.id]);

    const trail = await world.request({ method: 'GET', url: `/api/audit?entity=recommendation&entityId=${third.id}` });
    expect(trail.json().items[0]).toMatchObject({ operation: 'update', before: { number: 7 }, after: { number: 1 } });
  });

  it("refuses with 422 naming ids, changing nothing, a list that is not exactly the review's recommendations", async () => {
    const second = await createRecommendation({ reviewId: plan.review.id });
    const elsewhere = await createRecommendation({ reviewId: (await factories.review(world.db)).id });
    const cases: [string, number[]][] = [
      ['one missing', [second.id]],
      ["another review's recommendation", [second.id, plan.recommendation.id, elsewhere.id]],
      ['one twice', [second.id, plan.recommendation.id, second.id]],
    ];
    for (const [label, ids] of cases) {
      await expectRefused(world, { method: 'POST', url: orderUrl(), payload: { ids } }, { status: 422, code: 'recommendation.order_invalid', path: 'ids' }, label);
    }
  });

  it('refuses anyone but the business unit with 403, and an unknown review with 404', async () => {
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] });
    const lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id] });
    for (const caller of [chair, lead]) {
      const before = await world.snapshot();
      const res = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [plan.recommendation.id] }, as: caller });
      expectProblem(res, { status: 403, code: 'auth.forbidden' });
      expect(await world.snapshot()).toBe(before);
    }
    await expectRefused(world, { method: 'POST', url: orderUrl(999), payload: { ids: [] } }, { status: 404, code: 'review.not_found' });
    await expectInvalidBodies(world, 'POST', orderUrl(), [['ids missing', {}, 'ids']]);
  });
});
