import { PassThrough, type Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PLAN_COLUMNS, type Action } from '@lrt/contracts';
import { learningPoints, recommendations, reviews, type Db } from '@lrt/db';
import { PLAN_HEADINGS, learningPointLabel, neutralise, planCells, recommendationLabel, type PlanNames } from './plan-cells';
import { FROZEN_HEADER, WORKBOOK_CREATOR, planSheetColumns, styleBragCell, styleHeaderRow, stylePlanRow, whenClosed, whenWritable } from './plan-workbook';

export const PLAN_SHEET = 'Action plan';
export const LEARNING_SHEET = 'Learning and recommendations';

const BRAG_COLUMN = PLAN_COLUMNS.findIndex((column) => column.heading === 'BRAG') + 1;

/** The most characters an Excel cell holds; past it Excel calls the file damaged. Only a long history of revisions nears it. */
const EXCEL_CELL_CHARACTERS = 32_767;
const TRUNCATED = ' … (cut short: Excel holds no more in one cell; the tracker has it all)';
export const fitCell = <T>(value: T): T =>
  typeof value === 'string' && value.length > EXCEL_CELL_CHARACTERS ? (`${value.slice(0, EXCEL_CELL_CHARACTERS - TRUNCATED.length)}${TRUNCATED}` as T) : value;

/** The second sheet's columns: what each action in the first answers, review by review. */
export const LEARNING_COLUMNS = [
  { heading: 'Review', field: null, aliases: [], width: 14 },
  { heading: 'Learning point or recommendation', field: null, aliases: [], width: 18 },
  { heading: 'Title', field: null, aliases: [], width: 40 },
  { heading: 'Text', field: null, aliases: [], width: 80 },
  { heading: 'Learning points answered', field: null, aliases: [], width: 18 },
] as const;

/** Uncompressed sheet text that may wait for compression before the next page is read. */
const BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * How much of the sheet's text waits to be compressed. exceljs hands each committed row on without waiting for its
 * compressor (it ignores the compressor's backpressure), so an export that read pages as fast as it can make rows
 * would pile up tens of megabytes here. It is read from exceljs's internals (pinned at 4.4.0); if they change, this
 * says 0 and the export falls back on the download's own backpressure alone.
 */
function compressionBacklog(sheet: ExcelJS.Worksheet): number {
  const pipes = (sheet as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream?.pipes ?? [];
  return pipes.reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
}

/** Waits until the compressor has caught up with the sheet and the download can take more (or is gone). */
async function whenCaughtUp(sheet: ExcelJS.Worksheet, stream: Writable) {
  while (!stream.destroyed) {
    if (stream.writableNeedDrain) await whenWritable(stream);
    else if (compressionBacklog(sheet) > BACKLOG_BYTES) await sleep(5);
    else return;
  }
}

export interface PlanWorkbookOptions {
  db: Db;
  pages: AsyncIterable<Action[]>;
  names: PlanNames;
  /** Reviews the view was filtered on: their learning is listed even when none of their actions matched. */
  reviewIds: readonly number[];
  now: Date;
}

/**
 * The plan as an Excel workbook, streamed: each row is written out (committed) as soon as it is made, and the
 * next page of actions is read only once the download has taken the last, so the file is never held whole.
 */
export async function writePlanWorkbook(options: PlanWorkbookOptions & { stream: Writable }): Promise<void> {
  const { stream } = options;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.created = options.now;
  workbook.modified = options.now;

  const sheet = workbook.addWorksheet(PLAN_SHEET, { views: FROZEN_HEADER });
  sheet.columns = planSheetColumns(PLAN_COLUMNS);
  const header = sheet.addRow(PLAN_HEADINGS);
  styleHeaderRow(header, PLAN_HEADINGS.length);
  header.commit();

  let lastRow = 1;
  const reviewIds = new Set(options.reviewIds);
  for await (const page of options.pages) {
    for (const action of page) {
      reviewIds.add(action.reviewId);
      const row = sheet.addRow(planCells(action, options.names).map(fitCell));
      // Day cells take their column's dd/mm/yyyy (Excel would otherwise pick its own, American, format).
      stylePlanRow(row, PLAN_COLUMNS);
      styleBragCell(row.getCell(BRAG_COLUMN), action.brag);
      row.commit();
      lastRow++;
    }
    await whenCaughtUp(sheet, stream);
    if (stream.destroyed) return;
  }
  // Written when the sheet is committed, so it can span every row.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: PLAN_HEADINGS.length } };
  sheet.commit();

  const learning = await loadLearning(options.db, [...reviewIds]);
  writeLearningSheet(workbook.addWorksheet(LEARNING_SHEET, { views: FROZEN_HEADER }), learning, options.names);
  await Promise.race([workbook.commit(), whenClosed(stream)]);
}

interface ReviewLearning {
  code: string;
  points: (typeof learningPoints.$inferSelect)[];
  recommendations: (typeof recommendations.$inferSelect)[];
}
type Learning = ReviewLearning[];

/** The reviews' key learning points and recommendations, in the order the learning sheet lists them, read before it is written. */
async function loadLearning(db: Db, reviewIds: number[]): Promise<Learning> {
  const learning: Learning = [];
  for (const review of await reviewsByCode(db, reviewIds)) {
    const points = await db.select().from(learningPoints).where(eq(learningPoints.reviewId, review.id)).orderBy(asc(learningPoints.number));
    const answers = await db.select().from(recommendations).where(eq(recommendations.reviewId, review.id)).orderBy(asc(recommendations.number));
    learning.push({ code: review.code, points, recommendations: answers });
  }
  return learning;
}

/** Each review's key learning points, then its recommendations with the learning points they answer. */
function writeLearningSheet(sheet: ExcelJS.Worksheet, learning: Learning, names: PlanNames) {
  sheet.columns = planSheetColumns(LEARNING_COLUMNS);
  const header = sheet.addRow(LEARNING_COLUMNS.map((column) => column.heading));
  styleHeaderRow(header, LEARNING_COLUMNS.length);
  header.commit();
  const text = (value: string | null | undefined) => (value ? fitCell(neutralise(value)) : null);
  let lastRow = 1;
  const add = (cells: (string | null)[]) => {
    const row = sheet.addRow(cells);
    stylePlanRow(row, LEARNING_COLUMNS);
    row.commit();
    lastRow++;
  };
  for (const review of learning) {
    for (const point of review.points) {
      add([text(review.code), learningPointLabel(point.number), text(point.title), text(point.description), null]);
    }
    for (const recommendation of review.recommendations) {
      const answers = (names.learningPointNumbers.get(recommendation.id) ?? []).map(learningPointLabel).join('; ');
      add([text(review.code), recommendationLabel(recommendation.number), null, text(recommendation.text), answers || null]);
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: LEARNING_COLUMNS.length } };
  sheet.commit();
}

async function reviewsByCode(db: Db, ids: number[]) {
  const found: { id: number; code: string }[] = [];
  // In slices, within SQLite's limit on bound values, for an export of every review.
  for (let start = 0; start < ids.length; start += 500) {
    const slice = ids.slice(start, start + 500);
    found.push(...(await db.select({ id: reviews.id, code: reviews.code }).from(reviews).where(inArray(reviews.id, slice))));
  }
  return found.sort((a, b) => a.code.localeCompare(b.code, 'en-GB', { numeric: true }));
}

/**
 * The plan workbook as a stream to send. A failure part way (the response has begun) is reported to `onError`
 * and destroys the stream, so the download stops short instead of ending as a file that looks whole.
 */
export function planXlsxStream(options: PlanWorkbookOptions, onError: (error: unknown) => void): PassThrough {
  // A megabyte of compressed workbook may wait for the network: enough that writing seldom waits on each small read.
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  writePlanWorkbook({ ...options, stream }).catch((error: unknown) => {
    onError(error);
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return stream;
}
