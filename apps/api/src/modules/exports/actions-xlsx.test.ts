import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PLAN_COLUMNS, type Action } from '@lrt/contracts';
import { recommendationLearningPoints, writeTransaction } from '@lrt/db';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import { fitCell } from './actions-xlsx';
import { BRAG_FILL_ARGB, TEXT_ARGB } from './plan-workbook';
import { csvRecords, readWorkbook, sheetRows } from './read-exports';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
});
afterEach(() => world.close());

const HEADINGS = PLAN_COLUMNS.map((column) => column.heading);
const col = (heading: string) => {
  const index = HEADINGS.indexOf(heading);
  if (index < 0) throw new Error(`no column ${heading}`);
  return index;
};
const utcDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

async function exportXlsx(query = '') {
  const response = await world.request({ method: 'GET', url: `/api/exports/actions.xlsx${query}` });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  const workbook = await readWorkbook(response);
  const sheet = workbook.getWorksheet('Action plan')!;
  return { response, workbook, sheet, rows: sheetRows(sheet, HEADINGS.length) };
}

/** A multi-agency action answering a recommendation drawn from two learning points, with a progress note. */
async function richAction() {
  const second = await factories.learningPoint(world.db, { reviewId: plan.review.id, title: 'Fathers were not seen' });
  await writeTransaction(world.db, (tx) =>
    tx.insert(recommendationLearningPoints).values([
      { recommendationId: plan.recommendation.id, learningPointId: second.id },
      { recommendationId: plan.recommendation.id, learningPointId: plan.learningPoint.id },
    ]),
  );
  const created = await world.request({
    method: 'POST',
    url: '/api/actions',
    payload: {
      reviewId: plan.review.id,
      recommendationId: plan.recommendation.id,
      ref: 'SD-2025/A9',
      kind: 'multi_agency',
      ownerAgencyId: plan.police.id,
      partnerAgencyIds: [plan.health.id],
      learningNeed: 'Practitioners did not hear the child',
      action: 'Run "think family" briefings,\nthen audit 20 cases',
      successMeasure: 'Audit shows the child’s voice recorded',
      targetDate: '2026-09-30',
      themeIds: [plan.theme.id],
      subgroupId: plan.subgroup.id,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const action = created.json<Action>();
  const update = await world.request({
    method: 'POST',
    url: `/api/actions/${action.id}/updates`,
    payload: { note: 'Two briefings held.\nThe "audit" starts in May; £ and é kept.', confidence: 'at_risk' },
  });
  expect(update.statusCode, update.body).toBe(201);
  const read = await world.request({ method: 'GET', url: `/api/actions/${action.id}` });
  return read.json<Action>();
}

describe('GET /api/exports/actions.xlsx', () => {
  it('downloads a workbook of two sheets, made by the tracker', async () => {
    const { response, workbook } = await exportXlsx();
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="actions-2026-03-02.xlsx"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Action plan', 'Learning and recommendations']);
    expect(workbook.creator).toBe('Learning Review Tracker');
    expect(workbook.created.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('heads the plan with the plan columns, bold, frozen and filtered, at their widths', async () => {
    await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id });
    const { sheet, rows } = await exportXlsx();
    expect(rows[0]).toEqual(HEADINGS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const lastColumn = sheet.getColumn(HEADINGS.length).letter;
    expect(sheet.autoFilter).toBe(`A1:${lastColumn}3`);
    PLAN_COLUMNS.forEach((column, index) => expect(sheet.getColumn(index + 1).width, column.heading).toBe(column.width));
    expect(sheet.getRow(2).getCell(col('Action to be taken') + 1).alignment?.wrapText).toBe(true);
  });

  it('writes one row per action with names people read, days as date cells and the version as a number', async () => {
    const action = await richAction();
    const { sheet, rows } = await exportXlsx('?sort=ref');
    const row = rows.find((r) => r[col('Ref')] === 'SD-2025/A9')!;
    const cell = (heading: string) => row[col(heading)];
    expect(cell('Review')).toBe('SD-2025');
    expect(cell('Recommendation')).toBe('Recommendation 1');
    expect(cell('Key learning point')).toBe('KLP 1; KLP 2');
    expect(cell('Kind')).toBe('Multi-agency');
    expect(cell('Owner agency')).toBe(plan.police.shortName);
    expect(cell('Partner agencies')).toBe(plan.health.shortName);
    expect(cell('Action to be taken')).toBe('Run "think family" briefings,\nthen audit 20 cases');
    expect(cell('Target date')).toEqual(utcDay('2026-09-30'));
    expect(cell('Original target date')).toEqual(utcDay('2026-09-30'));
    expect(cell('Target date revisions')).toBeNull();
    expect(cell('Status')).toBe('Not started');
    expect(cell('BRAG')).toBe('Amber');
    expect(cell('BRAG reason')).toBe('Latest update says at risk');
    expect(cell('Overdue')).toBe('No');
    expect(cell('Stale')).toBe('No');
    expect(cell('Last update')).toEqual(utcDay('2026-03-02'));
    expect(cell('Latest progress note')).toBe('Two briefings held.\nThe "audit" starts in May; £ and é kept.');
    expect(cell('Latest confidence')).toBe('At risk');
    expect(cell('Themes')).toBe(plan.theme.name);
    expect(cell('Subgroup')).toBe(plan.subgroup.name);
    expect(cell('Version')).toBe(action.version);
    expect(typeof cell('Version')).toBe('number');

    const excelRow = sheet.getRow(rows.indexOf(row) + 1);
    expect(excelRow.getCell(col('Target date') + 1).numFmt).toBe('dd/mm/yyyy');
    expect(excelRow.getCell(col('Last update') + 1).numFmt).toBe('dd/mm/yyyy');
  });

  it('colours each BRAG cell and keeps its word; an action with no rating stays plain', async () => {
    const cases = [
      ['assured', { evidenceOfImpact: 'Re-audit showed change' }, 'Blue', 'blue'],
      ['completed', {}, 'Green', 'green'],
      ['in_progress', { latestConfidence: 'at_risk' }, 'Amber', 'amber'],
      ['in_progress', { targetDate: '2026-01-31' }, 'Red', 'red'],
      ['withdrawn', { withdrawnReason: 'Superseded' }, 'None', null],
    ] as const;
    for (const [status, values, word] of cases) {
      await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, ref: `BRAG-${word}`, status, lastUpdateAt: '2026-03-01T09:00:00.000Z', ...values });
    }
    const { sheet, rows } = await exportXlsx();
    for (const [, , word, brag] of cases) {
      const index = rows.findIndex((r) => r[col('Ref')] === `BRAG-${word}`);
      const cell = sheet.getRow(index + 1).getCell(col('BRAG') + 1);
      expect(cell.value, word).toBe(word);
      if (brag) {
        expect(cell.fill, word).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: BRAG_FILL_ARGB[brag] } });
        expect(cell.font?.color?.argb, word).toBe(TEXT_ARGB);
      } else {
        expect(cell.fill ?? { pattern: 'none' }, word).toMatchObject({ pattern: 'none' });
      }
    }
  });

  it('fills BRAG cells in colours its dark text can be read on (WCAG AA, 4.5:1)', () => {
    const luminance = (argb: string) => {
      const [r, g, b] = [2, 4, 6].map((at) => {
        const c = parseInt(argb.slice(at, at + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const [brag, fill] of Object.entries(BRAG_FILL_ARGB)) {
      expect((luminance(fill) + 0.05) / (luminance(TEXT_ARGB) + 0.05), brag).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('shows formula-like text as text: prefixed, never a formula', async () => {
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
    const { sheet, rows } = await exportXlsx();
    const index = rows.findIndex((r) => r[col('Ref')] === 'EVIL-1');
    const expected: [string, string][] = [
      ['Identified learning need', "'+1 more briefing"],
      ['Action to be taken', `'=HYPERLINK("http://evil.example","Click")`],
      ['Measure of success', "'-2 referrals"],
      ['Evidence of impact', "'@SUM(A1:A9)"],
      ['Withdrawn because', "'\tx"],
    ];
    for (const [heading, text] of expected) {
      const cell = sheet.getRow(index + 1).getCell(col(heading) + 1);
      expect(cell.value, heading).toBe(text);
      expect(cell.type, heading).toBe(ExcelJS.ValueType.String);
    }
  });

  it('lists the learning points and recommendations of the reviews exported, with what each recommendation answers', async () => {
    await richAction();
    const other = await factories.review(world.db, { code: 'SD-2024' });
    await factories.learningPoint(world.db, { reviewId: other.id, title: 'Not exported' });
    const { workbook } = await exportXlsx(`?reviewId=${plan.review.id}`);
    const sheet = workbook.getWorksheet('Learning and recommendations')!;
    const rows = sheetRows(sheet, 5);
    expect(rows).toEqual([
      ['Review', 'Learning point or recommendation', 'Title', 'Text', 'Learning points answered'],
      ['SD-2025', 'KLP 1', 'A key learning point', null, null],
      ['SD-2025', 'KLP 2', 'Fathers were not seen', null, null],
      ['SD-2025', 'Recommendation 1', null, 'The partnership should act', 'KLP 1; KLP 2'],
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('lists the learning of a review filtered on even when none of its actions match', async () => {
    const quiet = await factories.review(world.db, { code: 'SD-2023' });
    await factories.learningPoint(world.db, { reviewId: quiet.id, title: 'Escalation was slow' });
    const { workbook, rows } = await exportXlsx(`?reviewId=${quiet.id}`);
    expect(rows).toHaveLength(1);
    const learning = sheetRows(workbook.getWorksheet('Learning and recommendations')!, 5);
    expect(learning.slice(1)).toEqual([['SD-2023', 'KLP 1', 'Escalation was slow', null, null]]);
  });

  it('exports only the actions an agency owns or shares when filtered on it', async () => {
    const shared = await richAction(); // owned by the police, shared with health
    const healthOwn = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, ref: 'HEALTH-1' });
    const { rows } = await exportXlsx(`?agencyId=${plan.health.id}&sort=ref`);
    expect(rows.slice(1).map((r) => r[col('Ref')])).toEqual([healthOwn.ref, shared.ref].sort());
  });

  it('writes every page of a large view, in its sort', async () => {
    for (let i = 0; i < 450; i++) await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.police.id, ref: `BULK-${String(i).padStart(3, '0')}` });
    const { rows } = await exportXlsx('?sort=ref');
    expect(rows).toHaveLength(452);
    const refs = rows.slice(1).map((r) => r[col('Ref')] as string);
    expect(refs).toEqual([...refs].sort());
  });

  it('has the same columns and cells as the CSV of the same view', async () => {
    await richAction();
    await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, action: '=1+1', targetDate: null });
    const { rows } = await exportXlsx('?sort=ref');
    const csv = csvRecords(await world.request({ method: 'GET', url: '/api/exports/actions.csv?sort=ref' }));
    const asText = (value: ExcelJS.CellValue) => (value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
    expect(csv).toEqual(rows.map((row) => row.map(asText)));
  });

  it('cuts a cell short, saying so, where Excel would call the file damaged (over 32,767 characters)', () => {
    const long = fitCell('x'.repeat(40_000));
    expect(long).toHaveLength(32_767);
    expect(long).toMatch(/cut short: Excel holds no more in one cell; the tracker has it all\)$/);
    expect(fitCell('short')).toBe('short');
    expect(fitCell(7)).toBe(7);
  });

  it('refuses a filter it does not know, naming it', async () => {
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.xlsx?brag=purple' });
    expectProblem(response, { status: 400, code: 'validation.failed', path: 'brag.0' });
  });

  it('asks who is there first', async () => {
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.xlsx', as: null });
    expectProblem(response, { status: 401, code: 'auth.unauthenticated' });
  });

  it('is open to a viewer', async () => {
    const viewer = await world.signIn(['viewer']);
    const response = await world.request({ method: 'GET', url: '/api/exports/actions.xlsx', as: viewer });
    expect(response.statusCode).toBe(200);
  });
});
