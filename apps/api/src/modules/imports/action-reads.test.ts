import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@lrt/contracts';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';

/**
 * Every write (an import's rows above all) reads its action in one prepared statement; pages of actions are read
 * in a few queries for the whole page. The two must show an action the same way, whatever it has been through.
 */

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

async function ok<T>(request: Parameters<TestWorld['request']>[0], status = 200): Promise<T> {
  const response = await world.request(request);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

describe('an action read alone and read in a page', () => {
  it('agree on its links, latest word, target-date history, pending request and who proposed its completion', async () => {
    const subgroup = await factories.subgroup(world.db);
    const police = await factories.agency(world.db, { kind: 'police' });
    const health = await factories.agency(world.db, { kind: 'health' });
    const education = await factories.agency(world.db, { kind: 'education' });
    const [t1, t2] = [await factories.theme(world.db), await factories.theme(world.db)];
    const review = await factories.review(world.db, { subgroupId: subgroup.id });
    const create = (payload: Record<string, unknown>) => ok<Action>({ method: 'POST', url: '/api/actions', payload: { reviewId: review.id, ...payload } }, 201);
    const lead = await world.signIn(['agency_lead'], { agencyIds: [health.id], name: 'Health Lead' });

    // Partners and themes given out of order; two revisions of the date; a request still pending.
    const shared = await create({
      kind: 'multi_agency',
      ownerAgencyId: health.id,
      partnerAgencyIds: [education.id, police.id],
      learningNeed: 'Hearing the child',
      action: 'Audit twenty records',
      targetDate: '2026-06-30',
      themeIds: [t2!.id, t1!.id],
    });
    let version = shared.version;
    for (const [targetDate, targetDateReason] of [
      ['2026-09-30', 'Audit team on leave'],
      ['2026-11-30', 'Sample doubled'],
    ]) {
      version = (await ok<Action>({ method: 'PATCH', url: `/api/actions/${shared.id}`, payload: { version, targetDate, targetDateReason } })).version;
    }
    await ok({ method: 'POST', url: `/api/actions/${shared.id}/updates`, payload: { note: 'Ten records read', confidence: 'at_risk', statusChange: { to: 'in_progress' } } }, 201);
    await ok({ method: 'POST', url: `/api/actions/${shared.id}/updates`, payload: { kind: 'comment', note: 'The chair asks for the findings in May' } }, 201);
    await ok({ method: 'POST', url: `/api/actions/${shared.id}/target-date-requests`, payload: { targetDate: '2027-01-31', reason: 'The audit tool changed' }, as: lead }, 201);

    // Proposed as completed by the business unit: the sign-off must know who proposed it, for nobody signs off their own.
    const done = await create({ ownerAgencyId: health.id, learningNeed: 'Genograms', action: 'Deliver genogram training', targetDate: '2026-05-31' });
    await ok({
      method: 'POST',
      url: `/api/actions/${done.id}/updates`,
      payload: { note: 'Training delivered to all teams', confidence: 'on_track', statusChange: { to: 'completed' }, evidence: [{ label: 'Register', url: 'https://intranet.example/register.pdf' }] },
    }, 201);
    const untouched = await create({ ownerAgencyId: police.id, learningNeed: 'Custody', action: 'Brief custody staff' });

    for (const caller of [world.admin, lead]) {
      const page = (await ok<{ items: Action[] }>({ method: 'GET', url: `/api/actions?reviewId=${review.id}&sort=ref`, as: caller })).items;
      expect(page).toHaveLength(3);
      for (const listed of page) expect(await ok<Action>({ method: 'GET', url: `/api/actions/${listed.id}`, as: caller })).toEqual(listed);
    }

    const alone = await ok<Action>({ method: 'GET', url: `/api/actions/${shared.id}` });
    expect(alone).toMatchObject({ partnerAgencyIds: [police.id, education.id].sort((a, b) => a - b), themeIds: [t1!.id, t2!.id].sort((a, b) => a - b), latestUpdate: { note: 'Ten records read' } });
    expect(alone.targetDateHistory.map((entry) => [entry.from, entry.targetDate, entry.reason])).toEqual([
      [null, '2026-06-30', null],
      ['2026-06-30', '2026-09-30', 'Audit team on leave'],
      ['2026-09-30', '2026-11-30', 'Sample doubled'],
    ]);
    expect(alone.pendingTargetDateRequest).toMatchObject({ requestedTargetDate: '2027-01-31', requestedBy: 'Health Lead' });
    const proposed = await ok<Action>({ method: 'GET', url: `/api/actions/${done.id}` });
    expect(proposed.permissions).toMatchObject({ proposedCompletion: true, canDecideAssurance: false });
    expect(await ok<Action>({ method: 'GET', url: `/api/actions/${untouched.id}` })).toMatchObject({ partnerAgencyIds: [], themeIds: [], latestUpdate: null, pendingTargetDateRequest: null });
  });
});
