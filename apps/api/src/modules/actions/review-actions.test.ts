import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@lrt/contracts';
import { rawRow, rawRows } from '@lrt/db';
import { expectProblem, expectRefused } from '../../testing/http-expect';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedPlan>>;

/** A review with no actions yet, its own subgroup, and a recommendation overseen by another subgroup. */
async function seedPlan() {
  const db = world.db;
  const reviewSubgroup = await factories.subgroup(db);
  const recommendationSubgroup = await factories.subgroup(db);
  const police = await factories.agency(db, { name: 'West Midlands Police', shortName: 'WMP', kind: 'police' });
  const ambulance = await factories.agency(db, { name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' });
  const closed = await factories.agency(db, { name: 'Former Trust', shortName: 'FT', kind: 'health', active: false });
  const theme = await factories.theme(db);
  const review = await factories.review(db, { code: 'SD-2022', subgroupId: reviewSubgroup.id });
  const recommendation = await factories.recommendation(db, { reviewId: review.id, subgroupId: recommendationSubgroup.id });
  return { reviewSubgroup, recommendationSubgroup, police, ambulance, closed, theme, review, recommendation };
}

beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedPlan();
});
afterEach(() => world.close());

const url = () => `/api/reviews/${plan.review.id}/actions`;
const row = (n: number, overrides: Record<string, unknown> = {}) => ({
  ownerAgencyId: plan.police.id,
  learningNeed: `Learning need ${n}`,
  action: `Action to be taken ${n}`,
  ...overrides,
});
const post = (actions: unknown[], as?: Parameters<TestWorld['request']>[0]['as']) =>
  world.request({ method: 'POST', url: url(), payload: { actions }, ...(as !== undefined ? { as } : {}) });
const actionCount = async () => (await rawRow<{ n: number }>(world.db, 'select count(*) as n from actions'))!.n;

describe('POST /api/reviews/:id/actions', () => {
  it('creates every row in the order sent, with refs <code>/A1..A5 and the subgroup of the recommendation, else the review', async () => {
    const response = await post([
      row(1, { recommendationId: plan.recommendation.id, targetDate: '2027-03-31', themeIds: [plan.theme.id], successMeasure: 'Dip sample of 10 cases' }),
      row(2),
      row(3, { ownerAgencyId: plan.ambulance.id, kind: 'multi_agency', partnerAgencyIds: [plan.police.id] }),
      row(4, { recommendationId: plan.recommendation.id }),
      row(5),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const items = response.json<{ items: Action[] }>().items;
    expect(items.map((a) => a.ref)).toEqual(['SD-2022/A1', 'SD-2022/A2', 'SD-2022/A3', 'SD-2022/A4', 'SD-2022/A5']);
    expect(items.map((a) => a.learningNeed)).toEqual([1, 2, 3, 4, 5].map((n) => `Learning need ${n}`));
    expect(items.map((a) => a.subgroupId)).toEqual([
      plan.recommendationSubgroup.id,
      plan.reviewSubgroup.id,
      plan.reviewSubgroup.id,
      plan.recommendationSubgroup.id,
      plan.reviewSubgroup.id,
    ]);
    expect(items[0]).toMatchObject({
      reviewId: plan.review.id,
      recommendationId: plan.recommendation.id,
      status: 'not_started',
      targetDate: '2027-03-31',
      themeIds: [plan.theme.id],
      successMeasure: 'Dip sample of 10 cases',
      version: 1,
    });
    expect(items[2]).toMatchObject({ kind: 'multi_agency', ownerAgencyId: plan.ambulance.id, partnerAgencyIds: [plan.police.id] });

    const listed = await world.request({ method: 'GET', url: `/api/actions?reviewId=${plan.review.id}&sort=ref` });
    expect(listed.json<{ items: Action[] }>().items).toHaveLength(5);
  });

  it('records one audit event for each action created', async () => {
    const response = await post([row(1), row(2), row(3)]);
    const ids = response.json<{ items: Action[] }>().items.map((a) => a.id);
    const events = await rawRows(world.db, `select entity_id as "entityId", actor_name as "actorName" from audit_events where entity = 'action' and operation = 'create' order by id`);
    expect(events).toEqual(ids.map((entityId) => ({ entityId, actorName: 'Business Unit Admin' })));
  });

  it('saves nothing when one row is refused, and names that row and field', async () => {
    const problem = await expectRefused(
      world,
      { method: 'POST', url: url(), payload: { actions: [row(1), row(2), row(3, { ownerAgencyId: 99_999 }), row(4)] } },
      { status: 422, code: 'validation.unknown_reference', path: 'actions.2.ownerAgencyId' },
    );
    expect(problem.errors).toEqual([{ path: 'actions.2.ownerAgencyId', message: 'no agency with id 99999' }]);
    expect(problem.detail).toContain('Row 3: ');
    expect(problem.detail).toContain('nothing was saved');
    expect(await actionCount()).toBe(0);
  });

  it('reports the problems of every refused row at once', async () => {
    const problem = await expectRefused(
      world,
      {
        method: 'POST',
        url: url(),
        payload: {
          actions: [
            row(1, { kind: 'multi_agency' }),
            row(2),
            row(3, { ownerAgencyId: plan.closed.id }),
            row(4, { themeIds: [88_888] }),
          ],
        },
      },
      { status: 422, code: 'action.invalid' },
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['actions.0.partnerAgencyIds', 'actions.2.ownerAgencyId', 'actions.3.themeIds']);
    expect(problem.detail).toBe(
      '3 rows were refused; nothing was saved. Row 1: partnerAgencyIds: a multi-agency action needs at least one partner agency. ' +
        'Row 3: ownerAgencyId: this agency is no longer active in the partnership. Row 4: themeIds: no theme with id 88888.',
    );
    expect(problem.detail).not.toContain('Row 2');
  });

  it('refuses a ref already in use, and one repeated within the batch, naming the later row', async () => {
    await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, ref: 'SD-2022/X1' });
    await expectRefused(
      world,
      { method: 'POST', url: url(), payload: { actions: [row(1), row(2, { ref: 'sd-2022/x1' })] } },
      { status: 409, code: 'action.ref_taken', path: 'actions.1.ref' },
    );
    const repeated = await expectRefused(
      world,
      { method: 'POST', url: url(), payload: { actions: [row(1, { ref: 'SD-2022/P1' }), row(2), row(3, { ref: 'SD-2022/p1' })] } },
      { status: 409, code: 'action.ref_taken' },
    );
    expect(repeated.errors).toEqual([{ path: 'actions.2.ref', message: 'repeats the reference of row 1' }]);
  });

  it('says when a ref was just given to an earlier row of the batch', async () => {
    const problem = await expectRefused(
      world,
      { method: 'POST', url: url(), payload: { actions: [row(1), row(2, { ref: 'SD-2022/A1' })] } },
      { status: 409, code: 'action.ref_taken', path: 'actions.1.ref' },
    );
    expect(problem.errors?.[0]?.message).toContain('row 1');
  });

  it('answers 422 with both kinds of problem when a taken ref comes with another rule broken', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: url(), payload: { actions: [row(1, { ref: 'SD-2022/P1' }), row(2, { ref: 'SD-2022/P1' }), row(3, { ownerAgencyId: 99_999 })] } },
      { status: 422, code: 'action.invalid', path: 'actions.1.ref' },
    );
  });

  it('validates the body row by row before anything runs', async () => {
    const response = await post([row(1), row(2), row(3), row(4, { learningNeed: '   ' })]);
    const problem = expectProblem(response, { status: 400, code: 'validation.failed', path: 'actions.3.learningNeed' });
    expect(problem.errors).toHaveLength(1);
    expectProblem(await post([]), { status: 400, code: 'validation.failed', path: 'actions' });
    expectProblem(await post([{ ...row(1), reviewId: plan.review.id }]), { status: 400, code: 'validation.failed', path: 'actions.0.reviewId' });
    expect(await actionCount()).toBe(0);
  });

  it('answers 404 for a review that does not exist', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews/99999/actions', payload: { actions: [row(1)] } },
      { status: 404, code: 'review.not_found' },
    );
  });

  it('is for those who manage plans only', async () => {
    const lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id] });
    const chair = await world.signIn(['independent_chair']);
    const before = await world.snapshot();
    for (const caller of [lead, chair]) expectProblem(await post([row(1)], caller), { status: 403, code: 'auth.forbidden' });
    expect(await world.snapshot()).toBe(before);
    expectProblem(await post([row(1)], null), { status: 401, code: 'auth.unauthenticated' });
  });

  it('is in the OpenAPI document with its request and every answer', async () => {
    const doc = (await world.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = doc.paths['/api/reviews/{id}/actions'].post;
    expect(operation.tags).toEqual(['Actions']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '422']));
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(operation.requestBody.content['application/json'].schema).toBeDefined();
  });
});
