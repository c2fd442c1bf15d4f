import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ProgressUpdate } from '@lrt/contracts';
import { createTestWorld, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: ReturnType<typeof seedSmallPlan>;
/** The police safeguarding lead, whose agency owns the plan's action. */
let lead: Caller;
beforeEach(async () => {
  world = await createTestWorld();
  plan = seedSmallPlan(world.db);
  lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id], name: 'DI Shah' });
});
afterEach(() => world.close());

const evidence = [{ label: 'Audit of 30 case files', url: 'https://intranet.example/audits/30' }];
/** Posts as the business unit, which may make any move the workflow allows (roles are tested in the matrix). */
const postUpdate = (payload: Record<string, unknown>, actionId = plan.action.id, as?: Caller) =>
  world.request({
    method: 'POST',
    url: `/api/actions/${actionId}/updates`,
    payload: { note: 'Briefings delivered to 3 of 5 teams', confidence: 'on_track', ...payload },
    ...(as ? { as } : {}),
  });
const getAction = async () => (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}` })).json<Action>();
const moveTo = (to: string, extra: Record<string, unknown> = {}) => postUpdate({ statusChange: { to }, ...extra });

async function expectRefused(send: () => Promise<{ statusCode: number; json: () => any }>, status: number, code: string, path: string) {
  const before = world.snapshot();
  const response = await send();
  expect(response.statusCode).toBe(status);
  expect(response.json().code).toBe(code);
  expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(world.snapshot()).toBe(before);
}

describe('POST /api/actions/:id/updates', () => {
  it('records a dated note by its author and their agency, and moves the action on, in one step', async () => {
    const response = await postUpdate({ statusChange: { to: 'in_progress' }, evidence }, plan.action.id, lead);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      actionId: plan.action.id,
      authorName: 'DI Shah',
      agencyId: plan.police.id,
      createdAt: TEST_NOW.toISOString(),
      confidence: 'on_track',
      statusChange: { from: 'not_started', to: 'in_progress' },
      evidence,
    });
    expect(await getAction()).toMatchObject({
      status: 'in_progress',
      lastUpdateAt: TEST_NOW.toISOString(),
      latestConfidence: 'on_track',
      version: 2,
      brag: 'green',
    });
  });

  it('turns the action amber or red with what its author says', async () => {
    await postUpdate({ confidence: 'at_risk' });
    expect(await getAction()).toMatchObject({ brag: 'amber', bragReason: 'Latest update says at risk', status: 'not_started' });
    await postUpdate({ confidence: 'off_track' });
    expect((await getAction()).brag).toBe('red');
  });

  it('clears stale when an update arrives', async () => {
    world.setNow(new Date('2026-06-01T10:00:00.000Z'));
    expect(await getAction()).toMatchObject({ stale: true, brag: 'amber' });
    await postUpdate({});
    expect(await getAction()).toMatchObject({ stale: false, brag: 'green' });
  });

  it('takes an action through completion to assurance, keeping the evidence of impact', async () => {
    await moveTo('in_progress');
    expect((await moveTo('completed', { evidence })).statusCode).toBe(201);
    expect(await getAction()).toMatchObject({ status: 'completed', brag: 'green', bragReason: 'Completed, awaiting assurance' });
    const assured = await moveTo('assured', { evidenceOfImpact: 'Re-audit in May: 27 of 30 records show the child was seen alone' });
    expect(assured.json()).toMatchObject({ evidenceOfImpact: 'Re-audit in May: 27 of 30 records show the child was seen alone' });
    expect(await getAction()).toMatchObject({
      status: 'assured',
      brag: 'blue',
      evidenceOfImpact: 'Re-audit in May: 27 of 30 records show the child was seen alone',
    });
  });

  it('lets a completed action be returned for more information', async () => {
    await moveTo('completed', { evidence });
    await moveTo('in_progress', { note: 'Returned: the audit covered one team only' });
    expect((await getAction()).status).toBe('in_progress');
  });

  it('withdraws an action with its reason', async () => {
    await moveTo('withdrawn', { reason: 'Superseded by the multi-agency action on chronologies' });
    expect(await getAction()).toMatchObject({ status: 'withdrawn', brag: null, withdrawnReason: 'Superseded by the multi-agency action on chronologies' });
  });

  it('refuses a jump the workflow does not allow, and changes nothing', async () => {
    await expectRefused(() => moveTo('assured', { evidenceOfImpact: 'It worked' }), 422, 'action.transition_not_allowed', 'statusChange.to');
    await moveTo('withdrawn', { reason: 'Duplicate' });
    await expectRefused(() => moveTo('in_progress'), 422, 'action.transition_not_allowed', 'statusChange.to');
  });

  it('refuses completion without evidence, assurance without evidence of impact, withdrawal without a reason', async () => {
    await expectRefused(() => moveTo('completed'), 422, 'action.evidence_required', 'evidence');
    await expectRefused(() => moveTo('withdrawn', { reason: ' ' }), 422, 'action.reason_required', 'reason');
    await moveTo('completed', { evidence });
    await expectRefused(() => moveTo('assured'), 422, 'action.evidence_of_impact_required', 'evidenceOfImpact');
  });

  it('accepts an update for a partner agency of a shared action, not for others', async () => {
    const outsider = (await world.request({ method: 'POST', url: '/api/agencies', payload: { name: 'Northmoor Ambulance', shortName: 'NAS', kind: 'health' } })).json();
    await expectRefused(() => postUpdate({ agencyId: outsider.id }), 422, 'progress_update.agency_not_on_action', 'agencyId');
    await world.request({
      method: 'PATCH',
      url: `/api/actions/${plan.action.id}`,
      payload: { version: 1, kind: 'multi_agency', partnerAgencyIds: [outsider.id] },
    });
    const created = await postUpdate({ agencyId: outsider.id });
    expect(created.statusCode).toBe(201);
    expect(created.json().agencyId).toBe(outsider.id);
    const ambulanceLead = await world.signIn(['agency_lead'], { agencyIds: [outsider.id] });
    expect((await postUpdate({}, plan.action.id, ambulanceLead)).json().agencyId).toBe(outsider.id);
  });

  it('refuses a change made on a stale view of the action', async () => {
    await postUpdate({});
    const before = world.snapshot();
    const response = await moveTo('in_progress', { actionVersion: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'action.version_conflict', current: { version: 2 } });
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['no note', { note: undefined }, 'note'],
    ['an empty note', { note: '' }, 'note'],
    ['a note over 10,000 characters', { note: 'x'.repeat(10001) }, 'note'],
    ['a confidence that does not exist', { confidence: 'fine' }, 'confidence'],
    ['a status that does not exist', { statusChange: { to: 'done' } }, 'statusChange.to'],
    ['evidence that is not a web address', { evidence: [{ label: 'Minutes', url: 'javascript:alert(1)' }] }, 'evidence.0.url'],
    ['evidence without a label', { evidence: [{ label: '', url: 'https://example.org' }] }, 'evidence.0.label'],
    ['more than 20 pieces of evidence', { evidence: Array.from({ length: 21 }, () => evidence[0]) }, 'evidence'],
    ['an unknown field', { createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
    ['an agency id that is text', { agencyId: 'police' }, 'agencyId'],
  ])('refuses %s with 400', async (_what, payload, path) => {
    await expectRefused(() => postUpdate(payload), 400, 'validation.failed', path);
  });

  it('answers 404 for an action that does not exist', async () => {
    const response = await postUpdate({}, 999);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('action.not_found');
  });
});

describe('progress updates are the history', () => {
  it('lists them newest first, a page at a time', async () => {
    for (let i = 1; i <= 5; i++) {
      world.setNow(new Date(TEST_NOW.getTime() + i * 60_000));
      await postUpdate({ note: `Update ${i}` });
    }
    const first = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates?limit=2` })).json<{ items: ProgressUpdate[]; nextCursor: string }>();
    expect(first.items.map((u) => u.note)).toEqual(['Update 5', 'Update 4']);
    const rest = (
      await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates?limit=10&cursor=${encodeURIComponent(first.nextCursor)}` })
    ).json<{ items: ProgressUpdate[]; nextCursor: null }>();
    expect(rest.items.map((u) => u.note)).toEqual(['Update 3', 'Update 2', 'Update 1']);
    expect(rest.nextCursor).toBeNull();
  });

  it('never sorts a new update before an earlier one, even if the clock steps back', async () => {
    await postUpdate({ note: 'First' });
    world.setNow(new Date(TEST_NOW.getTime() - 3_600_000));
    await postUpdate({ note: 'Second' });
    const items = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(items.map((u) => u.note)).toEqual(['Second', 'First']);
  });

  it('cannot be edited or deleted, even directly in the database', async () => {
    await postUpdate({ note: 'What was done' });
    expect(() => world.db.$client.prepare("update progress_updates set note = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => world.db.$client.prepare('delete from progress_updates').run()).toThrow(/append-only/);
  });

  it('answers 404 for the history of an action that does not exist', async () => {
    expect((await world.request({ method: 'GET', url: '/api/actions/999/updates' })).statusCode).toBe(404);
  });
});
