import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Action, TargetDateDecisionResult, TargetDateRequest } from '@lrt/contracts';
import { actionAgencies, execute, rawRow, rawRows, writeTransaction } from '@lrt/db';
import { expectProblem, expectRefused, walkPages } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
/** The police safeguarding lead, whose agency owns the plan's action. */
let lead: Caller;
/** The chair of the subgroup overseeing the plan's action. */
let chair: Caller;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
  lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id], name: 'DI Shah' });
  chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Okafor' });
});
afterEach(() => world.close());

const reason = 'The training provider cancelled the March course';
const ask = (payload: Record<string, unknown>, actionId = plan.action.id, as: Caller | null = lead) =>
  world.request({ method: 'POST', url: `/api/actions/${actionId}/target-date-requests`, payload, as });
const decide = (requestId: number, payload: Record<string, unknown>, as: Caller | null = chair) =>
  world.request({ method: 'POST', url: `/api/target-date-requests/${requestId}/decision`, payload, as });
const readAction = async (id = plan.action.id, as?: Caller) => (await world.request({ method: 'GET', url: `/api/actions/${id}`, ...(as ? { as } : {}) })).json<Action>();
async function asked(payload: Record<string, unknown> = { targetDate: '2026-09-30', reason }, actionId = plan.action.id) {
  const response = await ask(payload, actionId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<TargetDateRequest>();
}
const auditOf = async (entity: string) =>
  (
    await rawRows<{ entityId: number; operation: string; before: string | null; after: string | null; actorName: string }>(
      world.db,
      'select entity_id as "entityId", operation, before, after, actor_name as "actorName" from audit_events where entity = ? order by id',
      [entity],
    )
  ).map((row) => ({ ...row, before: row.before && JSON.parse(row.before), after: row.after && JSON.parse(row.after) }));

describe('POST /api/actions/:id/target-date-requests', () => {
  it("records a lead's request for their agency, and shows it on the action without changing it", async () => {
    const request = await asked();
    expect(request).toMatchObject({
      actionId: plan.action.id,
      currentTargetDate: '2026-06-30',
      requestedTargetDate: '2026-09-30',
      reason,
      requestedBy: 'DI Shah',
      agencyId: plan.police.id,
      requestedAt: TEST_NOW.toISOString(),
      state: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    });
    const action = await readAction();
    expect(action).toMatchObject({ targetDate: '2026-06-30', version: 1 });
    expect(action.pendingTargetDateRequest).toEqual({ id: request.id, requestedTargetDate: '2026-09-30', reason, requestedBy: 'DI Shah', requestedAt: TEST_NOW.toISOString() });
    expect(await auditOf('target_date_request')).toEqual([
      expect.objectContaining({ entityId: request.id, operation: 'create', actorName: 'DI Shah', after: expect.objectContaining({ requestedTargetDate: '2026-09-30', reason }) }),
    ]);
  });

  it('speaks for the partner agency when the lead leads a partner of a shared action', async () => {
    const shared = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, kind: 'multi_agency', subgroupId: plan.subgroup.id, targetDate: '2026-06-30' });
    await writeTransaction(world.db, (tx) => tx.insert(actionAgencies).values({ actionId: shared.id, agencyId: plan.police.id }));
    expect((await asked(undefined, shared.id)).agencyId).toBe(plan.police.id);
  });

  it('takes today, and an action with no date yet', async () => {
    const undated = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, status: 'in_progress' });
    expect((await asked({ targetDate: '2026-03-02', reason }, undated.id)).currentTargetDate).toBeNull();
  });

  it('needs a reason, a date still to come and not the one the action has', async () => {
    const url = `/api/actions/${plan.action.id}/target-date-requests`;
    const send = (payload: Record<string, unknown>) => ({ method: 'POST' as const, url, payload, as: lead }) as never;
    await expectRefused(world, send({ targetDate: '2026-09-30' }), { status: 400, code: 'validation.failed', path: 'reason' });
    await expectRefused(world, send({ targetDate: '2026-09-30', reason: '   ' }), { status: 400, code: 'validation.failed', path: 'reason' });
    await expectRefused(world, send({ targetDate: '2026-02-30', reason }), { status: 400, code: 'validation.failed', path: 'targetDate' });
    await expectRefused(world, send({ targetDate: '2026-03-01', reason }), { status: 422, code: 'target_date_request.date_in_past', path: 'targetDate' });
    await expectRefused(world, send({ targetDate: '2026-06-30', reason }), { status: 422, code: 'target_date_request.same_date', path: 'targetDate' });
  });

  it('refuses an action that is completed, assured or withdrawn', async () => {
    for (const status of ['completed', 'assured', 'withdrawn'] as const) {
      const closed = await factories.action(world.db, {
        reviewId: plan.review.id,
        ownerAgencyId: plan.police.id,
        subgroupId: plan.subgroup.id,
        status,
        targetDate: '2026-06-30',
        evidenceOfImpact: status === 'assured' ? 'Re-audit shows the change' : null,
        withdrawnReason: status === 'withdrawn' ? 'Superseded' : null,
      });
      await expectRefused(
        world,
        { method: 'POST', url: `/api/actions/${closed.id}/target-date-requests`, payload: { targetDate: '2026-09-30', reason }, as: lead } as never,
        { status: 422, code: 'target_date_request.action_closed', path: 'targetDate' },
        status,
      );
    }
  });

  it('refuses a second request while one awaits a decision', async () => {
    await asked();
    await expectRefused(
      world,
      { method: 'POST', url: `/api/actions/${plan.action.id}/target-date-requests`, payload: { targetDate: '2026-10-31', reason }, as: lead } as never,
      { status: 409, code: 'target_date_request.pending', path: 'targetDate' },
    );
  });

  it("is for the action's own agency leads only", async () => {
    const otherLead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id] });
    const viewer = await world.signIn(['viewer']);
    for (const [who, caller] of [['another agency’s lead', otherLead], ['a viewer', viewer], ['the subgroup chair', chair], ['the business unit', world.admin]] as const) {
      await expectRefused(
        world,
        { method: 'POST', url: `/api/actions/${plan.action.id}/target-date-requests`, payload: { targetDate: '2026-09-30', reason }, as: caller } as never,
        { status: 403, code: 'auth.forbidden' },
        who,
      );
    }
    expectProblem(await ask({ targetDate: '2026-09-30', reason }, plan.action.id, null), { status: 401, code: 'auth.unauthenticated' });
    expectProblem(await ask({ targetDate: '2026-09-30', reason }, 999_999), { status: 404, code: 'action.not_found' });
  });
});

describe('POST /api/target-date-requests/:id/decision', () => {
  it("agreeing moves the action's date, keeps the original first and recomputes overdue against the new date", async () => {
    const late = await factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      status: 'in_progress',
      targetDate: '2026-02-15',
      createdAt: '2026-01-10T09:00:00.000Z',
    });
    expect(await readAction(late.id)).toMatchObject({ overdue: true, brag: 'red', version: 1 });
    const request = await asked({ targetDate: '2026-05-31', reason }, late.id);

    await world.setNow(new Date('2026-03-04T14:30:00.000Z'));
    const response = await decide(request.id, { agree: true, note: 'Agreed at the March meeting' });
    expect(response.statusCode, response.body).toBe(200);
    const { request: decided, action } = response.json<TargetDateDecisionResult>();
    expect(decided).toMatchObject({ state: 'agreed', decidedBy: 'Dr Okafor', decidedAt: '2026-03-04T14:30:00.000Z', decisionNote: 'Agreed at the March meeting' });
    expect(action).toMatchObject({ targetDate: '2026-05-31', overdue: false, version: 2, updatedAt: '2026-03-04T14:30:00.000Z', pendingTargetDateRequest: null });
    expect(action.brag).not.toBe('red');
    expect(action.targetDateHistory).toEqual([
      { targetDate: '2026-02-15', from: null, reason: null, decidedBy: null, on: '2026-01-10T09:00:00.000Z' },
      { targetDate: '2026-05-31', from: '2026-02-15', reason: `${reason} — decision note: Agreed at the March meeting`, decidedBy: 'Dr Okafor', on: '2026-03-04T14:30:00.000Z' },
    ]);
    expect(await readAction(late.id)).toEqual(expect.objectContaining({ targetDate: '2026-05-31', overdue: false }));
    const overdue = (await world.request({ method: 'GET', url: '/api/actions?overdue=true' })).json<{ items: Action[] }>().items;
    expect(overdue.map((a) => a.id)).not.toContain(late.id);

    const change = await rawRow<Record<string, unknown>>(world.db, 'select * from target_date_changes where action_id = ?', [late.id]);
    expect(change).toMatchObject({ from_date: '2026-02-15', to_date: '2026-05-31', decided_by_name: 'Dr Okafor', decided_by_user_id: chair.userId, request_id: request.id });
    expect((await auditOf('target_date_request')).map((e) => e.operation)).toEqual(['create', 'update']);
    expect((await auditOf('target_date_request'))[1]).toMatchObject({ before: { state: 'pending' }, after: { state: 'agreed', decidedBy: 'Dr Okafor' } });
    expect(await auditOf('action')).toEqual([
      expect.objectContaining({ entityId: late.id, operation: 'update', actorName: 'Dr Okafor', before: { targetDate: '2026-02-15' }, after: { targetDate: '2026-05-31', targetDateRequestId: request.id } }),
    ]);
  });

  it('lets the business unit decide too', async () => {
    const request = await asked();
    const response = await decide(request.id, { agree: true }, world.admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<TargetDateDecisionResult>().action.targetDateHistory[1]).toMatchObject({ reason, decidedBy: 'Business Unit Admin' });
  });

  it('refusing records the decision and leaves the action as it was', async () => {
    const request = await asked();
    const before = await readAction(plan.action.id, chair);
    const response = await decide(request.id, { agree: false, note: 'Keep June: the course can run in-house' });
    expect(response.statusCode, response.body).toBe(200);
    const { request: decided, action } = response.json<TargetDateDecisionResult>();
    expect(decided).toMatchObject({ state: 'refused', decidedBy: 'Dr Okafor', decisionNote: 'Keep June: the course can run in-house' });
    expect(action).toEqual({ ...before, pendingTargetDateRequest: null });
    expect(await rawRow(world.db, 'select count(*) as n from target_date_changes')).toEqual({ n: 0 });
    expect(await auditOf('action')).toEqual([]);
    // Once decided, the lead may ask again.
    expect((await ask({ targetDate: '2026-08-31', reason })).statusCode).toBe(201);
  });

  it('decides a request once only', async () => {
    const request = await asked();
    expect((await decide(request.id, { agree: false })).statusCode).toBe(200);
    for (const agree of [true, false]) {
      await expectRefused(
        world,
        { method: 'POST', url: `/api/target-date-requests/${request.id}/decision`, payload: { agree }, as: chair } as never,
        { status: 409, code: 'target_date_request.decided', path: 'agree' },
      );
    }
  });

  it('is for the business unit and the chair of the overseeing subgroup only', async () => {
    const request = await asked();
    const otherChair = await world.signIn(['subgroup_chair'], { subgroupIds: [(await factories.subgroup(world.db)).id] });
    const otherLead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id] });
    const viewer = await world.signIn(['viewer']);
    const independent = await world.signIn(['independent_chair']);
    for (const [who, caller] of [['another subgroup’s chair', otherChair], ['the requesting lead', lead], ['another lead', otherLead], ['a viewer', viewer], ['the independent chair', independent]] as const) {
      await expectRefused(
        world,
        { method: 'POST', url: `/api/target-date-requests/${request.id}/decision`, payload: { agree: true }, as: caller } as never,
        { status: 403, code: 'auth.forbidden' },
        who,
      );
    }
    expectProblem(await decide(999_999, { agree: true }), { status: 404, code: 'target_date_request.not_found' });
    expectProblem(await decide(request.id, {}), { status: 400, code: 'validation.failed', path: 'agree' });
  });

  it('will not agree a new date for an action closed meanwhile, but may refuse it', async () => {
    const request = await asked();
    await writeTransaction(world.db, (tx) => execute(tx, sql`update actions set status = 'withdrawn', withdrawn_reason = 'Superseded' where id = ${plan.action.id}`));
    await expectRefused(
      world,
      { method: 'POST', url: `/api/target-date-requests/${request.id}/decision`, payload: { agree: true }, as: chair } as never,
      { status: 422, code: 'target_date_request.action_closed', path: 'agree' },
    );
    const refused = await decide(request.id, { agree: false, note: 'The action was withdrawn' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json<TargetDateDecisionResult>().action).toMatchObject({ status: 'withdrawn', targetDate: '2026-06-30' });
  });

  it('will not agree a date that passed while the request waited', async () => {
    const request = await asked({ targetDate: '2026-03-20', reason });
    await world.setNow(new Date('2026-03-23T10:00:00.000Z'));
    await expectRefused(
      world,
      { method: 'POST', url: `/api/target-date-requests/${request.id}/decision`, payload: { agree: true }, as: chair } as never,
      { status: 422, code: 'target_date_request.date_in_past', path: 'agree' },
    );
  });

  it('leaves a request pending when an admin revises the date directly, for its decider to settle', async () => {
    const request = await asked();
    const patched = await world.request({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version: 1, targetDate: '2026-07-31', targetDateReason: 'Agreed by email' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Action>().pendingTargetDateRequest).toMatchObject({ id: request.id });
    const agreed = (await decide(request.id, { agree: true })).json<TargetDateDecisionResult>();
    expect(agreed.action.targetDateHistory.map((entry) => [entry.from, entry.targetDate])).toEqual([
      [null, '2026-06-30'],
      ['2026-06-30', '2026-07-31'],
      ['2026-07-31', '2026-09-30'],
    ]);
  });
});

describe('GET /api/actions/:id/target-date-requests', () => {
  it("lists an action's requests newest first, whatever was decided, one page at a time", async () => {
    const ids: number[] = [];
    for (let day = 10; day < 15; day++) {
      await world.setNow(new Date(`2026-03-${day}T10:00:00.000Z`));
      const request = await asked({ targetDate: `2026-09-${day}`, reason });
      ids.push(request.id);
      expect((await decide(request.id, { agree: false })).statusCode).toBe(200);
    }
    const other = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, targetDate: '2026-06-30' });
    await asked(undefined, other.id);
    const { items, pages } = await walkPages<TargetDateRequest>(world, `/api/actions/${plan.action.id}/target-date-requests`, 2);
    expect(items.map((r) => r.id)).toEqual([...ids].reverse());
    expect(items.every((r) => r.state === 'refused')).toBe(true);
    expect(pages).toBe(3);
    const asViewer = await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/target-date-requests`, as: await world.signIn(['viewer']) });
    expect(asViewer.statusCode).toBe(200);
    expectProblem(await world.request({ method: 'GET', url: '/api/actions/999999/target-date-requests' }), { status: 404, code: 'action.not_found' });
    expectProblem(await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/target-date-requests?cursor=nope` }), { status: 400, code: 'validation.failed' });
  });
});
