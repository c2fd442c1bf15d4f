import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { IMPORT_MAX_ROWS, PLAN_COLUMNS, type ImportMessage } from '@lrt/contracts';
import { ProblemError } from '../../plugins/problems';
import { keyOf } from './cell-values';

/**
 * Reads an uploaded plan (CSV or XLSX, told apart by its bytes) into a header and rows of text cells. The file is
 * read in memory and never written to disk; anything that makes it unsafe or unreadable is refused here, before
 * a row is looked at.
 */
export interface Sheet {
  format: 'csv' | 'xlsx';
  sheetName: string | null;
  headerRow: number;
  headings: string[];
  rows: { n: number; c: string[] }[];
  warnings: ImportMessage[];
}

const fileProblem = (status: number, code: string, title: string, message: string) =>
  new ProblemError(status, code, title, `file: ${message}`, [{ path: 'file', message }]);

/** The most bytes an XLSX may unpack to, and the most parts it may have: beyond these it is treated as a zip bomb. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5_000;

const KNOWN_HEADINGS = new Set(PLAN_COLUMNS.flatMap((column) => [column.heading, ...column.aliases].map(keyOf)).filter((key) => key !== ''));
/** How many cells of a row must be known headings for it to be taken as the header. */
const HEADER_MATCHES = 2;
/** How far down a sheet the header is looked for (titles and notes often sit above it). */
const HEADER_SEARCH_ROWS = 30;

export async function readSheet(bytes: Buffer, fileName: string): Promise<Sheet> {
  if (bytes.length === 0) throw fileProblem(422, 'import.empty', 'Empty file', 'is empty');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
  if (looksLikeOtherBinary(bytes)) {
    const legacy = bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    throw fileProblem(
      415,
      'import.unsupported_type',
      'Not a spreadsheet the import reads',
      legacy
        ? `${fileName} is an Excel 97–2003 (.xls) or older Office file: save it as Excel Workbook (.xlsx) or CSV and upload that`
        : `${fileName} is neither CSV nor an Excel workbook (.xlsx)`,
    );
  }
  return readCsv(bytes);
}

/** NUL bytes (outside UTF-16 text) or known binary signatures: not a CSV. */
function looksLikeOtherBinary(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, 64 * 1024).includes(0);
}

// ---- CSV ------------------------------------------------------------------------------------------------------

function decodeText(bytes: Buffer): { text: string; warning?: ImportMessage } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8') };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Excel on Windows saves "CSV" in the machine's code page: curly quotes, £ and é come out as single bytes.
    return {
      text: iconv.decode(bytes, 'windows-1252'),
      warning: { field: 'file', message: 'The file is not UTF-8: it was read as Windows-1252 (Excel’s usual encoding on Windows). Check that accented letters and quotes look right.' },
    };
  }
}

/** The separator that splits the first lines most evenly: comma, semicolon (European Excel) or tab. */
function guessDelimiter(text: string): string {
  const head = text.slice(0, 20_000).replace(/"[^"]*"/g, '');
  const lines = head.split(/\r?\n/).slice(0, 10);
  const score = (d: string) => lines.reduce((sum, line) => sum + line.split(d).length - 1, 0);
  return [',', ';', '\t'].reduce((best, d) => (score(d) > score(best) ? d : best), ',');
}

function readCsv(bytes: Buffer): Sheet {
  const { text, warning } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, { delimiter: guessDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw fileProblem(422, 'import.unreadable', 'The file cannot be read', `could not be read as CSV (${error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : 'malformed'})`);
  }
  return fromGrid('csv', null, records.map((c, i) => ({ n: i + 1, c })), warning ? [warning] : []);
}

// ---- XLSX -----------------------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function zipEntries(bytes: Buffer): ZipEntry[] {
  const broken = () => fileProblem(422, 'import.unreadable', 'The file cannot be read', 'looks like an Excel workbook but is damaged: open it in Excel and save it again');
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw broken();
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count > MAX_ZIP_ENTRIES || count === 0xffff || offset === 0xffffffff) {
    throw fileProblem(422, 'import.unsafe_file', 'File refused', 'has far more parts than a workbook needs and was refused as unsafe');
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw broken();
    const nameLength = bytes.readUInt16LE(offset + 28);
    entries.push({
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      localOffset: bytes.readUInt32LE(offset + 42),
      name: bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
    });
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

/**
 * Refuses a workbook that is not safe to open: macros, links to other workbooks, or parts that unpack to far more
 * than a plan could hold (a zip bomb). Sizes are measured by unpacking under a ceiling, never taken from the
 * archive's own claims. Returns the text of the parts it checks.
 */
function inspectWorkbook(bytes: Buffer) {
  const entries = zipEntries(bytes);
  const names = entries.map((e) => e.name);
  if (!names.includes('xl/workbook.xml')) {
    throw fileProblem(415, 'import.unsupported_type', 'Not a spreadsheet the import reads', 'is a zip file or Office document but not an Excel workbook (.xlsx)');
  }
  if (names.some((name) => /vbaProject\.bin$/i.test(name) || /\.bin$/i.test(name) && /^xl\/(macrosheets|dialogsheets)\//i.test(name))) {
    throw fileProblem(422, 'import.macros', 'File refused', 'contains macros: save it as Excel Workbook (.xlsx, without macros) and upload that');
  }
  if (names.some((name) => /^xl\/externalLinks\//i.test(name))) {
    throw fileProblem(422, 'import.external_links', 'File refused', 'links to other workbooks: break the links in Excel (Data, Edit Links, Break Link), save, and upload it again');
  }
  let budget = MAX_UNPACKED_BYTES;
  const texts = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) continue;
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const packed = bytes.subarray(start, start + entry.compressedSize);
    let unpacked: Buffer;
    try {
      unpacked = entry.method === 0 ? packed : inflateRawSync(packed, { maxOutputLength: Math.max(1, budget) });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw fileProblem(422, 'import.unsafe_file', 'File refused', 'unpacks to far more than a plan could hold and was refused as unsafe (a zip bomb)');
      }
      throw fileProblem(422, 'import.unreadable', 'The file cannot be read', 'looks like an Excel workbook but is damaged: open it in Excel and save it again');
    }
    budget -= unpacked.length;
    if (budget < 0) throw fileProblem(422, 'import.unsafe_file', 'File refused', 'unpacks to far more than a plan could hold and was refused as unsafe (a zip bomb)');
    if (entry.name === '[Content_Types].xml') texts.set(entry.name, unpacked.toString('utf8'));
  }
  if (/macroEnabled/i.test(texts.get('[Content_Types].xml') ?? '')) {
    throw fileProblem(422, 'import.macros', 'File refused', 'is a macro-enabled workbook: save it as Excel Workbook (.xlsx) and upload that');
  }
}

/** A cell's value as the text a person sees (dates as YYYY-MM-DD, formulas as their last result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in value) return '';
    if ('text' in value) {
      const link = value as { text: unknown; hyperlink?: string };
      const text = typeof link.text === 'string' ? link.text : cellText(link.text as ExcelJS.CellValue);
      return link.hyperlink && /^https?:/i.test(link.hyperlink) && !text.includes(link.hyperlink) ? `${text} ${link.hyperlink}`.trim() : text;
    }
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  inspectWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileProblem(422, 'import.unreadable', 'The file cannot be read', 'looks like an Excel workbook but could not be opened: open it in Excel and save it again');
  }
  let firstProblem: ProblemError | undefined;
  for (const worksheet of workbook.worksheets) {
    if (worksheet.state !== 'visible' && workbook.worksheets.length > 1) continue;
    const rows: { n: number; c: string[] }[] = [];
    let merged = 0;
    worksheet.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      const width = row.cellCount;
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // A merged cell reads as its first cell's value: an agency merged down several rows names each of them.
        if (cell.isMerged && cell.master !== cell) merged++;
        cells.push(cellText(cell.value));
      }
      rows.push({ n, c: cells });
    });
    const warnings: ImportMessage[] = [];
    if (merged > 0) warnings.push({ field: 'file', message: `Merged cells (${merged}) were read as the value of their first cell on every row they cover.` });
    try {
      return fromGrid('xlsx', worksheet.name, rows, warnings);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code !== 'import.no_header') throw error;
      firstProblem ??= error;
    }
  }
  throw firstProblem ?? noHeader();
}

// ---- the grid -------------------------------------------------------------------------------------------------

const noHeader = () =>
  fileProblem(
    422,
    'import.no_header',
    'No header found',
    'has no row that looks like a header: the import needs a row naming the columns, such as “Agency”, “Action to be taken” and “Target date”',
  );

const columnLetter = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : columnLetter(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26)));

/**
 * A cell's text with its line breaks as \n and without the apostrophe an export puts before text that starts
 * like a formula (so a plan exported and brought back in keeps "=" where its author wrote it).
 */
const cleanCell = (cell: string) => cell.replace(/\r\n?/g, '\n').replace(/^'(?=[=+\-@\t\r])/, '').trim();

/** Finds the header, drops blank rows and repeated headers, and names columns that have data but no heading. */
function fromGrid(format: Sheet['format'], sheetName: string | null, grid: { n: number; c: string[] }[], warnings: ImportMessage[]): Sheet {
  const filled = grid.filter((row) => row.c.some((cell) => cell.trim() !== ''));
  const headerAt = filled.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.c.filter((cell) => KNOWN_HEADINGS.has(keyOf(cell))).length >= HEADER_MATCHES);
  if (headerAt < 0) throw noHeader();
  const header = filled[headerAt]!;
  const headerKey = header.c.map(keyOf).join('|');
  const rows: Sheet['rows'] = [];
  const repeated: number[] = [];
  for (const row of filled.slice(headerAt + 1)) {
    if (row.c.map(keyOf).join('|') === headerKey) repeated.push(row.n);
    else rows.push({ n: row.n, c: row.c.map(cleanCell) });
  }
  if (repeated.length > 0) {
    warnings.push({ field: 'file', message: `The header is repeated on row${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}: ${repeated.length > 1 ? 'those rows were' : 'that row was'} skipped.` });
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    throw fileProblem(422, 'import.too_many_rows', 'Too many rows', `has ${rows.length.toLocaleString('en-GB')} rows; one import takes at most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')}`);
  }
  if (rows.length === 0) throw fileProblem(422, 'import.no_rows', 'No rows', 'has a header but no rows under it');
  const width = Math.max(header.c.length, ...rows.map((row) => row.c.length));
  const headings = Array.from({ length: width }, (_, i) => header.c[i]?.replace(/\s+/g, ' ').trim() || `(column ${columnLetter(i)})`);
  return { format, sheetName, headerRow: header.n, headings, rows: rows.map((row) => ({ n: row.n, c: Array.from({ length: width }, (_, i) => row.c[i] ?? '') })), warnings };
}
