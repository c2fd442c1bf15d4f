import { Readable } from 'node:stream';
import type { Action } from '@lrt/contracts';
import { PLAN_HEADINGS, isoDay, neutralise, planCells, type PlanCell, type PlanNames } from './plan-cells';

/** A cell of CSV: text neutralised (a spreadsheet must not run it) and quoted when it holds a comma, quote or line break. */
export function csvCell(value: PlanCell | boolean | undefined): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? isoDay(value) : typeof value === 'string' ? neutralise(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (PlanCell | boolean | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The plan as CSV, written as it is read: a byte-order mark (so Excel reads UTF-8), the headings of PLAN_COLUMNS,
 * then one line per action, a page at a time. A failure part way is reported to `onError` and ends the stream
 * with that error (the download stops short rather than looking complete).
 */
export function planCsvStream(pages: AsyncIterable<Action[]>, names: PlanNames, onError: (error: unknown) => void): Readable {
  async function* chunks() {
    yield `\uFEFF${csvLine(PLAN_HEADINGS)}`;
    try {
      for await (const page of pages) yield page.map((action) => csvLine(planCells(action, names))).join('');
    } catch (error) {
      onError(error);
      throw error;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
