import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import { csvCell } from './actions-csv';

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
