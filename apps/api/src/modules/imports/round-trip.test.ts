import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, ImportCommitResult, ImportPreview, ProgressUpdate } from '@lrt/contracts';
import { rawRow } from '@lrt/db';
import { expectRefused } from '../../testing/http-expect';
import { multipartBody } from '../../testing/multipart';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import { PLAN_SHEET } from '../exports/actions-xlsx';

/**
 * The plan taken out of the tracker and brought back, as a business unit does between board meetings: the real
 * export downloaded, edited the way someone in Excel edits it, saved, uploaded, previewed and committed.
 */

let world: TestWorld;
let seed: Awaited<ReturnType<typeof seedPartnership>>;

async function seedPartnership() {
  const subgroup = await factories.subgroup(world.db, { name: 'Learning and Improvement' });
  const police = await factories.agency(world.db, { name: 'West Midlands Police', shortName: 'WMP', kind: 'police' });
  const health = await factories.agency(world.db, { name: 'Black Country Healthcare NHS Foundation Trust', shortName: 'BCHFT', kind: 'health' });
  const theme = await factories.theme(world.db, { name: 'Think family' });
  const review = await factories.review(world.db, { code: 'SD-2025', subgroupId: subgroup.id });
  return { subgroup, police, health, theme, review };
}

beforeEach(async () => {
  world = await createTestWorld();
  seed = await seedPartnership();
});
afterEach(() => world.close());

async function ok<T>(request: Parameters<TestWorld['request']>[0], status = 200): Promise<T> {
  const response = await world.request(request);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

/** The review's plan, made through the API: three actions, one of them with an agency's progress note. */
async function makePlan() {
  const create = (payload: Record<string, unknown>) => ok<Action>({ method: 'POST', url: '/api/actions', payload: { reviewId: seed.review.id, ...payload } }, 201);
  const a1 = await create({ ownerAgencyId: seed.police.id, learningNeed: 'Referrals for young people in custody', action: 'Dip sample 10 cases', targetDate: '2026-06-30', themeIds: [seed.theme.id] });
  const a2 = await create({
    kind: 'multi_agency',
    ownerAgencyId: seed.health.id,
    partnerAgencyIds: [seed.police.id],
    learningNeed: 'Use of genograms',
    action: 'Deliver genogram training',
    successMeasure: 'Genograms seen in 8 of 10 audited records',
    targetDate: '2026-09-30',
  });
  const a3 = await create({ ownerAgencyId: seed.police.id, learningNeed: 'Hearing the child', action: 'Brief custody staff', targetDate: '2026-07-31' });
  await ok({ method: 'POST', url: `/api/actions/${a2.id}/updates`, payload: { note: 'Two sessions booked for April', confidence: 'on_track', statusChange: { to: 'in_progress' } } }, 201);
  return { a1, a2, a3 };
}

const actionsOfReview = async () => (await ok<{ items: Action[] }>({ method: 'GET', url: `/api/actions?reviewId=${seed.review.id}&sort=ref&limit=100` })).items;
const action = (id: number) => ok<Action>({ method: 'GET', url: `/api/actions/${id}` });
const updatesOf = async (id: number) => (await ok<{ items: ProgressUpdate[] }>({ method: 'GET', url: `/api/actions/${id}/updates` })).items;
const auditEventsOf = async (id: number) =>
  (await rawRow<{ n: number }>(world.db, "select count(*) as n from audit_events where entity = 'action' and entity_id = ?", [id]))!.n;

/** One way of taking the plan out and back: the download, and the file as a spreadsheet program edits it. */
interface Format {
  name: string;
  download: string;
  fileName: string;
  open: (bytes: Buffer) => Promise<EditedPlan>;
}

/** A downloaded plan opened for editing, cell by cell under its headings. */
interface EditedPlan {
  refs: () => string[];
  get: (ref: string, heading: string) => string;
  set: (ref: string, heading: string, value: string | Date) => void;
  append: (values: Record<string, string | Date>) => void;
  save: () => Promise<Buffer>;
}

const ukDate = (date: Date) => `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;

const XLSX: Format = {
  name: 'Excel',
  download: '/api/exports/actions.xlsx',
  fileName: 'SD-2025 action plan.xlsx',
  open: async (bytes) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(PLAN_SHEET)!;
    const headings = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => headings.set(String(cell.value), column));
    const column = (heading: string) => {
      const found = headings.get(heading);
      if (found === undefined) throw new Error(`the export has no column “${heading}”`);
      return found;
    };
    const rowOf = (ref: string) => {
      for (let n = 2; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(column('Ref')).value === ref) return sheet.getRow(n);
      throw new Error(`no row for ${ref}`);
    };
    return {
      refs: () => Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(column('Ref')).value ?? '')),
      get: (ref, heading) => {
        const value = rowOf(ref).getCell(column(heading)).value;
        return value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');
      },
      set: (ref, heading, value) => {
        rowOf(ref).getCell(column(heading)).value = value;
      },
      // Typed into the first empty row under the plan, as someone adding an action does.
      append: (values) => {
        const row = sheet.getRow(sheet.rowCount + 1);
        for (const [heading, value] of Object.entries(values)) row.getCell(column(heading)).value = value;
        row.commit();
      },
      save: async () => Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  },
};

/** A CSV as Excel saves it again: every cell rewritten, dates in the UK way, no byte-order mark kept. */
const CSV: Format = {
  name: 'CSV',
  download: '/api/exports/actions.csv',
  fileName: 'SD-2025 action plan.csv',
  open: async (bytes) => {
    const records = parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    const headings = records[0]!;
    const column = (heading: string) => {
      const found = headings.indexOf(heading);
      if (found < 0) throw new Error(`the export has no column “${heading}”`);
      return found;
    };
    const rowOf = (ref: string) => {
      const row = records.find((r, i) => i > 0 && r[column('Ref')] === ref);
      if (!row) throw new Error(`no row for ${ref}`);
      return row;
    };
    const cell = (value: string | Date) => (value instanceof Date ? ukDate(value) : value);
    // Excel shows a date column as dates and saves them the way it shows them.
    for (const record of records.slice(1)) {
      for (const heading of ['Target date', 'Original target date', 'Last update']) {
        const value = record[column(heading)]!;
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) record[column(heading)] = ukDate(new Date(`${value}T00:00:00Z`));
      }
    }
    return {
      refs: () => records.slice(1).map((r) => r[column('Ref')]!),
      get: (ref, heading) => rowOf(ref)[column(heading)]!,
      set: (ref, heading, value) => {
        rowOf(ref)[column(heading)] = cell(value);
      },
      append: (values) => {
        const row = headings.map(() => '');
        for (const [heading, value] of Object.entries(values)) row[column(heading)] = cell(value);
        records.push(row);
      },
      save: async () =>
        Buffer.from(records.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n'),
    };
  },
};

async function download(format: Format): Promise<EditedPlan> {
  const response = await world.request({ method: 'GET', url: `${format.download}?reviewId=${seed.review.id}&sort=ref` });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return format.open(response.rawPayload);
}

async function upload(file: Buffer, fileName: string): Promise<ImportPreview> {
  return ok<ImportPreview>({
    method: 'POST',
    url: '/api/imports',
    ...multipartBody([
      { name: 'reviewId', content: String(seed.review.id) },
      { name: 'file', filename: fileName, content: file },
    ]),
  }, 201);
}

const outcomes = (preview: ImportPreview) => preview.rows.map((row) => [row.ref, row.outcome, row.changes]);

describe.each([XLSX, CSV])('the plan exported as $name, edited and imported again', (format) => {
  it('updates the actions edited, keeps the others as they were, creates the new row, and makes no duplicates', async () => {
    const { a1, a2, a3 } = await makePlan();
    const file = await download(format);
    expect(file.refs()).toEqual([a1.ref, a2.ref, a3.ref]);

    // What a business unit officer does in the file before the board meeting.
    file.set(a1.ref, 'Action to be taken', 'Dip sample 20 cases, then report to the subgroup');
    file.set(a1.ref, 'Target date', new Date(Date.UTC(2026, 11, 31)));
    file.set(a1.ref, 'Reason for a new target date', 'The sample was doubled at the March subgroup');
    file.set(a3.ref, 'Latest progress note', 'Briefings held on both custody suites; the next is in May.');
    file.set(a3.ref, 'Latest confidence', 'At risk');
    file.set(a3.ref, 'Status', 'In progress');
    file.append({
      'Owner agency': 'WMP',
      'Identified learning need': 'Professional curiosity about adults in the household',
      'Action to be taken': 'Add a question about adults in the home to the custody risk form',
      'Target date': new Date(Date.UTC(2026, 9, 31)),
    });
    const untouched = { version: (await action(a2.id)).version, events: await auditEventsOf(a2.id), updates: (await updatesOf(a2.id)).length };

    const preview = await upload(await file.save(), format.fileName);
    expect(preview.errors).toEqual([]);
    expect(outcomes(preview)).toEqual([
      [a1.ref, 'update', ['action', 'targetDate']],
      [a2.ref, 'unchanged', []],
      [a3.ref, 'update', ['progressUpdate', 'status']],
      ['SD-2025/A4', 'create', []],
    ]);
    expect(preview.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 4, create: 1, update: 2, unchanged: 1, conflict: 0, error: 0 });
    expect(preview.canCommit).toBe(true);

    expect(await ok<ImportCommitResult>({ method: 'POST', url: `/api/imports/${preview.id}/commit` })).toEqual({ created: 1, updated: 2, agenciesCreated: 0 });

    const after = await actionsOfReview();
    expect(after.map((a) => a.ref)).toEqual([a1.ref, a2.ref, a3.ref, 'SD-2025/A4']);
    expect(new Set(after.map((a) => a.ref.toLowerCase())).size).toBe(after.length);

    const edited = await action(a1.id);
    expect(edited).toMatchObject({ action: 'Dip sample 20 cases, then report to the subgroup', targetDate: '2026-12-31', learningNeed: a1.learningNeed, themeIds: [seed.theme.id] });
    expect(edited.targetDateHistory).toEqual([
      expect.objectContaining({ targetDate: '2026-06-30', from: null }),
      expect.objectContaining({ targetDate: '2026-12-31', from: '2026-06-30', reason: 'The sample was doubled at the March subgroup', decidedBy: 'Business Unit Admin' }),
    ]);

    const noted = await action(a3.id);
    expect(noted).toMatchObject({ status: 'in_progress', latestConfidence: 'at_risk', latestUpdate: { note: 'Briefings held on both custody suites; the next is in May.' } });
    const [newest, ...older] = await updatesOf(a3.id);
    expect(older).toEqual([]);
    expect(newest).toMatchObject({ importedFrom: format.fileName, authorName: 'Business Unit Admin', agencyId: seed.police.id, confidence: 'at_risk', statusChange: { from: 'not_started', to: 'in_progress' } });

    // The row nobody touched: the same action, no new note, nothing in its trail.
    const same = await action(a2.id);
    expect(same).toMatchObject({ version: untouched.version, action: a2.action, successMeasure: a2.successMeasure, partnerAgencyIds: [seed.police.id], targetDate: '2026-09-30' });
    expect((await updatesOf(a2.id)).length).toBe(untouched.updates);
    expect(await auditEventsOf(a2.id)).toBe(untouched.events);

    const created = after[3]!;
    expect(created).toMatchObject({
      ownerAgencyId: seed.police.id,
      kind: 'single_agency',
      learningNeed: 'Professional curiosity about adults in the household',
      action: 'Add a question about adults in the home to the custody risk form',
      targetDate: '2026-10-31',
      status: 'not_started',
      subgroupId: seed.subgroup.id,
    });

    // The file imported again changes nothing more: its versions are the ones the tracker had before the commit.
    const again = await upload(await file.save(), format.fileName);
    expect(again.rows.filter((row) => row.outcome === 'conflict').map((row) => row.ref)).toEqual([a1.ref, a3.ref]);
  });

  it('shows a row as a conflict when its action changed in the tracker since the export, and never overwrites it', async () => {
    const { a1, a2 } = await makePlan();
    const file = await download(format);

    // Meanwhile, in the tracker.
    const patched = await ok<Action>({ method: 'PATCH', url: `/api/actions/${a2.id}`, payload: { version: (await action(a2.id)).version, action: 'Deliver genogram training to every health visiting team' } });
    file.set(a2.ref, 'Action to be taken', 'Deliver genogram training, and audit its use');
    file.set(a1.ref, 'Action to be taken', 'Dip sample 12 cases');
    const bytes = await file.save();

    const preview = await upload(bytes, format.fileName);
    const conflict = preview.rows.find((row) => row.ref === a2.ref)!;
    expect(conflict).toMatchObject({ outcome: 'conflict', actionId: a2.id });
    expect(conflict.errors[0]!.message).toMatch(/has changed in the tracker since this file was exported/);
    expect(preview.rows.find((row) => row.ref === a1.ref)).toMatchObject({ outcome: 'update', changes: ['action'] });
    expect(preview.canCommit).toBe(false);

    const before = await world.snapshot();
    await expectRefused(world, { method: 'POST', url: `/api/imports/${preview.id}/commit` }, { status: 422, code: 'import.not_ready', path: `rows.${conflict.rowNumber}` });
    expect(await world.snapshot()).toBe(before);

    // Leaving the row out imports the rest, and the change made in the tracker stands.
    const rest = await ok<ImportPreview>({ method: 'PATCH', url: `/api/imports/${preview.id}`, payload: { leaveOut: [conflict.rowNumber] } });
    expect(rest.canCommit).toBe(true);
    expect(await ok<ImportCommitResult>({ method: 'POST', url: `/api/imports/${preview.id}/commit` })).toEqual({ created: 0, updated: 1, agenciesCreated: 0 });
    expect(await action(a2.id)).toMatchObject({ action: 'Deliver genogram training to every health visiting team', version: patched.version });
    expect(await action(a1.id)).toMatchObject({ action: 'Dip sample 12 cases' });
  });
});
