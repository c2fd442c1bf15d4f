import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import { csvCell, describeTargetDateRevisions } from './actions-csv';

let world: TestWorld;
let plan: ReturnType<typeof seedSmallPlan>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = seedSmallPlan(world.db);
});
afterEach(() => world.close());

describe('GET /api/exports/actions.csv', () => {
  it('exports the actions of the current view, with names people read', async () => {
    factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.health.id,
      ref: 'HM-1',
      action: 'Audit "think family" records, then report',
      targetDate: '2026-01-31',
      status: 'in_progress',
    });
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.csv?overdue=true' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="actions-2026-03-02.csv"');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Ref,Review,Recommendation,Kind,Owner agency/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`HM-1,SD-2025,,Single-agency,${plan.health.shortName}`);
    expect(lines[1]).toContain('"Audit ""think family"" records, then report"');
    expect(lines[1]).toContain('In progress,Red,Overdue since 2026-01-31,Yes');
  });

  it('puts the original target date and every revision beside the target date', async () => {
    const patch = async (version: number, targetDate: string, targetDateReason: string) => {
      const response = await world.request({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version, targetDate, targetDateReason } });
      expect(response.statusCode, response.body).toBe(200);
    };
    await patch(1, '2026-11-26', 'Course moved to the autumn');
    await patch(2, '2027-01-31', '=cmd|" /C calc"!A0, then the re-audit');
    const unrevised = factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, ref: 'HM-2', targetDate: '2026-05-31' });
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.csv?sort=ref' });
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Measure of success,Target date,Original target date,Target date revisions,Status');
    const revised = lines.find((line) => line.startsWith(`${plan.action.ref},`))!;
    expect(revised).toContain(
      `2027-01-31,2026-06-30,"26/11/2026 from 30/06/2026 (Course moved to the autumn); 31/01/2027 from 26/11/2026 (=cmd|"" /C calc""!A0, then the re-audit)",Not started`,
    );
    expect(lines.find((line) => line.startsWith(`${unrevised.ref},`))).toContain(',2026-05-31,2026-05-31,,Not started');
  });

  it('says so when a revision cleared the date', () => {
    const history = [
      { targetDate: '2026-06-30', from: null, reason: null, decidedBy: null, on: '2026-01-01T00:00:00.000Z' },
      { targetDate: null, from: '2026-06-30', reason: 'Waiting for the new pathway', decidedBy: 'Admin', on: '2026-01-02T00:00:00.000Z' },
    ];
    expect(describeTargetDateRevisions(history)).toBe('no date from 30/06/2026 (Waiting for the new pathway)');
    expect(describeTargetDateRevisions(history.slice(0, 1))).toBe('');
  });

  it('exports every page of a large view', async () => {
    for (let i = 0; i < 450; i++) factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id });
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.csv' });
    expect(response.body.trim().split('\r\n')).toHaveLength(452);
  });

  it('refuses filters it does not know', async () => {
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.csv?brag=purple' });
    expect(response.statusCode).toBe(400);
  });

  it('keeps spreadsheet formulas from running', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('plain')).toBe('plain');
  });
});
