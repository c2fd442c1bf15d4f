import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ProgressUpdate } from '@lrt/contracts';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
let lead: Caller;
let chair: Caller;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
  lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id], name: 'DI Shah' });
  chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Okafor' });
});
afterEach(() => world.close());

const evidence = [{ label: 'Audit of 30 case files', url: 'https://intranet.example/audits/30' }];
const getAction = async (id = plan.action.id) => (await world.request({ method: 'GET', url: `/api/actions/${id}` })).json<Action>();
const updates = async () => (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
const post = (payload: Record<string, unknown>, as: Caller = lead) =>
  world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'Briefings done', confidence: 'on_track', ...payload }, as });
const decide = (payload: Record<string, unknown>, as: Caller = chair) =>
  world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/assurance`, payload, as });
const proposeCompletion = () => post({ statusChange: { from: 'not_started', to: 'completed' }, evidence, confidence: 'on_track' });

async function expectRefused(send: () => Promise<{ statusCode: number; json: () => any }>, status: number, code: string, path?: string) {
  const before = await world.snapshot();
  const response = await send();
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json().code).toBe(code);
  if (path) expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(await world.snapshot()).toBe(before);
}

describe('signing off a completed action', () => {
  it('assures it with the evidence of impact and who decided, without a confidence of its own', async () => {
    expect((await proposeCompletion()).statusCode).toBe(201);
    const response = await decide({ decision: 'assure', evidenceOfImpact: 'Re-audit of 20 cases: the child was seen alone in 19', note: 'Good work' });
    expect(response.statusCode, response.body).toBe(201);
    const { update, action } = response.json<{ update: ProgressUpdate; action: Action }>();
    expect(update).toMatchObject({
      kind: 'assurance',
      authorName: 'Dr Okafor',
      agencyId: null,
      confidence: null,
      note: 'Good work',
      statusChange: { from: 'completed', to: 'assured' },
      evidenceOfImpact: 'Re-audit of 20 cases: the child was seen alone in 19',
    });
    expect(action).toMatchObject({ status: 'assured', brag: 'blue', evidenceOfImpact: 'Re-audit of 20 cases: the child was seen alone in 19' });
    // The agency's own word stays the latest confidence; the decision did not count as its progress.
    expect(action.latestConfidence).toBe('on_track');
    expect(action.lastUpdateAt).toBe(TEST_NOW.toISOString());
  });

  it('returns it with a question: Amber, not overdue and not stale while the agency is within the reply period', async () => {
    await proposeCompletion();
    // Months later the target date (30 June) has passed and the agency has been quiet for longer than the cadence.
    await world.setNow(new Date('2026-07-15T10:00:00.000Z'));
    const response = await decide({ decision: 'return', question: 'Where is the re-audit of case files?' });
    expect(response.statusCode, response.body).toBe(201);
    const { update, action } = response.json<{ update: ProgressUpdate; action: Action }>();
    // The reply period defaults to the partnership's 28 days.
    expect(update).toMatchObject({ kind: 'return', confidence: null, question: 'Where is the re-audit of case files?', replyBy: '2026-08-12' });
    expect(action).toMatchObject({
      status: 'in_progress',
      returned: { on: '2026-07-15T10:00:00.000Z', question: 'Where is the re-audit of case files?', replyBy: '2026-08-12' },
      brag: 'amber',
      bragReason: 'Returned for more information on 2026-07-15; answer due by 2026-08-12',
      overdue: false,
      stale: false,
    });
    const listed = await world.request({ method: 'GET', url: '/api/actions?brag=amber&overdue=false&stale=false' });
    expect(listed.json().items.map((a: Action) => a.id)).toContain(plan.action.id);

    // Past the reply-by day with no answer, it is Red, and overdue again.
    await world.setNow(new Date('2026-08-13T10:00:00.000Z'));
    expect(await getAction()).toMatchObject({
      brag: 'red',
      bragReason: 'Returned for more information on 2026-07-15; no answer by 2026-08-12',
      overdue: true,
    });
  });

  it('is found by the returned filter until the agency answers', async () => {
    await proposeCompletion();
    await decide({ decision: 'return', question: 'Where is it?' });
    const ids = async (query: string) => (await world.request({ method: 'GET', url: `/api/actions?${query}` })).json().items.map((a: Action) => a.id);
    expect(await ids('returned=true')).toEqual([plan.action.id]);
    expect(await ids('returned=false')).not.toContain(plan.action.id);
    await post({ note: 'Here it is', confidence: 'on_track' });
    expect(await ids('returned=true')).toEqual([]);
  });

  it('keeps the target date rule once the answer is late', async () => {
    await proposeCompletion();
    await world.setNow(new Date('2026-06-20T10:00:00.000Z'));
    await decide({ decision: 'return', question: 'More please', replyBy: '2026-07-10' });
    await world.setNow(new Date('2026-07-11T10:00:00.000Z'));
    // Target 2026-06-30 has passed and the answer is late: overdue and Red.
    expect(await getAction()).toMatchObject({ overdue: true, brag: 'red' });
    const overdue = await world.request({ method: 'GET', url: '/api/actions?overdue=true' });
    expect(overdue.json().items.map((a: Action) => a.id)).toContain(plan.action.id);
  });

  it("takes the agency's answer, which can propose completion again, and the chair then assures it", async () => {
    await proposeCompletion();
    await decide({ decision: 'return', question: 'Show us the re-audit', replyBy: '2026-03-20' });
    const answer = await post({ note: 'Re-audit attached', statusChange: { from: 'in_progress', to: 'completed' }, evidence });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(await getAction()).toMatchObject({ status: 'completed', returned: null, brag: 'green' });
    const assured = await decide({ decision: 'assure', evidenceOfImpact: 'Re-audit shows the change' });
    expect(assured.statusCode).toBe(201);
    expect((await updates()).map((u) => u.kind)).toEqual(['assurance', 'progress', 'return', 'progress']);
  });

  it('ends the return with any progress note of the agency, even one that does not propose completion', async () => {
    await proposeCompletion();
    await decide({ decision: 'return', question: 'Where is it?' });
    await post({ note: 'The re-audit is booked for May', confidence: 'at_risk' });
    expect(await getAction()).toMatchObject({ status: 'in_progress', returned: null, brag: 'amber', bragReason: 'Latest update says at risk' });
  });

  it('records a return through a progress update as a decision too, with the note as its question', async () => {
    await proposeCompletion();
    const response = await post({ note: 'Evidence of re-audit needed', statusChange: { from: 'completed', to: 'in_progress' } }, chair);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ kind: 'return', confidence: null, question: 'Evidence of re-audit needed', replyBy: '2026-03-30' });
    expect((await getAction()).returned).toMatchObject({ question: 'Evidence of re-audit needed' });
  });

  it('refuses a decision on an action that is not completed, and changes nothing', async () => {
    await expectRefused(() => decide({ decision: 'assure', evidenceOfImpact: 'x' }), 422, 'action.transition_not_allowed', 'decision');
  });

  it('refuses a reply-by day in the past, a missing question or evidence of impact', async () => {
    await proposeCompletion();
    await expectRefused(() => decide({ decision: 'return', question: 'More', replyBy: '2026-03-01' }), 422, 'validation.failed', 'replyBy');
    await expectRefused(() => decide({ decision: 'return', question: '   ' }), 400, 'validation.failed', 'question');
    await expectRefused(() => decide({ decision: 'assure', evidenceOfImpact: '' }), 400, 'validation.failed', 'evidenceOfImpact');
  });

  it('lets only the business unit and the chair of the overseeing subgroup decide', async () => {
    await proposeCompletion();
    const otherChair = await world.signIn(['subgroup_chair'], { subgroupIds: [(await factories.subgroup(world.db)).id] });
    await expectRefused(() => decide({ decision: 'assure', evidenceOfImpact: 'x' }, lead), 403, 'auth.forbidden');
    await expectRefused(() => decide({ decision: 'assure', evidenceOfImpact: 'x' }, otherChair), 403, 'auth.forbidden');
    expect((await decide({ decision: 'assure', evidenceOfImpact: 'Audit' }, world.admin)).statusCode).toBe(201);
  });

  it('refuses a decision on a version the decider did not see', async () => {
    await proposeCompletion();
    const seen = await getAction();
    await post({ note: 'One more document', confidence: 'on_track', evidence }, world.admin);
    const before = await world.snapshot();
    const response = await decide({ decision: 'assure', evidenceOfImpact: 'Audit', actionVersion: seen.version });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'action.version_conflict', current: { id: plan.action.id, status: 'completed' } });
    expect(await world.snapshot()).toBe(before);
  });
});

describe('nobody signs off a completion they proposed', () => {
  const assure = { decision: 'assure', evidenceOfImpact: 'Re-audit of 20 cases: the child was seen alone in 19' };

  async function expectOwnProposal(send: () => Promise<{ statusCode: number; json: () => any }>) {
    const before = await world.snapshot();
    const response = await send();
    expect(response.statusCode, JSON.stringify(response.json())).toBe(403);
    expect(response.json()).toMatchObject({ code: 'action.own_proposal', detail: expect.stringMatching(/someone else must sign it off/) });
    expect(await world.snapshot()).toBe(before);
  }

  it('refuses a chair who proposed it as a lead of its agency, by either route, to assure or return it; another chair may', async () => {
    const chairAndLead = await world.signIn(['subgroup_chair', 'agency_lead'], { subgroupIds: [plan.subgroup.id], agencyIds: [plan.police.id] });
    await post({ statusChange: { to: 'completed' }, evidence }, chairAndLead);
    const seen = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}`, as: chairAndLead })).json<Action>();
    expect(seen.permissions).toMatchObject({ canDecideAssurance: false, proposedCompletion: true });
    await expectOwnProposal(() => decide(assure, chairAndLead));
    await expectOwnProposal(() => decide({ decision: 'return', question: 'Mine?' }, chairAndLead));
    await expectOwnProposal(() => post({ note: 'Assured', statusChange: { to: 'assured' }, evidenceOfImpact: assure.evidenceOfImpact }, chairAndLead));
    await expectOwnProposal(() => post({ note: 'Returned', statusChange: { to: 'in_progress' } }, chairAndLead));
    expect((await getAction()).permissions).toMatchObject({ canDecideAssurance: true, proposedCompletion: false });
    // Another chair returns it; once someone else proposes it again, the first proposer may decide.
    expect((await decide({ decision: 'return', question: 'Where is the re-audit?' }, chair)).statusCode).toBe(201);
    await post({ note: 'Re-audit attached', statusChange: { to: 'completed' }, evidence }, lead);
    expect((await decide(assure, chairAndLead)).statusCode).toBe(201);
  });

  it('refuses the business unit too, when it proposed the completion on the agency’s behalf', async () => {
    await post({ statusChange: { to: 'completed' }, evidence }, world.admin);
    await expectOwnProposal(() => decide(assure, world.admin));
    await expectOwnProposal(() => post({ note: 'Assured', statusChange: { to: 'assured' }, evidenceOfImpact: assure.evidenceOfImpact }, world.admin));
    const colleague = await world.signIn(['admin'], { name: 'Another Officer' });
    expect((await decide(assure, colleague)).statusCode).toBe(201);
  });
});

describe('a progress update that names the status it moves from', () => {
  it('is refused with 409 and the current action if the action has moved on', async () => {
    await proposeCompletion();
    const before = await world.snapshot();
    const response = await post({ note: 'Started', statusChange: { from: 'not_started', to: 'in_progress' } });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'action.version_conflict', current: { status: 'completed' } });
    expect(await world.snapshot()).toBe(before);
  });

  it('needs a confidence when it is an agency’s progress note', async () => {
    await expectRefused(() => post({ confidence: undefined }), 422, 'progress_update.confidence_required', 'confidence');
  });
});
