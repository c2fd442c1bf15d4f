import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_COLUMNS } from '@lrt/contracts';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, type TestWorld } from '../../testing/test-app';
import { readWorkbook, sheetRows } from './read-exports';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const IMPORTABLE = PLAN_COLUMNS.filter((column) => column.field !== null && column.field !== 'version').map((column) => column.heading);

describe('GET /api/exports/plan-template.xlsx', () => {
  it('is a blank plan with the headings the import reads, styled as the export', async () => {
    const response = await world.request({ method: 'GET', url: '/api/exports/plan-template.xlsx' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="action-plan-template.xlsx"');
    const workbook = await readWorkbook(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Action plan', 'How to fill this in']);
    expect(workbook.creator).toBe('Learning Review Tracker');

    const sheet = workbook.getWorksheet('Action plan')!;
    const rows = sheetRows(sheet, IMPORTABLE.length);
    expect(rows).toEqual([IMPORTABLE]);
    expect(IMPORTABLE).toContain('Latest progress note');
    expect(IMPORTABLE).not.toContain('Version');
    expect(IMPORTABLE).not.toContain('BRAG reason');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(IMPORTABLE.indexOf('Target date') + 1).numFmt).toBe('dd/mm/yyyy');
  });

  it('offers the status, BRAG, kind and confidence words as lists, but lets other words through with a warning', async () => {
    const workbook = await readWorkbook(await world.request({ method: 'GET', url: '/api/exports/plan-template.xlsx' }));
    const sheet = workbook.getWorksheet('Action plan')!;
    const validation = (heading: string) => sheet.getCell(2, IMPORTABLE.indexOf(heading) + 1).dataValidation;
    expect(validation('Status')).toMatchObject({ type: 'list', formulae: ['"Not started,In progress,Completed,Assured,Withdrawn"'], errorStyle: 'warning' });
    expect(validation('BRAG')).toMatchObject({ type: 'list', formulae: ['"Blue,Green,Amber,Red"'] });
    expect(validation('Kind')).toMatchObject({ type: 'list', formulae: ['"Single-agency,Multi-agency"'] });
    expect(validation('Latest confidence')).toMatchObject({ type: 'list', formulae: ['"On track,At risk,Off track"'] });
  });

  it('says what to write under every heading', async () => {
    const workbook = await readWorkbook(await world.request({ method: 'GET', url: '/api/exports/plan-template.xlsx' }));
    const guide = sheetRows(workbook.getWorksheet('How to fill this in')!, 2);
    expect(guide[0]).toEqual(['Column', 'What to write']);
    const said = new Map(guide.slice(1).map(([column, what]) => [column, what]));
    for (const heading of IMPORTABLE) expect(said.get(heading), heading).toEqual(expect.stringMatching(/\w{3,}/));
    expect(said.get('Target date')).toContain('31/03/2027');
    expect(said.get('Status')).toContain('Not started, In progress, Completed');
    expect(said.get('BRAG')).toContain('Blue, Green, Amber or Red');
    expect(said.get('Owner agency')).toContain('name or short name');
  });

  it('asks who is there first', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/exports/plan-template.xlsx', as: null }), { status: 401, code: 'auth.unauthenticated' });
  });
});
