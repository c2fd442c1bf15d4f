import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ProgressUpdate } from '@lrt/contracts';
import { rawRows, rawRun } from '@lrt/db';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
/** The police safeguarding lead, whose agency owns the plan's action. */
let lead: Caller;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
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
  const before = await world.snapshot();
  const response = await send();
  expect(response.statusCode).toBe(status);
  expect(response.json().code).toBe(code);
  expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(await world.snapshot()).toBe(before);
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
    await world.setNow(new Date('2026-06-01T10:00:00.000Z'));
    expect(await getAction()).toMatchObject({ stale: true, brag: 'amber' });
    await postUpdate({});
    expect(await getAction()).toMatchObject({ stale: false, brag: 'green' });
  });

  it('takes an action through completion to assurance, keeping the evidence of impact', async () => {
    await moveTo('in_progress');
    // The agency proposes completion; the business unit, which did not propose it, signs it off.
    expect((await postUpdate({ statusChange: { to: 'completed' }, evidence }, plan.action.id, lead)).statusCode).toBe(201);
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
    await postUpdate({ statusChange: { to: 'completed' }, evidence }, plan.action.id, lead);
    await moveTo('in_progress', { note: 'Returned: the audit covered one team only' });
    expect((await getAction()).status).toBe('in_progress');
  });

  it('withdraws an action with its reason', async () => {
    await moveTo('withdrawn', { reason: 'Superseded by the multi-agency action on chronologies' });
    expect(await getAction()).toMatchObject({ status: 'withdrawn', brag: null, withdrawnReason: 'Superseded by the multi-agency action on chronologies' });
  });

  it('refuses a jump the workflow does not allow, and changes nothing', async () => {
    await expectRefused(() => moveTo('assured', { evidenceOfImpact: 'It worked' }), 422, 'action.transition_not_allowed', 'statusChange.to');
    await moveTo('in_progress');
    await expectRefused(() => moveTo('not_started'), 422, 'action.transition_not_allowed', 'statusChange.to');
  });

  it('refuses completion without evidence, assurance without evidence of impact, withdrawal without a reason', async () => {
    await expectRefused(() => moveTo('completed'), 422, 'action.evidence_required', 'evidence');
    await expectRefused(() => moveTo('withdrawn', { reason: ' ' }), 422, 'action.reason_required', 'reason');
    await postUpdate({ statusChange: { to: 'completed' }, evidence }, plan.action.id, lead);
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
    const before = await world.snapshot();
    const response = await moveTo('in_progress', { actionVersion: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'action.version_conflict', current: { version: 2 } });
    expect(await world.snapshot()).toBe(before);
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

/** What an agency's form and a chair's screen read from the action, to show nothing moved. */
const progressFacts = (action: Action) => ({
  status: action.status,
  brag: action.brag,
  bragReason: action.bragReason,
  stale: action.stale,
  overdue: action.overdue,
  lastUpdateAt: action.lastUpdateAt,
  latestConfidence: action.latestConfidence,
  latestUpdate: action.latestUpdate,
  returned: action.returned,
  version: action.version,
  updatedAt: action.updatedAt,
});

describe("a subgroup chair's comment", () => {
  let chair: Caller;
  beforeEach(async () => {
    chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Okafor' });
  });
  const comment = (payload: Record<string, unknown> = {}, as: Caller = chair) =>
    world.request({
      method: 'POST',
      url: `/api/actions/${plan.action.id}/updates`,
      payload: { kind: 'comment', note: 'The subgroup asks for the re-audit figures at its next meeting', ...payload },
      as,
    });

  it("is kept in the history as the chair's, and is not the agency's progress: the action stays exactly as it was", async () => {
    await postUpdate({ note: 'Audit booked for April', confidence: 'at_risk' }, plan.action.id, lead);
    // Weeks later, with the agency quiet past the cadence, the chair remarks on it.
    await world.setNow(new Date('2026-06-01T10:00:00.000Z'));
    const before = progressFacts(await getAction());
    expect(before).toMatchObject({ stale: true, latestConfidence: 'at_risk' });

    const response = await comment();
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'comment',
      postedAs: 'subgroup_chair',
      authorName: 'Dr Okafor',
      agencyId: null,
      confidence: null,
      statusChange: null,
      evidence: [],
      note: 'The subgroup asks for the re-audit figures at its next meeting',
    });
    // No new BRAG, no restarted staleness clock, no new latest word, no new version.
    expect(progressFacts(await getAction())).toEqual(before);
    const history = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(history.map((u) => [u.kind, u.postedAs])).toEqual([
      ['comment', 'subgroup_chair'],
      ['progress', 'agency'],
    ]);
  });

  it('is in the audit trail, with who wrote it', async () => {
    const posted = (await comment()).json<ProgressUpdate>();
    const trail = await rawRows<{ actor_name: string; operation: string; after: string }>(
      world.db,
      "select actor_name, operation, after from audit_events where entity = 'action' and entity_id = ? order by id",
      [plan.action.id],
    );
    expect(trail.at(-1)).toMatchObject({ actor_name: 'Dr Okafor', operation: 'progress_update' });
    expect(JSON.parse(trail.at(-1)!.after)).toMatchObject({ progressUpdateId: posted.id, kind: 'comment', postedAs: 'subgroup_chair' });
  });

  it("does not answer a return for more information: only the agency's note does", async () => {
    await postUpdate({ statusChange: { to: 'completed' }, evidence }, plan.action.id, lead);
    await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/assurance`, payload: { decision: 'return', question: 'Where is the re-audit?' }, as: chair });
    expect((await comment({ note: 'Reminder: the answer is due before the next meeting' })).statusCode).toBe(201);
    expect((await getAction()).returned).toMatchObject({ question: 'Where is the re-audit?' });
    await postUpdate({ note: 'Re-audit attached' }, plan.action.id, lead);
    expect((await getAction()).returned).toBeNull();
  });

  it("does not refuse the agency's form opened before it, as a change of the action would", async () => {
    const seen = await getAction();
    expect((await comment()).statusCode).toBe(201);
    const response = await postUpdate({ actionVersion: seen.version, statusChange: { from: seen.status, to: 'in_progress' } }, plan.action.id, lead);
    expect(response.statusCode, response.body).toBe(201);
  });

  it("stays out of the action's latest word, in the list of actions and on the action", async () => {
    await postUpdate({ note: 'Second briefing held' }, plan.action.id, lead);
    await world.setNow(new Date(TEST_NOW.getTime() + 60_000));
    expect((await comment({ note: 'Chair: please bring the attendance figures' })).statusCode).toBe(201);
    const listed = (await world.request({ method: 'GET', url: '/api/actions' })).json<{ items: Action[] }>().items[0];
    expect(listed?.latestUpdate).toMatchObject({ note: 'Second briefing held', authorName: 'DI Shah' });
    expect((await getAction()).latestUpdate).toMatchObject({ note: 'Second briefing held' });
  });

  it('is refused as progress: a chair who is not a lead of one of its agencies may only comment', async () => {
    const before = await world.snapshot();
    const response = await postUpdate({}, plan.action.id, chair);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'auth.forbidden', detail: expect.stringMatching(/comment/) });
    expect(await world.snapshot()).toBe(before);
  });

  it.each([
    ['a confidence', { confidence: 'on_track' }, 'confidence'],
    ['a status change', { statusChange: { to: 'in_progress' } }, 'statusChange'],
    ['evidence of impact', { evidenceOfImpact: 'Re-audit shows it' }, 'evidenceOfImpact'],
    ['an agency', { agencyId: 1 }, 'agencyId'],
    ['evidence', { evidence }, 'evidence'],
    ['a reason', { reason: 'Superseded' }, 'reason'],
  ])('is refused with %s, naming the field', async (_what, payload, path) => {
    await expectRefused(() => comment(payload), 422, 'progress_update.comment_is_a_note_only', path);
  });

  it('may be posted by the business unit, as its own; not by an agency lead or the chair of another subgroup', async () => {
    const response = await comment({}, world.admin);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'comment', postedAs: 'business_unit', agencyId: null });
    const otherChair = await world.signIn(['subgroup_chair'], { subgroupIds: [(await factories.subgroup(world.db)).id] });
    for (const who of [lead, otherChair]) {
      const before = await world.snapshot();
      const refused = await comment({}, who);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('auth.forbidden');
      expect(await world.snapshot()).toBe(before);
    }
  });

  it('never sorts an entry posted after it before it, even if the clock steps back', async () => {
    await comment({ note: 'Comment first' });
    await world.setNow(new Date(TEST_NOW.getTime() - 3_600_000));
    await postUpdate({ note: 'Progress second' }, plan.action.id, lead);
    const items = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(items.map((u) => u.note)).toEqual(['Progress second', 'Comment first']);
  });
});

describe("the business unit posting on an agency's behalf", () => {
  it("speaks for the owner agency when it names none, and counts as that agency's progress", async () => {
    await world.setNow(new Date('2026-06-01T10:00:00.000Z'));
    expect(await getAction()).toMatchObject({ stale: true });
    const response = await postUpdate({ note: 'From DI Shah by email: audit done', confidence: 'at_risk' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'progress', agencyId: plan.police.id, postedAs: 'business_unit', authorName: world.admin.name, confidence: 'at_risk' });
    expect(await getAction()).toMatchObject({
      stale: false,
      lastUpdateAt: '2026-06-01T10:00:00.000Z',
      latestConfidence: 'at_risk',
      brag: 'amber',
      latestUpdate: { note: 'From DI Shah by email: audit done' },
    });
    // As the agency's own note would, it needs a confidence.
    await expectRefused(() => postUpdate({ confidence: undefined }), 422, 'progress_update.confidence_required', 'confidence');
  });

  it("speaks for a partner agency it names, and answers a return for more information as the agency's note", async () => {
    await world.request({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version: 1, kind: 'multi_agency', partnerAgencyIds: [plan.health.id] } });
    await postUpdate({ statusChange: { to: 'completed' }, evidence }, plan.action.id, lead);
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] });
    await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/assurance`, payload: { decision: 'return', question: 'And health?' }, as: chair });
    const response = await postUpdate({ agencyId: plan.health.id, note: 'Health replied by email: 40 staff briefed' });
    expect(response.json()).toMatchObject({ agencyId: plan.health.id, postedAs: 'business_unit' });
    expect((await getAction()).returned).toBeNull();
  });

  it("is told apart from the agency's own note in the history", async () => {
    await postUpdate({ note: 'Own note' }, plan.action.id, lead);
    await postUpdate({ note: 'On its behalf' });
    const items = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(items.map((u) => [u.note, u.agencyId, u.postedAs])).toEqual([
      ['On its behalf', plan.police.id, 'business_unit'],
      ['Own note', plan.police.id, 'agency'],
    ]);
  });
});

describe('an assured or withdrawn action', () => {
  const closedAction = (status: 'assured' | 'withdrawn') =>
    factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      status,
      evidenceOfImpact: status === 'assured' ? 'Re-audit shows the change' : null,
      withdrawnReason: status === 'withdrawn' ? 'Superseded' : null,
    });

  it.each(['assured', 'withdrawn'] as const)('takes no progress, comment or decision once %s, from anyone', async (status) => {
    const action = await closedAction(status);
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] });
    const attempts: [string, Caller, Record<string, unknown>][] = [
      ['the agency lead', lead, { note: 'One more thing', confidence: 'on_track' }],
      ['the business unit', world.admin, { note: 'From the agency by email', confidence: 'on_track' }],
      ['the chair, commenting', chair, { kind: 'comment', note: 'Well done' }],
      ['the business unit, commenting', world.admin, { kind: 'comment', note: 'Noted' }],
    ];
    for (const [who, as, payload] of attempts) {
      const before = await world.snapshot();
      const response = await world.request({ method: 'POST', url: `/api/actions/${action.id}/updates`, payload, as });
      expect(response.statusCode, `${who}: ${response.body}`).toBe(422);
      expect(response.json(), who).toMatchObject({ code: 'action.closed', detail: `This action is ${status}: it takes no more updates.` });
      expect(await world.snapshot(), who).toBe(before);
    }
    const decision = await world.request({
      method: 'POST',
      url: `/api/actions/${action.id}/assurance`,
      payload: { decision: 'return', question: 'Reopen?' },
      as: chair,
    });
    expect(decision.json()).toMatchObject({ code: 'action.closed' });
    // Those who could not post on it anyway are simply not allowed.
    const otherLead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id] });
    const refused = await world.request({ method: 'POST', url: `/api/actions/${action.id}/updates`, payload: { note: 'x', confidence: 'on_track' }, as: otherLead });
    expect(refused.statusCode).toBe(403);
  });

  it('offers nobody a progress form or a comment on it', async () => {
    const action = await closedAction('withdrawn');
    const fetched = (await world.request({ method: 'GET', url: `/api/actions/${action.id}`, as: lead })).json<Action>();
    expect(fetched.permissions).toMatchObject({ canPostUpdate: false, canComment: false, statusChanges: [] });
  });
});

describe('progress updates are the history', () => {
  it('lists them newest first, a page at a time', async () => {
    for (let i = 1; i <= 5; i++) {
      await world.setNow(new Date(TEST_NOW.getTime() + i * 60_000));
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
    await world.setNow(new Date(TEST_NOW.getTime() - 3_600_000));
    await postUpdate({ note: 'Second' });
    const items = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(items.map((u) => u.note)).toEqual(['Second', 'First']);
  });

  it('cannot be edited or deleted, even directly in the database', async () => {
    await postUpdate({ note: 'What was done' });
    await expect(rawRun(world.db, "update progress_updates set note = 'rewritten'")).rejects.toThrow(/append-only/);
    await expect(rawRun(world.db, 'delete from progress_updates')).rejects.toThrow(/append-only/);
  });

  it('answers 404 for the history of an action that does not exist', async () => {
    expect((await world.request({ method: 'GET', url: '/api/actions/999/updates' })).statusCode).toBe(404);
  });
});
