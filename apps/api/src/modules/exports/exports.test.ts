import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_COLUMNS } from '@lrt/contracts';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import { csvCell } from './actions-csv';
import { describeTargetDateRevisions } from './plan-cells';
import { csvRecords } from './read-exports';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
});
afterEach(() => world.close());

describe('GET /api/exports/actions.csv', () => {
  it('exports the actions of the current view, with names people read', async () => {
    await factories.action(world.db, {
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
    expect(lines[0]).toMatch(/^Ref,Review,Recommendation,Key learning point,Kind,Owner agency/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`HM-1,SD-2025,,,Single-agency,${plan.health.shortName}`);
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
    const unrevised = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, ref: 'HM-2', targetDate: '2026-05-31' });
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.csv?sort=ref' });
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Measure of success,Target date,Original target date,Target date revisions,Reason for a new target date,Status');
    const revised = lines.find((line) => line.startsWith(`${plan.action.ref},`))!;
    expect(revised).toContain(
      `2027-01-31,2026-06-30,"26/11/2026 from 30/06/2026 (Course moved to the autumn); 31/01/2027 from 26/11/2026 (=cmd|"" /C calc""!A0, then the re-audit)",,Not started`,
    );
    expect(lines.find((line) => line.startsWith(`${unrevised.ref},`))).toContain(',2026-05-31,2026-05-31,,,Not started');
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
    for (let i = 0; i < 450; i++) await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id });
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
    expect(csvCell(3)).toBe('3');
    expect(csvCell(new Date('2027-03-31T00:00:00.000Z'))).toBe('2027-03-31');
  });

  it('heads the file with the plan columns the import reads back', async () => {
    const records = csvRecords(await world.request({ method: 'GET', url: '/api/exports/actions.csv' }));
    expect(records[0]).toEqual(PLAN_COLUMNS.map((column) => column.heading));
    expect(records[1]).toHaveLength(PLAN_COLUMNS.length);
    expect(records[1]![PLAN_COLUMNS.length - 1]).toBe(String(plan.action.version));
  });

  it('neutralises formula-like text in every column a person writes', async () => {
    await factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.health.id,
      ref: 'EVIL-1',
      learningNeed: '+1 more briefing',
      action: '=HYPERLINK("http://evil.example","Click")',
      successMeasure: '-2 referrals',
      evidenceOfImpact: '@SUM(A1:A9)',
      withdrawnReason: '\tx',
    });
    const [headings, ...rows] = csvRecords(await world.request({ method: 'GET', url: '/api/exports/actions.csv' }));
    const row = rows.find((r) => r[0] === 'EVIL-1')!;
    const cell = (heading: string) => row[headings!.indexOf(heading)];
    expect(cell('Identified learning need')).toBe("'+1 more briefing");
    expect(cell('Action to be taken')).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(cell('Measure of success')).toBe("'-2 referrals");
    expect(cell('Evidence of impact')).toBe("'@SUM(A1:A9)");
    expect(cell('Withdrawn because')).toBe("'\tx");
  });

  it('keeps line breaks, quotes, commas and accents through a CSV reader', async () => {
    const note = 'Two briefings held, one "on the day".\r\nThe audit starts in May; £ and é kept.';
    await factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.health.id,
      ref: 'TEXT-1',
      learningNeed: 'Hear the child’s voice,\nnot only the parents’',
      action: 'Say "no" to "think family" shortcuts',
    });
    const id = (await world.request({ method: 'GET', url: '/api/actions?q=shortcuts' })).json<{ items: { id: number }[] }>().items[0]!.id;
    const update = await world.request({ method: 'POST', url: `/api/actions/${id}/updates`, payload: { note, confidence: 'on_track' } });
    expect(update.statusCode, update.body).toBe(201);
    const [headings, ...rows] = csvRecords(await world.request({ method: 'GET', url: '/api/exports/actions.csv' }));
    const row = rows.find((r) => r[0] === 'TEXT-1')!;
    expect(row[headings!.indexOf('Identified learning need')]).toBe('Hear the child’s voice,\nnot only the parents’');
    expect(row[headings!.indexOf('Action to be taken')]).toBe('Say "no" to "think family" shortcuts');
    expect(row[headings!.indexOf('Latest progress note')]).toBe(note);
    expect(row[headings!.indexOf('Latest confidence')]).toBe('On track');
  });

  it('exports only the actions of the agency filtered on', async () => {
    await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, ref: 'HEALTH-1' });
    const [, ...rows] = csvRecords(await world.request({ method: 'GET', url: `/api/exports/actions.csv?agencyId=${plan.health.id}` }));
    expect(rows.map((r) => r[0])).toEqual(['HEALTH-1']);
  });
});
