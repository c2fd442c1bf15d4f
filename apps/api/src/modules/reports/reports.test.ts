import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { Action, AssuranceReport, Snapshot } from '@lrt/contracts';
import { REPORT_SECTION_TITLES } from '@lrt/contracts';
import { rawRun, writeTransaction } from '@lrt/db';
import { createTestWorld, factories, seedSmallPlan, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
let lead: Caller;
let chair: Caller;
let second: Action;

const at = (iso: string) => world.setNow(new Date(iso));
const report = async (query: string, as?: Caller) => {
  const response = await world.request({ method: 'GET', url: `/api/reports/assurance?${query}`, ...(as ? { as } : {}) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AssuranceReport>();
};
const post = async (actionId: number, payload: Record<string, unknown>, as: Caller = lead) => {
  const response = await world.request({ method: 'POST', url: `/api/actions/${actionId}/updates`, payload: { note: 'A note', confidence: 'on_track', ...payload }, as });
  expect(response.statusCode, response.body).toBe(201);
};
const snapshot = async (name: string, asAt: string) => {
  const response = await world.request({ method: 'POST', url: '/api/snapshots', payload: { name, asAt } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Snapshot>();
};
/** The report without the instant it was generated: two builds of the same query must agree on the rest. */
const content = ({ generatedAt: _at, ...rest }: AssuranceReport) => rest;

beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db); // SD-2025, action created 2026-02-20, due 2026-06-30, owned by the police
  second = (
    await world.request({
      method: 'POST',
      url: '/api/actions',
      payload: {
        reviewId: plan.review.id,
        recommendationId: plan.recommendation.id,
        kind: 'single_agency',
        ownerAgencyId: plan.health.id,
        learningNeed: 'Health visitors see the child alone',
        action: 'Audit health visitor records',
        targetDate: '2026-04-30',
        themeIds: [plan.theme.id],
      },
    })
  ).json<Action>();
  lead = await world.signIn(['agency_lead'], { agencyIds: [plan.police.id, plan.health.id], name: 'DI Shah' });
  chair = await world.signIn(['independent_chair'], { name: 'Independent Chair' });
});
afterEach(() => world.close());

describe('the board assurance report as JSON', () => {
  it('counts, lists and words the plan of a review as it stands today', async () => {
    await at('2026-03-10T10:00:00.000Z');
    await post(plan.action.id, { note: 'Briefings booked for all teams', confidence: 'off_track', statusChange: { from: 'not_started', to: 'in_progress' } });
    await at('2026-05-10T10:00:00.000Z');
    const r = await report(`reviewId=${plan.review.id}&from=2026-01-01`, chair);
    expect(r.scope).toEqual({ kind: 'review', id: plan.review.id, name: expect.stringContaining('SD-2025') });
    expect(r.asAt).toBe('2026-05-10');
    expect(r.totals.actions).toBe(2);
    // The police action is off track (Red); the health action is overdue since 30 April (Red).
    expect(r.totals.byBrag).toEqual({ blue: 0, green: 0, amber: 0, red: 2, withdrawn: 0 });
    expect(r.overdue.items.map((a) => [a.ref, a.daysOverdue])).toEqual([[second.ref, 10]]);
    expect(r.agencies.map((a) => [a.agencyId, a.actions, a.byBrag.red])).toEqual(
      expect.arrayContaining([
        [plan.police.id, 1, 1],
        [plan.health.id, 1, 1],
      ]),
    );
    const [group] = r.recommendations.items;
    expect(group?.actions.map((a) => a.ref).sort()).toEqual([plan.action.ref, second.ref].sort());
    expect(group?.actions.find((a) => a.id === plan.action.id)?.latestNote?.text).toBe('Briefings booked for all teams');
    expect(r.themes.cells).toEqual([{ themeId: plan.theme.id, reviewId: plan.review.id, actions: 1 }]);
    expect(r.timeliness.map((t) => t.reviewId)).toEqual([plan.review.id]);
    expect(r.summary[0]).toMatch(/^As at 10 May 2026, the plan for SD-2025 .* had 2 actions/);
    expect(r.summary.join(' ')).toContain(`The longest overdue was ${second.ref}`);
  });

  it('keeps only the sections chosen', async () => {
    const r = await report('sections=summary,overdue');
    expect(r.sections).toEqual(['summary', 'overdue']);
  });

  it('as at a past day shows the plan as it stood then, and stays identical after later changes', async () => {
    await at('2026-03-10T10:00:00.000Z');
    await post(plan.action.id, { note: 'Started', statusChange: { from: 'not_started', to: 'in_progress' } });
    await at('2026-03-20T10:00:00.000Z');
    const query = `asAt=2026-03-15&from=2026-02-01&to=2026-03-15`;
    const then = await report(query);
    expect(then.totals.byStatus).toMatchObject({ in_progress: 1, not_started: 1 });
    expect(then.brag.atStart).toEqual({ blue: 0, green: 0, amber: 0, red: 0, withdrawn: 0 }); // nothing existed on 31 January
    expect(then.changes.added.map((a) => a.ref).sort()).toEqual([plan.action.ref, second.ref].sort());

    // Later: the action is completed, its date revised, its text changed, the cadence shortened.
    await at('2026-04-02T10:00:00.000Z');
    const current = (await world.request({ method: 'GET', url: `/api/actions/${plan.action.id}` })).json<Action>();
    const edited = await world.request({
      method: 'PATCH',
      url: `/api/actions/${plan.action.id}`,
      payload: { version: current.version, targetDate: '2026-12-31', targetDateReason: 'Moved to the winter', action: 'Rewritten' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await post(plan.action.id, { note: 'Done', statusChange: { from: 'in_progress', to: 'completed' }, evidence: [{ label: 'Register', url: 'https://intranet.example/r' }] });
    const settings = (await world.request({ method: 'GET', url: '/api/settings' })).json<{ version: number }>();
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: settings.version, updateCadenceDays: 14 } });
    await at('2026-11-20T10:00:00.000Z');
    expect(content(await report(query))).toEqual(content(then));
  });

  it('lists revised target dates and completions of the period with their evidence', async () => {
    await at('2026-03-10T10:00:00.000Z');
    const current = (await world.request({ method: 'GET', url: `/api/actions/${second.id}` })).json<Action>();
    await world.request({ method: 'PATCH', url: `/api/actions/${second.id}`, payload: { version: current.version, targetDate: '2026-08-31', targetDateReason: 'Staff shortage' } });
    await post(plan.action.id, { note: 'All done', statusChange: { from: 'not_started', to: 'completed' }, evidence: [{ label: 'Briefing register', url: 'https://intranet.example/register' }] });
    const r = await report('from=2026-03-01&to=2026-03-10');
    expect(r.revisedDates.items).toEqual([expect.objectContaining({ ref: second.ref, from: '2026-04-30', to: '2026-08-31', reason: 'Staff shortage' })]);
    expect(r.completed.items).toEqual([
      expect.objectContaining({ ref: plan.action.ref, completedOn: '2026-03-10', assuredOn: null, evidence: [{ label: 'Briefing register', url: 'https://intranet.example/register', fileId: null }] }),
    ]);
  });

  it('scopes to an agency: the actions it owned then or shares', async () => {
    const police = await report(`agencyId=${plan.police.id}`);
    expect(police.scope.kind).toBe('agency');
    expect(police.totals.actions).toBe(1);
    expect(police.agencies.map((a) => a.agencyId)).toEqual([plan.police.id]);
  });

  it('refuses a future or too early as-at date, a period ending before it starts, unknown ids, naming the field', async () => {
    const cases: [string, string][] = [
      ['asAt=2026-03-03', 'asAt'],
      ['asAt=2025-01-01', 'asAt'],
      ['from=2026-03-01&to=2026-02-01', 'to'],
      ['reviewId=999', 'reviewId'],
      ['subgroupId=999', 'subgroupId'],
      ['agencyId=999', 'agencyId'],
      ['compareTo=999', 'compareTo'],
      ['asAt=2026-02-30', 'asAt'],
      ['sections=summary,gossip', 'sections'],
      ['format=pdf', 'format'],
    ];
    for (const [query, path] of cases) {
      const response = await world.request({ method: 'GET', url: `/api/reports/assurance?${query}` });
      expect(response.statusCode, query).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(
        response.json().errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path);
    }
  });
});

describe('board snapshots', () => {
  it('freezes the plan as at a day; a report compared with it lists exactly what moved', async () => {
    await at('2026-03-05T10:00:00.000Z');
    await post(plan.action.id, { note: 'Started', statusChange: { from: 'not_started', to: 'in_progress' } });
    await at('2026-03-12T10:00:00.000Z');
    const board = await snapshot('Board, 12 March 2026', '2026-03-12');
    expect(board).toMatchObject({ name: 'Board, 12 March 2026', asAt: '2026-03-12', actions: 2, overdue: 0, createdBy: 'Business Unit Admin' });
    expect(board.byBrag).toEqual({ blue: 0, green: 2, amber: 0, red: 0, withdrawn: 0 });

    // After the board: the police action completed and assured, the health action overdue, a third added.
    await at('2026-04-01T10:00:00.000Z');
    await post(plan.action.id, { note: 'Done', statusChange: { from: 'in_progress', to: 'completed' }, evidence: [{ label: 'Register', url: 'https://intranet.example/r' }] });
    const assurer = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] });
    const assured = await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/assurance`, payload: { decision: 'assure', evidenceOfImpact: 'Re-audit shows the change' }, as: assurer });
    expect(assured.statusCode, assured.body).toBe(201);
    const third = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, createdAt: '2026-03-20T09:00:00.000Z', targetDate: '2026-12-31' });
    await at('2026-05-05T10:00:00.000Z');

    const r = await report(`compareTo=${board.id}`);
    expect(r.comparedWith).toEqual({ snapshotId: board.id, name: 'Board, 12 March 2026', asAt: '2026-03-12' });
    expect(r.changes.moved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actionId: plan.action.id, fromStatus: 'in_progress', toStatus: 'assured', fromBrag: 'green', toBrag: 'blue' }),
        expect.objectContaining({ actionId: second.id, fromStatus: 'not_started', toStatus: 'not_started', fromBrag: 'green', toBrag: 'red' }),
      ]),
    );
    expect(r.changes.moved).toHaveLength(2);
    expect(r.changes.newlyOverdue.map((a) => a.id)).toEqual([second.id]);
    expect(r.changes.assured.map((a) => a.id)).toEqual([plan.action.id]);
    expect(r.changes.added.map((a) => a.id)).toEqual([third.id]);
    expect(r.changes.withdrawn).toEqual([]);

    // Snapshots are listed newest first and cannot be changed.
    const list = (await world.request({ method: 'GET', url: '/api/snapshots', as: chair })).json<{ items: Snapshot[] }>();
    expect(list.items.map((s) => s.id)).toEqual([board.id]);
    expect((await world.request({ method: 'GET', url: `/api/snapshots/${board.id}`, as: chair })).json<Snapshot>()).toEqual(board);
    const write = (statement: string) => writeTransaction(world.db, (tx) => rawRun(tx, statement));
    await expect(write("update snapshot_actions set status = 'assured'")).rejects.toThrow(/cannot be changed/);
    await expect(write('delete from snapshots')).rejects.toThrow(/cannot be changed/);
  });

  it('refuses a name already used, a future or too early day, and anyone but the business unit, changing nothing', async () => {
    await at('2026-03-12T10:00:00.000Z');
    await snapshot('Board, 12 March 2026', '2026-03-12');
    const before = await world.snapshot();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'board, 12 MARCH 2026', asAt: '2026-03-11' }, 409, 'name'],
      [{ name: 'Next board', asAt: '2026-03-13' }, 422, 'asAt'],
      [{ name: 'Long ago', asAt: '2020-01-01' }, 422, 'asAt'],
      [{ name: '  ', asAt: '2026-03-01' }, 400, 'name'],
    ];
    for (const [payload, status, path] of cases) {
      const response = await world.request({ method: 'POST', url: '/api/snapshots', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const refused = await world.request({ method: 'POST', url: '/api/snapshots', payload: { name: 'By the chair', asAt: '2026-03-01' }, as: chair });
    expect(refused.statusCode).toBe(403);
    expect(await world.snapshot()).toBe(before);
  });
});

describe('the report as a Word document and as a printable page', () => {
  it('has the headings, figures and tables of the JSON report for the same scope', async () => {
    await at('2026-05-10T10:00:00.000Z');
    const query = `reviewId=${plan.review.id}&from=2026-01-01&sections=summary,brag,agencies,overdue`;
    const json = await report(query);
    const response = await world.request({ method: 'GET', url: `/api/reports/assurance?${query}&format=docx`, as: chair });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="assurance-SD-2025-2026-05-10\.docx"/);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const section of json.sections) expect(text).toContain(REPORT_SECTION_TITLES[section]);
    expect(text).not.toContain(REPORT_SECTION_TITLES.themes);
    expect(text).toContain(json.summary[0]!.slice(0, 30));
    // The agency table's figures are the JSON's.
    for (const agency of json.agencies) expect(text).toContain(agency.name);
    expect(text).toContain(second.ref);
    expect(xml).toContain('<w:tblHeader/>');

    const page = await world.request({ method: 'GET', url: `/api/reports/assurance?${query}&format=html`, as: chair });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const section of json.sections) expect(page.body).toContain(REPORT_SECTION_TITLES[section]);
    expect(page.body).toContain(second.ref);
  });
});
