/** For tests: the exports read back as a spreadsheet program would read them. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestWorld } from '../../testing/test-app';

type Response = Awaited<ReturnType<TestWorld['request']>>;

export async function readWorkbook(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as arrays of cell values, the header first (exceljs numbers cells from 1; these from 0). */
export function sheetRows(sheet: ExcelJS.Worksheet, width: number): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, index) => row.getCell(index + 1).value ?? null));
  });
  return rows;
}

/** The CSV's records, after its byte-order mark, parsed as a spreadsheet would (quotes, line breaks in cells). */
export function csvRecords(response: Response): string[][] {
  expect(response.body.startsWith('\uFEFF')).toBe(true);
  return parse(response.body.slice(1), { relax_column_count: false }) as string[][];
}
