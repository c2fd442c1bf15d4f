import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Brag, PlanColumn } from '@lrt/contracts';

/** The look shared by the exported plan and the blank template, so a file from either reads the same. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const WORKBOOK_CREATOR = 'Learning Review Tracker';
/** How people in the partnership read a day. */
export const DAY_FORMAT = 'dd/mm/yyyy';

/** Near-black, as the SPA's text: it meets WCAG AA contrast (4.5:1) on white and on every BRAG fill below. */
export const TEXT_ARGB = 'FF0B0C0C';
const HEADER_FILL_ARGB = 'FFF3F2F1';

/** Light tints of the BRAG colours, so the word in dark text stays readable (over 10:1) in print and on screen. */
export const BRAG_FILL_ARGB: Readonly<Record<Brag, string>> = {
  blue: 'FFB4D5F0',
  green: 'FFB7E1C1',
  amber: 'FFFFD591',
  red: 'FFF5B5B0',
};

/** Columns whose cells hold sentences: wrapped, so a row shows the whole of what was written. */
const WRAPPED_HEADINGS = new Set([
  'Partner agencies',
  'Identified learning need',
  'Action to be taken',
  'Measure of success',
  'Target date revisions',
  'Reason for a new target date',
  'BRAG reason',
  'Latest progress note',
  'Evidence',
  'Evidence of impact',
  'Withdrawn because',
  'Themes',
  'Key learning point',
  // The learning sheet's
  'Title',
  'Text',
  'Learning points answered',
]);

/** Columns whose cells are days. */
export const DAY_HEADINGS = new Set(['Target date', 'Original target date', 'Last update']);

type Style = Partial<ExcelJS.Style>;

/**
 * One style object per kind of cell, shared by every cell of that kind: exceljs recognises a style object it has
 * seen and reuses its number, where a fresh object per cell would be serialised and looked up cell by cell.
 * Never change one of these through a cell's setters (`cell.font = …` writes into the shared object).
 */
const columnStyles = new Map<string, Style>();
function columnStyle(heading: string): Style {
  let style = columnStyles.get(heading);
  if (!style) {
    style = {
      alignment: { vertical: 'top', wrapText: WRAPPED_HEADINGS.has(heading) },
      ...(DAY_HEADINGS.has(heading) ? { numFmt: DAY_FORMAT } : {}),
    };
    columnStyles.set(heading, style);
  }
  return style;
}

const HEADER_STYLE: Style = {
  font: { bold: true, color: { argb: TEXT_ARGB } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL_ARGB } },
  alignment: { vertical: 'top', wrapText: true },
  border: { bottom: { style: 'medium', color: { argb: TEXT_ARGB } } },
};

/** A BRAG cell shows its colour and keeps its word, in bold dark text. */
const BRAG_STYLES = Object.fromEntries(
  Object.entries(BRAG_FILL_ARGB).map(([brag, argb]) => [
    brag,
    { ...columnStyle('BRAG'), fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } }, font: { bold: true, color: { argb: TEXT_ARGB } } } satisfies Style,
  ]),
) as Record<Brag, Style>;

/** Widths and alignment of plan columns: text at the top of its cell, sentences wrapped, days as 31/03/2027. */
export function planSheetColumns(columns: readonly PlanColumn[]): Partial<ExcelJS.Column>[] {
  return columns.map((column) => ({ width: column.width, style: columnStyle(column.heading) }));
}

/** A row below the header: each cell in its column's style (a cell with a value does not take its column's). */
export function stylePlanRow(row: ExcelJS.Row, columns: readonly PlanColumn[]) {
  for (let index = 0; index < columns.length; index++) row.getCell(index + 1).style = columnStyle(columns[index]!.heading);
}

/** A sheet's heading row: bold on a pale grey, wrapped, ruled off from the rows below. */
export function styleHeaderRow(row: ExcelJS.Row, count: number) {
  for (let index = 1; index <= count; index++) row.getCell(index).style = HEADER_STYLE;
}

/** A BRAG cell coloured; an action with no rating (withdrawn) keeps its column's plain style and its word, None. */
export function styleBragCell(cell: ExcelJS.Cell, brag: Brag | null) {
  if (brag) cell.style = BRAG_STYLES[brag];
}

/** The header frozen, so it stays in view while the rows scroll. */
export const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];

/** Resolves once the stream can take more (or is gone): a slow download then slows the export, not fills memory. */
export function whenWritable(stream: Writable): Promise<void> {
  if (stream.destroyed || !stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Resolves when the stream closes (a finished download, or one the browser gave up). */
export function whenClosed(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}
