import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ActionSort } from '@lrt/contracts';
import { ACTION_SORTS } from '@lrt/contracts';
import { rawRow, rawRows, rawRun } from '@lrt/db';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
});
afterEach(() => world.close());

const post = (payload: unknown) => world.request({ method: 'POST', url: '/api/actions', payload: payload as object });
const list = (query: string) => world.request({ method: 'GET', url: `/api/actions?${query}` });
const refs = async (query: string) => (await list(query)).json<{ items: Action[] }>().items.map((a) => a.ref).sort();
const newAction = (overrides: Record<string, unknown> = {}) => ({
  reviewId: plan.review.id,
  ownerAgencyId: plan.health.id,
  learningNeed: 'Midwives need to ask about fathers and partners',
  action: 'Add questions about men in the household to the booking appointment',
  ...overrides,
});

/** Expects a refusal that names `path`, and proves the database did not change. */
async function expectRefused(send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => any }>, status: number, code: string, path: string) {
  const before = await world.snapshot();
  const response = await send();
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.json();
  expect(problem.code).toBe(code);
  expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(await world.snapshot()).toBe(before);
}

describe('POST /api/actions', () => {
  it('creates a not-started action with the next ref of its review and the review\'s subgroup', async () => {
    const response = await post(newAction({ targetDate: '2026-09-30', themeIds: [plan.theme.id], successMeasure: 'Audit of 20 bookings' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      ref: 'SD-2025/A2',
      status: 'not_started',
      brag: 'green',
      bragReason: 'Not started, not yet due',
      overdue: false,
      stale: false,
      kind: 'single_agency',
      partnerAgencyIds: [],
      themeIds: [plan.theme.id],
      subgroupId: plan.subgroup.id,
      lastUpdateAt: null,
      version: 1,
    });
  });

  it('takes the subgroup of its recommendation before the review\'s', async () => {
    const other = await factories.subgroup(world.db);
    const recommendation = await factories.recommendation(world.db, { reviewId: plan.review.id, subgroupId: other.id });
    const response = await post(newAction({ recommendationId: recommendation.id }));
    expect(response.json().subgroupId).toBe(other.id);
  });

  it('creates a multi-agency action shared with partner agencies', async () => {
    const response = await post(newAction({ kind: 'multi_agency', partnerAgencyIds: [plan.police.id] }));
    expect(response.statusCode).toBe(201);
    expect(response.json().partnerAgencyIds).toEqual([plan.police.id]);
  });

  it('refuses a multi-agency action with no partner, and a single-agency one with partners', async () => {
    await expectRefused(() => post(newAction({ kind: 'multi_agency' })), 422, 'action.invalid', 'partnerAgencyIds');
    await expectRefused(() => post(newAction({ partnerAgencyIds: [plan.police.id] })), 422, 'action.invalid', 'partnerAgencyIds');
    await expectRefused(
      () => post(newAction({ kind: 'multi_agency', partnerAgencyIds: [plan.health.id] })),
      422,
      'action.invalid',
      'partnerAgencyIds',
    );
  });

  it('refuses ids of things that do not exist, naming the field', async () => {
    await expectRefused(() => post(newAction({ reviewId: 999 })), 422, 'validation.unknown_reference', 'reviewId');
    await expectRefused(() => post(newAction({ ownerAgencyId: 999 })), 422, 'validation.unknown_reference', 'ownerAgencyId');
    await expectRefused(() => post(newAction({ themeIds: [plan.theme.id, 999] })), 422, 'validation.unknown_reference', 'themeIds');
    await expectRefused(() => post(newAction({ subgroupId: 999 })), 422, 'validation.unknown_reference', 'subgroupId');
    await expectRefused(() => post(newAction({ recommendationId: 999 })), 422, 'action.invalid', 'recommendationId');
  });

  it("refuses a recommendation of another review", async () => {
    const otherReview = await factories.review(world.db);
    const foreign = await factories.recommendation(world.db, { reviewId: otherReview.id });
    await expectRefused(() => post(newAction({ recommendationId: foreign.id })), 422, 'action.invalid', 'recommendationId');
  });

  it('refuses to give new work to an agency that has left the partnership', async () => {
    const gone = await factories.agency(world.db, { active: false });
    await expectRefused(() => post(newAction({ ownerAgencyId: gone.id })), 422, 'action.invalid', 'ownerAgencyId');
  });

  it('refuses a ref already in use, whatever its case', async () => {
    await expectRefused(() => post(newAction({ ref: plan.action.ref.toLowerCase() })), 409, 'action.ref_taken', 'ref');
  });

  it.each([
    ['a missing learning need', { learningNeed: undefined }, 'learningNeed'],
    ['an empty action', { action: '   ' }, 'action'],
    ['a date that does not exist', { targetDate: '2026-02-30' }, 'targetDate'],
    ['a date in another format', { targetDate: '30/06/2026' }, 'targetDate'],
    ['a kind that does not exist', { kind: 'joint' }, 'kind'],
    ['an id that is text', { ownerAgencyId: 'police' }, 'ownerAgencyId'],
    ['text over the limit', { successMeasure: 'x'.repeat(5001) }, 'successMeasure'],
    ['a status (it changes only through updates)', { status: 'completed' }, 'status'],
    ['a ref with odd characters', { ref: 'A<script>' }, 'ref'],
  ])('refuses %s with 400', async (_what, overrides, path) => {
    await expectRefused(() => post(newAction(overrides)), 400, 'validation.failed', path);
  });
});

describe('GET /api/actions/:id', () => {
  it('answers 404 for an action that does not exist', async () => {
    const response = await world.request({ method: 'GET', url: '/api/actions/999' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'action.not_found', status: 404 });
  });
});

describe('PATCH /api/actions/:id', () => {
  const patch = (payload: object) => world.request({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload });

  it('changes the fields given and moves the version on', async () => {
    const response = await patch({ version: 1, targetDate: '2026-12-31', themeIds: [plan.theme.id], targetDateReason: 'Waiting for the training provider' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ targetDate: '2026-12-31', themeIds: [plan.theme.id], version: 2, action: plan.action.action });
  });

  it('refuses a stale version with 409 and the action as it now is, changing nothing', async () => {
    await patch({ version: 1, targetDate: '2026-12-31', targetDateReason: 'Waiting for the training provider' });
    const before = await world.snapshot();
    const response = await patch({ version: 1, targetDate: '2027-01-31', targetDateReason: 'Waiting for the training provider' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'action.version_conflict', current: { targetDate: '2026-12-31', version: 2 } });
    expect(await world.snapshot()).toBe(before);
  });

  it('answers a stale version with 409 before judging the rest of the change', async () => {
    await patch({ version: 1, targetDate: '2026-12-31', targetDateReason: 'Waiting for the training provider' });
    const response = await patch({ version: 1, ownerAgencyId: 999 });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('action.version_conflict');
  });

  it('keeps the version, and writes no history, when a change changes nothing', async () => {
    const before = await world.snapshot();
    const response = await patch({ version: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBe(1);
    expect(await world.snapshot()).toBe(before);
  });

  it('needs the version it was based on', async () => {
    await expectRefused(() => patch({ targetDate: '2026-12-31' }), 400, 'validation.failed', 'version');
  });

  it('checks the action as it would be after the change', async () => {
    await expectRefused(() => patch({ version: 1, kind: 'multi_agency' }), 422, 'action.invalid', 'partnerAgencyIds');
    const ok = await patch({ version: 1, kind: 'multi_agency', partnerAgencyIds: [plan.health.id] });
    expect(ok.json()).toMatchObject({ kind: 'multi_agency', partnerAgencyIds: [plan.health.id] });
  });

  it('answers 404 for an action that does not exist', async () => {
    const response = await world.request({ method: 'PATCH', url: '/api/actions/999', payload: { version: 1, targetDate: '2026-12-31' } });
    expect(response.statusCode).toBe(404);
  });
});

describe('GET /api/actions filters', () => {
  /** Four actions whose BRAG differs, at TEST_NOW (2026-03-02), cadence 56 days. */
  async function seedColours() {
    const { review, police, health, theme, subgroup } = plan;
    const base = { reviewId: review.id, ownerAgencyId: police.id, createdAt: '2026-01-10T09:00:00.000Z' };
    await factories.action(world.db, { ...base, ref: 'RED-1', targetDate: '2026-02-01', status: 'in_progress', lastUpdateAt: '2026-02-20T09:00:00.000Z', latestConfidence: 'on_track' });
    await factories.action(world.db, { ...base, ref: 'AMBER-1', targetDate: '2026-12-01', createdAt: '2025-10-01T09:00:00.000Z', subgroupId: subgroup.id });
    await factories.action(world.db, { ...base, ref: 'BLUE-1', ownerAgencyId: health.id, status: 'assured', evidenceOfImpact: 'Re-audit', targetDate: '2025-06-01' });
    const shared = await factories.action(world.db, { ...base, ref: 'GREEN-1', kind: 'multi_agency', targetDate: '2026-03-20', lastUpdateAt: '2026-02-27T09:00:00.000Z', latestConfidence: 'on_track', status: 'in_progress' });
    await rawRun(world.db, 'insert into action_agencies (action_id, agency_id) values (?, ?)', [shared.id, health.id]);
    await rawRun(world.db, 'insert into action_themes (action_id, theme_id) values (?, ?)', [shared.id, theme.id]);
    await factories.action(world.db, { ...base, ref: 'GONE-1', status: 'withdrawn', withdrawnReason: 'Superseded by GREEN-1', targetDate: '2025-01-01' });
  }

  it('filters by BRAG colour, repeated values matching any', async () => {
    await seedColours();
    expect(await refs('brag=red')).toEqual(['RED-1']);
    expect(await refs('brag=amber&brag=blue')).toEqual(['AMBER-1', 'BLUE-1']);
    const items = (await list('brag=green')).json<{ items: Action[] }>().items;
    expect(items.every((a) => a.brag === 'green')).toBe(true);
  });

  it('filters overdue and stale both ways', async () => {
    await seedColours();
    expect(await refs('overdue=true')).toEqual(['RED-1']);
    expect(await refs('stale=true')).toEqual(['AMBER-1']);
    expect(await refs('overdue=false&stale=false')).not.toContain('RED-1');
  });

  it('filters what is due soon (within 28 days by default), and says so on each action', async () => {
    await seedColours();
    expect(await refs('dueSoon=true')).toEqual(['GREEN-1']);
    const green = (await list('dueSoon=true')).json<{ items: Action[] }>().items[0];
    expect(green?.dueSoon).toBe(true);
    expect((await list('dueSoon=false&brag=red')).json<{ items: Action[] }>().items.every((a) => !a.dueSoon)).toBe(true);
  });

  it('carries the latest progress update of each action', async () => {
    expect((await list('')).json<{ items: Action[] }>().items[0]?.latestUpdate).toBeNull();
    for (const note of ['First briefing held', 'Second briefing held']) {
      await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note, confidence: 'on_track' } });
      await world.setNow(new Date(Date.parse('2026-03-02T10:00:00.000Z') + 60_000));
    }
    const [first] = (await list('')).json<{ items: Action[] }>().items;
    expect(first?.latestUpdate).toMatchObject({ note: 'Second briefing held', authorName: world.admin.name });
  });

  it('counts a shared action for each of its agencies', async () => {
    await seedColours();
    expect(await refs(`agencyId=${plan.health.id}`)).toEqual(['BLUE-1', 'GREEN-1']);
  });

  it('filters by review, recommendation, subgroup, theme, status, kind and due dates', async () => {
    await seedColours();
    expect(await refs(`recommendationId=${plan.recommendation.id}`)).toEqual([plan.action.ref]);
    expect(await refs(`themeId=${plan.theme.id}`)).toEqual(['GREEN-1']);
    expect(await refs(`subgroupId=${plan.subgroup.id}`)).toEqual(['AMBER-1', plan.action.ref].sort());
    expect(await refs('status=withdrawn&status=assured')).toEqual(['BLUE-1', 'GONE-1']);
    expect(await refs('kind=multi_agency')).toEqual(['GREEN-1']);
    expect(await refs('dueBefore=2026-03-20&dueAfter=2026-02-01')).toEqual(['GREEN-1', 'RED-1']);
    expect(await refs(`reviewId=${plan.review.id}&status=not_started&brag=green`)).toEqual([plan.action.ref]);
    expect(await refs('reviewId=999')).toEqual([]);
  });

  it('searches refs, learning needs, actions and progress notes, by word prefix', async () => {
    const hidden = await factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      ref: 'HM-7',
      learningNeed: 'Professionals did not identify the hidden men around the baby',
      action: 'Run a practice week on fathers',
    });
    expect(await refs('q=hidden')).toEqual(['HM-7']);
    expect(await refs('q=HIDD fath')).toEqual(['HM-7']);
    expect(await refs('q=SD-2025')).toEqual([]);
    expect(await refs(`q=${encodeURIComponent(plan.action.ref)}`)).toEqual([plan.action.ref]);
    await world.request({
      method: 'POST',
      url: `/api/actions/${hidden.id}/updates`,
      payload: { note: 'Briefed the neighbourhood chronology group', confidence: 'on_track' },
    });
    expect(await refs('q=chronology')).toEqual(['HM-7']);
    expect(await refs('q=%22%22')).toEqual([]);
  });

  it('refuses values it does not know', async () => {
    for (const [query, path] of [
      ['brag=purple', 'brag.0'],
      ['status=done', 'status.0'],
      ['overdue=yes', 'overdue'],
      ['dueBefore=2026-13-01', 'dueBefore'],
      ['sort=colour', 'sort'],
      ['agencyId=abc', 'agencyId.0'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
    ]) {
      const response = await list(query!);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path), query).toContain(path);
    }
  });
});

describe('GET /api/actions keyset paging and sorting', () => {
  async function seedMany() {
    const dates = [null, '2026-01-15', '2026-04-01', '2026-04-01', '2026-04-01', '2026-07-31', '2027-01-01', null, '2025-12-31', '2026-05-05', '2026-04-01'];
    for (const [i, targetDate] of dates.entries()) {
      await factories.action(world.db, {
        reviewId: plan.review.id,
        ownerAgencyId: plan.police.id,
        ref: `P-${String(i).padStart(2, '0')}`,
        targetDate,
        lastUpdateAt: i % 3 === 0 ? null : `2026-02-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`,
        latestConfidence: i % 4 === 0 ? 'at_risk' : 'on_track',
        status: i % 3 === 0 ? 'not_started' : 'in_progress',
        createdAt: `2026-01-${String(1 + i).padStart(2, '0')}T09:00:00.000Z`,
      });
    }
  }

  async function walk(sort: ActionSort, limit: number) {
    const seen: Action[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: Action[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it.each(ACTION_SORTS)('walks every action exactly once, in order, sorted by %s', async (sort) => {
    await seedMany();
    const all = await walk(sort, 100);
    const paged = await walk(sort, 3);
    expect(paged.map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(new Set(paged.map((a) => a.id)).size).toBe(12);
    if (sort === 'targetDate') {
      const dates = all.map((a) => a.targetDate ?? '9999-12-31');
      expect(dates).toEqual([...dates].sort());
      expect(all.at(-1)?.targetDate).toBeNull();
    }
    if (sort === '-ref') expect(all.map((a) => a.ref)).toEqual(all.map((a) => a.ref).sort().reverse());
    if (sort === 'attention') {
      const order = { red: 0, amber: 1, green: 2, blue: 3 } as const;
      const ranks = all.map((a) => (a.brag ? order[a.brag] : 4));
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      expect(all[0]?.brag).toBe('red');
    }
  });

  it('refuses a cursor it did not give out', async () => {
    const response = await list('cursor=not-a-cursor');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'cursor' }] });
  });
});

describe('PATCH /api/actions/:id revising the target date', () => {
  const patch = (payload: object, id = plan.action.id) => world.request({ method: 'PATCH', url: `/api/actions/${id}`, payload });
  const changeRows = (actionId: number) =>
    rawRows(world.db, 'select from_date, to_date, reason, decided_by_name from target_date_changes where action_id = ? order by id', [actionId]);

  it('needs a reason to replace a date already set, and changes nothing without one', async () => {
    await expectRefused(() => patch({ version: 1, targetDate: '2026-12-31' }), 422, 'action.target_date_reason_required', 'targetDateReason');
    await expectRefused(() => patch({ version: 1, targetDate: '2026-12-31', targetDateReason: '   ' }), 422, 'action.target_date_reason_required', 'targetDateReason');
    const response = await patch({ version: 1, targetDate: null });
    expect(response.statusCode, 'clearing a date is a revision too').toBe(422);
  });

  it('keeps the original date first and the revision after it, decided by the admin who made it', async () => {
    const response = await patch({ version: 1, targetDate: '2026-12-31', targetDateReason: 'The training provider moved the course to the autumn' });
    expect(response.statusCode, response.body).toBe(200);
    const action = response.json<Action>();
    expect(action).toMatchObject({ targetDate: '2026-12-31', version: 2 });
    expect(action.targetDateHistory).toEqual([
      { targetDate: '2026-06-30', from: null, reason: null, decidedBy: null, on: '2026-02-20T09:00:00.000Z' },
      { targetDate: '2026-12-31', from: '2026-06-30', reason: 'The training provider moved the course to the autumn', decidedBy: 'Business Unit Admin', on: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(await changeRows(plan.action.id)).toHaveLength(1);
    const columns = (
      await rawRows<{ name: string }>(
        world.db,
        { sqlite: 'select name from pragma_table_info(?)', postgres: 'select column_name as "name" from information_schema.columns where table_name = ?' },
        ['actions'],
      )
    ).map((c) => c.name);
    expect(columns).toContain('target_date');
    expect(columns.some((name) => name.includes('reason') && name.includes('target'))).toBe(false);
    const audit = (await rawRow<{ before: string; after: string }>(world.db, "select before, after from audit_events where entity = 'action' and operation = 'update'"))!;
    expect(JSON.parse(audit.before)).toEqual({ targetDate: '2026-06-30' });
    expect(JSON.parse(audit.after)).toEqual({ targetDate: '2026-12-31', targetDateReason: 'The training provider moved the course to the autumn' });
  });

  it('sets a first date without a reason, and keeps it as the original', async () => {
    const undated = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, createdAt: '2026-02-20T09:00:00.000Z' });
    const response = await patch({ version: 1, targetDate: '2026-09-30' }, undated.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Action>().targetDateHistory).toEqual([{ targetDate: '2026-09-30', from: null, reason: null, decidedBy: null, on: '2026-02-20T09:00:00.000Z' }]);
    expect(await changeRows(undated.id)).toEqual([]);
  });

  it('writes no revision when the date given is the date it has, or when only other fields change', async () => {
    const same = await patch({ version: 1, targetDate: '2026-06-30' });
    expect(same.statusCode, same.body).toBe(200);
    const other = await patch({ version: same.json<Action>().version, successMeasure: 'Re-audit of 30 files' });
    expect(other.statusCode, other.body).toBe(200);
    expect(await changeRows(plan.action.id)).toEqual([]);
  });

  it('answers a stale version with 409 before asking for a reason', async () => {
    const response = await patch({ version: 7, targetDate: '2026-12-31' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('action.version_conflict');
  });
});

describe('search text', () => {
  it('refuses every control character in q with 400 naming q, on every list that searches and on the export, changing nothing', async () => {
    const lists = ['/api/actions', '/api/exports/actions.csv', '/api/reviews', '/api/agencies', '/api/subgroups', '/api/themes', '/api/users'];
    const controls = [...Array.from({ length: 32 }, (_, code) => code), 127].map((code) => String.fromCharCode(code));
    const before = await world.snapshot();
    for (const url of lists) {
      for (const control of controls) {
        const response = await world.request({ method: 'GET', url: `${url}?q=${encodeURIComponent(`a${control}b`)}` });
        expect(response.statusCode, `${url} with U+${control.charCodeAt(0).toString(16).padStart(4, '0')}`).toBe(400);
        // U+0000 is refused for every field of every request before the query is read (plugins/nul-characters.ts).
        const message = control === '\u0000' ? 'must not contain the character U+0000' : 'must not contain control characters';
        expect(response.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'q', message }] });
      }
    }
    expect(await world.snapshot()).toBe(before);
    // Ordinary words, accents and punctuation still search.
    expect((await world.request({ method: 'GET', url: `/api/actions?q=${encodeURIComponent('café "child’s voice" -')}` })).statusCode).toBe(200);
  });
});
