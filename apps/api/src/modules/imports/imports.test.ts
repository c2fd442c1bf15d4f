import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Action, ImportCommitResult, ImportPreview, ProgressUpdate } from '@lrt/contracts';
import { rawRow, rawRows } from '@lrt/db';
import { expectProblem, expectRefused } from '../../testing/http-expect';
import { multipartBody } from '../../testing/multipart';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedPartnership>>;

/** A review and the agencies of Appendix A that the partnership already knows (not the Youth Justice Service). */
async function seedPartnership() {
  const db = world.db;
  const subgroup = await factories.subgroup(db);
  const asc = await factories.agency(db, { name: 'Adult Social Care', shortName: 'ASC', kind: 'local_authority' });
  const bchft = await factories.agency(db, { name: 'Black Country Healthcare NHS Foundation Trust', shortName: 'BCHFT', kind: 'health' });
  const sct = await factories.agency(db, { name: 'Sandwell Children’s Trust', shortName: 'SCT', kind: 'local_authority' });
  const wmp = await factories.agency(db, { name: 'West Midlands Police', shortName: 'WMP', kind: 'police' });
  const review = await factories.review(db, { code: 'SD-2022', subgroupId: subgroup.id });
  return { subgroup, asc, bchft, sct, wmp, review };
}

beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedPartnership();
});
afterEach(() => world.close());

const upload = (content: Buffer | string, filename = 'plan.csv', reviewId: number | string = plan.review.id, as?: Parameters<TestWorld['request']>[0]['as']) =>
  world.request({
    method: 'POST',
    url: '/api/imports',
    ...multipartBody([
      { name: 'reviewId', content: String(reviewId) },
      { name: 'file', filename, content },
    ]),
    ...(as !== undefined ? { as } : {}),
  });
const patch = (id: number, payload: Record<string, unknown>) => world.request({ method: 'PATCH', url: `/api/imports/${id}`, payload });
const commit = (id: number) => world.request({ method: 'POST', url: `/api/imports/${id}/commit` });
const count = async (table: string) => (await rawRow<{ n: number }>(world.db, `select count(*) as n from ${table}`))!.n;
const planTables = async () => {
  const counts: number[] = [];
  for (const table of ['actions', 'progress_updates', 'agencies', 'audit_events', 'action_agencies']) counts.push(await count(table));
  return counts.join(',');
};

/** Appendix A as a business unit's Excel would save it on Windows: cp1252, curly quotes, cells over several lines. */
const APPENDIX_A = [
  'Single Agency Actions identified at Rapid Review,,,,',
  ',,,,',
  'Agency,Identified Learning Need,Action to be taken,Progress Update,Target date',
  'Adult Social Care,Need to connect known family members on the system,Training refresher for staff on purpose and need to do this,"Contact made with Principal Social Worker who is reviewing the recording policy.',
  'Divisional Management Team will ensure that linking relationships is captured.",31/03/2026',
  'BCHFT,Use of genograms to link service users and aid ‘Think Family’ approach,"The Safeguarding Training Programme for 2022/ 2023 will be developed and delivered in house.","BCHFT confirmed that all children’s services use a genogram; “well received”.",31.3.26',
  ',,,,',
  'Agency,Identified Learning Need,Action to be taken,Progress Update,Target date',
  'SCT,Impact of neglect and quality of assessments in neglect cases,Learning from cases where neglect is a feature will be shared,Reflective sessions held every two weeks,March 2026',
  'West Midlands Police,Need to make safeguarding referrals for young people who enter the criminal justice system,WMP to dip sample 10 cases,Audit completed. 6 of 10 cases showed a referral,end of Q3 2026',
  'YJS,Utilising a whole family approach and mapping to inform assessments,Discussion of next steps at YJS Partnership Board,There are 2 different types of mapping happening,46112',
].join('\r\n');
const appendixA = () => iconv.encode(APPENDIX_A, 'windows-1252');

describe('POST /api/imports: a messy plan in the style of Appendix A', () => {
  it('finds the header under the title, maps the columns by their names and reads the Windows-1252 text as written', async () => {
    const response = await upload(appendixA());
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json<ImportPreview>();
    expect(preview).toMatchObject({ format: 'csv', headerRow: 3, state: 'draft', reviewId: plan.review.id });
    expect(preview.mapping.map((m) => m.field)).toEqual(['ownerAgency', 'learningNeed', 'action', 'progressUpdate', 'targetDate']);
    expect(preview.columns[0]).toMatchObject({ heading: 'Agency', samples: ['Adult Social Care', 'BCHFT', 'SCT'] });
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/Windows-1252/);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/header is repeated on row 7/);
    expect(preview.rows.map((r) => r.rowNumber)).toEqual([4, 5, 8, 9, 10]);
    const bchft = preview.rows.find((r) => r.rowNumber === 5)!;
    expect(bchft.values.learningNeed).toBe('Use of genograms to link service users and aid ‘Think Family’ approach');
    expect(bchft.values.progressUpdate).toBe('BCHFT confirmed that all children’s services use a genogram; “well received”.');
  });

  it('reads each way of writing a date, warning wherever it guessed', async () => {
    const preview = (await upload(appendixA())).json<ImportPreview>();
    const byRow = new Map(preview.rows.map((r) => [r.rowNumber, r]));
    expect(byRow.get(4)!.values.targetDate).toBe('2026-03-31');
    expect(byRow.get(4)!.warnings).toEqual([]);
    expect(byRow.get(5)!.values.targetDate).toBe('2026-03-31');
    expect(byRow.get(5)!.warnings).toContainEqual({ field: 'targetDate', message: '“31.3.26” read as 31 March 2026' });
    expect(byRow.get(8)!.values.targetDate).toBe('2026-03-31');
    expect(byRow.get(8)!.warnings[0]!.message).toMatch(/names a month: read as its last day/);
    expect(byRow.get(9)!.values.targetDate).toBe('2026-12-31');
    expect(byRow.get(9)!.warnings[0]!.message).toMatch(/quarter 3 of the financial year 2026\/27/);
    expect(byRow.get(10)!.values.targetDate).toBe('2026-03-31');
    expect(byRow.get(10)!.warnings[0]!.message).toMatch(/Excel date number/);
  });

  it('matches agencies by name or short name, and suggests near misses for a name it does not know', async () => {
    const preview = (await upload(appendixA())).json<ImportPreview>();
    const byName = new Map(preview.agencies.map((a) => [a.name, a]));
    expect(byName.get('Adult Social Care')).toMatchObject({ agencyId: plan.asc.id, matchedBy: 'name' });
    expect(byName.get('BCHFT')).toMatchObject({ agencyId: plan.bchft.id, matchedBy: 'short_name' });
    expect(byName.get('West Midlands Police')).toMatchObject({ agencyId: plan.wmp.id });
    expect(byName.get('YJS')).toMatchObject({ agencyId: null, matchedBy: 'none', rows: 1 });
    const yjs = preview.rows.find((r) => r.rowNumber === 10)!;
    expect(yjs.outcome).toBe('error');
    expect(yjs.errors).toContainEqual({ field: 'ownerAgency', message: expect.stringContaining('no agency called “YJS”') });
    expect(preview.canCommit).toBe(false);
  });

  it('shows each row as it will be saved, with the refs it will get, and saves nothing', async () => {
    const before = await planTables();
    const preview = (await upload(appendixA())).json<ImportPreview>();
    expect(await planTables()).toBe(before);
    const created = preview.rows.filter((r) => r.outcome === 'create');
    expect(created.map((r) => r.ref)).toEqual(['SD-2022/A1', 'SD-2022/A2', 'SD-2022/A3', 'SD-2022/A4']);
    expect(created[0]!.values).toMatchObject({ ownerAgency: 'ASC', status: 'In progress', targetDate: '2026-03-31', confidence: 'On track' });
    expect(preview.counts).toMatchObject({ rows: 5, create: 4, error: 1 });
    expect(preview.warnings.map((w) => w.field)).toEqual(expect.arrayContaining(['status', 'confidence']));
  });

  it('refuses to commit while a row has an error, and saves nothing', async () => {
    const preview = (await upload(appendixA())).json<ImportPreview>();
    const problem = await expectRefused(world, { method: 'POST', url: `/api/imports/${preview.id}/commit` }, { status: 422, code: 'import.not_ready', path: 'rows.10.ownerAgency' });
    expect(problem.detail).toMatch(/Nothing was imported: 1 row has errors/);
  });

  it('commits every row once the unknown agency is created: actions, the agency and first progress notes marked as imported', async () => {
    const first = (await upload(appendixA(), 'SD action plan.csv')).json<ImportPreview>();
    const corrected = await patch(first.id, { agencyMatches: [{ name: 'YJS', create: { name: 'Youth Justice Service', shortName: 'YJS', kind: 'local_authority' } }] });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const preview = corrected.json<ImportPreview>();
    expect(preview.agencies.find((a) => a.name === 'YJS')).toMatchObject({ matchedBy: 'created' });
    expect(preview.canCommit).toBe(true);
    expect(await count('agencies')).toBe(4);

    const response = await commit(first.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportCommitResult>()).toEqual({ created: 5, updated: 0, agenciesCreated: 1 });

    const actions = (await world.request({ method: 'GET', url: `/api/actions?reviewId=${plan.review.id}&sort=ref` })).json<{ items: Action[] }>().items;
    expect(actions.map((a) => a.ref)).toEqual(['SD-2022/A1', 'SD-2022/A2', 'SD-2022/A3', 'SD-2022/A4', 'SD-2022/A5']);
    expect(actions.every((a) => a.status === 'in_progress')).toBe(true);
    const yjs = (await rawRow<{ id: number }>(world.db, "select id from agencies where short_name = 'YJS'"))!;
    expect(actions[4]).toMatchObject({ ownerAgencyId: yjs.id, targetDate: '2026-03-31' });

    const history = (await world.request({ method: 'GET', url: `/api/actions/${actions[0]!.id}/updates` })).json<{ items: ProgressUpdate[] }>().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      authorName: 'Business Unit Admin',
      importedFrom: 'SD action plan.csv',
      agencyId: plan.asc.id,
      confidence: 'on_track',
      statusChange: { from: 'not_started', to: 'in_progress' },
      note: 'Contact made with Principal Social Worker who is reviewing the recording policy.\nDivisional Management Team will ensure that linking relationships is captured.',
    });
    const audited = await rawRows(world.db, "select entity, count(*) as n from audit_events where operation = 'create' group by entity order by entity");
    expect(audited).toEqual(expect.arrayContaining([{ entity: 'action', n: 5 }, { entity: 'agency', n: 1 }, { entity: 'import', n: 1 }]));

    expectProblem(await commit(first.id), { status: 409, code: 'import.committed' });
    const again = (await world.request({ method: 'GET', url: `/api/imports/${first.id}` })).json<ImportPreview>();
    expect(again).toMatchObject({ state: 'committed', counts: { create: 5 }, canCommit: false });
  });

  it('imports the other rows when the importer leaves out the row naming an agency they chose not to create', async () => {
    const first = (await upload(appendixA())).json<ImportPreview>();
    const preview = (await patch(first.id, { agencyMatches: [{ name: 'YJS', agencyId: null }], leaveOut: [10] })).json<ImportPreview>();
    expect(preview.rows.find((r) => r.rowNumber === 10)!.outcome).toBe('left_out');
    expect(preview.canCommit).toBe(true);
    expect((await commit(first.id)).json()).toEqual({ created: 4, updated: 0, agenciesCreated: 0 });
    expect(await count('actions')).toBe(4);
  });

  it('takes a corrected mapping: a column read as something else, or left out', async () => {
    const first = (await upload(appendixA())).json<ImportPreview>();
    const mapping = first.mapping.map((m) => (m.field === 'progressUpdate' ? { ...m, field: 'successMeasure' } : m));
    const preview = (await patch(first.id, { mapping })).json<ImportPreview>();
    const row = preview.rows.find((r) => r.rowNumber === 4)!;
    expect(row.values.successMeasure).toMatch(/^Contact made with Principal Social Worker/);
    expect(row.values.status).toBe('Not started');
    expect(row.values.progressUpdate).toBeUndefined();

    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/imports/${first.id}`, payload: { mapping: [{ column: 0, field: 'action' }, { column: 2, field: 'action' }] } },
      { status: 422, code: 'import.invalid_mapping', path: 'mapping' },
    );
  });
});

describe('the example plan in docs/examples', () => {
  it('reads as the README says: six rows, two agencies to match or create, a warning for each guessed date or missing one', async () => {
    const file = readFileSync(new URL('../../../../../docs/examples/appendix-a-action-plan.csv', import.meta.url));
    const preview = (await upload(file, 'appendix-a-action-plan.csv')).json<ImportPreview>();
    expect(preview).toMatchObject({ headerRow: 2, counts: { rows: 6 } });
    expect(preview.agencies.filter((a) => a.agencyId === null).map((a) => a.name)).toEqual(['WMAS', 'YJS']);
    const dated = preview.rows.map((r) => [r.values.targetDate ?? null, r.warnings.filter((w) => w.field === 'targetDate').length]);
    expect(dated).toEqual([
      ['2026-03-31', 0],
      ['2026-03-31', 1],
      ['2026-03-31', 1],
      ['2026-12-31', 1],
      ['2026-06-30', 0],
      [null, 1],
    ]);
  });
});

describe('cell values as people write them', () => {
  const csv = (rows: string[][]) => [['Agency', 'Action to be taken', 'Target date', 'Status', 'RAG', 'Evidence'], ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');

  it('reads statuses and RAG words, and brings an action only as far as the rules let its importer', async () => {
    const preview = (
      await upload(
        csv([
          ['WMP', 'Dip sample 10 cases', '30/06/2026', 'Complete', 'Blue', 'Audit report: https://intranet.example/audit.pdf'],
          ['WMP', 'Refresh training', '30/06/2026', 'Complete', 'Blue', ''],
          ['ASC', 'Review policy', '30/06/2026', 'On track', 'Amber/Green', ''],
          ['ASC', 'Write guidance', '30/06/2026', 'Not started', 'Red', ''],
          ['SCT', 'Plan a spotlight review', '30/06/2026', 'Assured', '', ''],
        ]),
      )
    ).json<ImportPreview>();
    const [evidenced, unevidenced, onTrack, notStarted, assured] = preview.rows;
    expect(evidenced).toMatchObject({ outcome: 'create', values: { status: 'Completed', evidence: 'https://intranet.example/audit.pdf' } });
    expect(unevidenced).toMatchObject({ outcome: 'create', values: { status: 'In progress' } });
    expect(unevidenced!.warnings).toContainEqual({ field: 'status', message: expect.stringContaining('completion needs evidence') });
    expect(onTrack).toMatchObject({ values: { status: 'In progress', confidence: 'At risk' } });
    expect(onTrack!.warnings).toContainEqual({ field: 'brag', message: '“Amber/Green” read as Amber' });
    expect(notStarted).toMatchObject({ values: { status: 'Not started' } });
    expect(assured!.warnings).toContainEqual({ field: 'status', message: expect.stringMatching(/sign-off is the subgroup’s decision/) });
  });

  it('explains an impossible date or an unknown word on its row', async () => {
    const preview = (await upload(csv([['WMP', 'Dip sample', '31/02/2026', 'Sort of', '', '']]))).json<ImportPreview>();
    expect(preview.rows[0]!.outcome).toBe('error');
    expect(preview.rows[0]!.errors).toEqual([
      { field: 'targetDate', message: '31/02/2026 is not a date: February 2026 has no day 31' },
      { field: 'status', message: expect.stringContaining('“Sort of” is not a status') },
    ]);
  });
});

describe('updating the actions a plan came from', () => {
  async function importTwo() {
    const first = (await upload('Agency,Action to be taken,Target date\nWMP,Dip sample 10 cases,30/06/2026\nASC,Review policy,31/07/2026\n')).json<ImportPreview>();
    await commit(first.id);
    return (await world.request({ method: 'GET', url: `/api/actions?reviewId=${plan.review.id}&sort=ref` })).json<{ items: Action[] }>().items;
  }

  it('matches rows to actions by ref: a changed row updates its action, an unchanged one stays, no duplicates', async () => {
    const [a1, a2] = await importTwo();
    const file = ['Ref,Owner agency,Action to be taken,Target date,Latest progress note,Version', `${a1!.ref},WMP,Dip sample 12 cases,30/06/2026,Sample chosen,${a1!.version}`, `${a2!.ref},ASC,Review policy,31/07/2026,,${a2!.version}`].join('\n');
    const preview = (await upload(file, 'edited.csv')).json<ImportPreview>();
    expect(preview.rows.map((r) => [r.ref, r.outcome])).toEqual([
      [a1!.ref, 'update'],
      [a2!.ref, 'unchanged'],
    ]);
    expect(preview.rows[0]!.changes).toEqual(['action', 'progressUpdate']);
    expect((await commit(preview.id)).json()).toEqual({ created: 0, updated: 1, agenciesCreated: 0 });
    expect(await count('actions')).toBe(2);
    const updated = (await world.request({ method: 'GET', url: `/api/actions/${a1!.id}` })).json<Action>();
    expect(updated).toMatchObject({ action: 'Dip sample 12 cases', latestUpdate: { note: 'Sample chosen' } });
  });

  it('shows a conflict where the action changed since the file was exported, and refuses to commit it', async () => {
    const [a1] = await importTwo();
    const stale = a1!.version - 1 || 0;
    const file = ['Ref,Owner agency,Action to be taken,Version', `${a1!.ref},WMP,Dip sample 20 cases,${stale}`].join('\n');
    const preview = (await upload(file)).json<ImportPreview>();
    expect(preview.rows[0]).toMatchObject({ outcome: 'conflict', actionId: a1!.id });
    expect(preview.rows[0]!.errors[0]!.message).toMatch(/has changed in the tracker since this file was exported/);
    await expectRefused(world, { method: 'POST', url: `/api/imports/${preview.id}/commit` }, { status: 422, code: 'import.not_ready' });
  });

  it('needs a reason to revise a target date, as the action page does', async () => {
    const [a1] = await importTwo();
    const file = ['Ref,Owner agency,Action to be taken,Target date', `${a1!.ref},WMP,Dip sample 10 cases,31/12/2026`].join('\n');
    const refused = (await upload(file)).json<ImportPreview>();
    expect(refused.rows[0]).toMatchObject({ outcome: 'error', errors: [{ field: 'targetDateReason', message: 'say why the target date is revised' }] });
    const withReason = (await upload(`${file},\n`.replace('Target date\n', 'Target date,Reason for a new target date\n').replace('31/12/2026,', '31/12/2026,Staff sickness'))).json<ImportPreview>();
    expect(withReason.rows[0]).toMatchObject({ outcome: 'update', changes: ['targetDate'] });
  });
});

describe('XLSX plans', () => {
  async function workbook(build: (sheet: ExcelJS.Worksheet) => void) {
    const book = new ExcelJS.Workbook();
    build(book.addWorksheet('Action plan'));
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads dates as dates, rich text as text, and a merged agency cell on every row it covers', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['SD action plan']);
      sheet.addRow(['Agency', 'Action to be taken', 'Target date', 'Progress Update']);
      sheet.addRow(['West Midlands Police', { richText: [{ text: 'Dip sample ' }, { text: '10 cases', font: { bold: true } }] }, new Date(Date.UTC(2026, 5, 30)), 'Started']);
      sheet.addRow(['', 'Brief custody staff', new Date(Date.UTC(2026, 8, 30)), '']);
      sheet.mergeCells('A3:A4');
    });
    const response = await upload(file, 'plan.xlsx');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json<ImportPreview>();
    expect(preview).toMatchObject({ format: 'xlsx', sheetName: 'Action plan', headerRow: 2 });
    expect(preview.rows.map((r) => [r.values.ownerAgency, r.values.action, r.values.targetDate])).toEqual([
      ['WMP', 'Dip sample 10 cases', '2026-06-30'],
      ['WMP', 'Brief custody staff', '2026-09-30'],
    ]);
    expect(preview.rows.flatMap((r) => r.warnings).filter((w) => w.field !== 'learningNeed')).toEqual([]);
    expect(preview.warnings.map((w) => w.message).join(' ')).toMatch(/Merged cells/);
  });
});

/** A zip archive of the given parts, stored or deflated, as an .xlsx is. */
function zip(parts: { name: string; content: Buffer; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = part.deflate ? deflateRawSync(part.content) : part.content;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(part.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(part.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(part.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(part.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('bad files: explained, and nothing saved', () => {
  const workbookXml = { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') };
  const cases: [string, () => Buffer | string, string, number, string][] = [
    ['a PNG image', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'photo.png', 415, 'import.unsupported_type'],
    ['an Excel 97–2003 file', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), 'old.xls', 415, 'import.unsupported_type'],
    ['an empty file', () => Buffer.alloc(0), 'empty.csv', 422, 'import.empty'],
    ['a sheet with no recognisable header', () => 'Name,Colour\nAlice,Blue\n', 'people.csv', 422, 'import.no_header'],
    ['a header with no rows', () => 'Agency,Action to be taken\n', 'blank.csv', 422, 'import.no_rows'],
    ['a workbook with macros', () => zip([workbookXml, { name: 'xl/vbaProject.bin', content: Buffer.from('macro') }]), 'macro.xlsx', 422, 'import.macros'],
    ['a workbook linking to other workbooks', () => zip([workbookXml, { name: 'xl/externalLinks/externalLink1.xml', content: Buffer.from('<externalLink/>') }]), 'linked.xlsx', 422, 'import.external_links'],
    ['a zip that is not a workbook', () => zip([{ name: 'readme.txt', content: Buffer.from('hello') }]), 'archive.xlsx', 415, 'import.unsupported_type'],
    ['a zip bomb', () => zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(210 * 1024 * 1024), deflate: true }]), 'bomb.xlsx', 422, 'import.unsafe_file'],
    ['a damaged workbook', () => Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100)]), 'broken.xlsx', 422, 'import.unreadable'],
  ];
  it.each(cases)('%s', async (_label, content, filename, status, code) => {
    const body = content();
    await expectRefused(world, { method: 'POST', url: '/api/imports', ...multipartBody([{ name: 'reviewId', content: String(plan.review.id) }, { name: 'file', filename, content: body }]) }, { status, code, path: 'file' });
  });

  it('a file over 20 MB', async () => {
    const big = `Agency,Action to be taken\n${'WMP,x\n'.repeat(3_600_000)}`;
    await expectRefused(world, { method: 'POST', url: '/api/imports', ...multipartBody([{ name: 'reviewId', content: String(plan.review.id) }, { name: 'file', filename: 'big.csv', content: big }]) }, { status: 413, code: 'import.too_large', path: 'file' });
  });

  it('an unknown review, no review, no file', async () => {
    const form = (parts: Parameters<typeof multipartBody>[0]) => ({ method: 'POST' as const, url: '/api/imports', ...multipartBody(parts) });
    await expectRefused(world, form([{ name: 'reviewId', content: '999' }, { name: 'file', filename: 'p.csv', content: 'Agency,Action\nWMP,x' }]), { status: 422, code: 'validation.unknown_reference', path: 'reviewId' });
    await expectRefused(world, form([{ name: 'file', filename: 'p.csv', content: 'Agency,Action\nWMP,x' }]), { status: 422, code: 'validation.failed', path: 'reviewId' });
    await expectRefused(world, form([{ name: 'reviewId', content: String(plan.review.id) }]), { status: 400, code: 'validation.failed', path: 'file' });
  });

  it('is for the business unit only', async () => {
    const lead = await world.signIn(['agency_lead'], { agencyIds: [plan.wmp.id] });
    const response = await upload('Agency,Action to be taken\nWMP,x\n', 'p.csv', plan.review.id, lead);
    expectProblem(response, { status: 403, code: 'auth.forbidden' });
  });
});
