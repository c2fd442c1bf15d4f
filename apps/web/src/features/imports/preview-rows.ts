import type { ImportPreview, ImportRow } from '@lrt/contracts';

/** How many rows of the preview are shown at once: 10,000 rows must never render together. */
export const PREVIEW_PAGE_SIZE = 50;

export const ROW_FILTERS = ['all', 'errors', 'warnings', 'conflicts', 'updates'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

export const ROW_FILTER_LABELS: Record<RowFilter, string> = {
  all: 'All rows',
  errors: 'With errors',
  warnings: 'With warnings',
  conflicts: 'Conflicts',
  updates: 'Updates',
};

const MATCHES: Record<RowFilter, (row: ImportRow) => boolean> = {
  all: () => true,
  errors: (row) => row.errors.length > 0,
  warnings: (row) => row.warnings.length > 0,
  conflicts: (row) => row.outcome === 'conflict',
  updates: (row) => row.outcome === 'update',
};

export const filterRows = (rows: readonly ImportRow[], filter: RowFilter) => (filter === 'all' ? rows : rows.filter(MATCHES[filter]));

/** The filter and page asked for in the URL (`?show=errors&page=2`), or the first page of every row. */
export function readRowView(search: URLSearchParams): { filter: RowFilter; page: number } {
  const show = search.get('show');
  const filter = (ROW_FILTERS as readonly string[]).includes(show ?? '') ? (show as RowFilter) : 'all';
  const page = Number(search.get('page'));
  return { filter, page: Number.isSafeInteger(page) && page > 0 ? page : 1 };
}

export interface RowPage {
  rows: readonly ImportRow[];
  /** 1-based, within `1..pages` (a page past the end shows the last). */
  page: number;
  pages: number;
  /** How many rows the filter keeps. */
  total: number;
  /** The rows shown, as positions among those the filter keeps (1-based). */
  first: number;
  last: number;
}

export function pageOfRows(rows: readonly ImportRow[], filter: RowFilter, page: number, size = PREVIEW_PAGE_SIZE): RowPage {
  const kept = filterRows(rows, filter);
  const pages = Math.max(1, Math.ceil(kept.length / size));
  const shown = Math.min(Math.max(1, page), pages);
  const start = (shown - 1) * size;
  const slice = kept.slice(start, start + size);
  return { rows: slice, page: shown, pages, total: kept.length, first: slice.length ? start + 1 : 0, last: start + slice.length };
}

export const rowFilterCount = (preview: Pick<ImportPreview, 'rows'>, filter: RowFilter) => filterRows(preview.rows, filter).length;

/** The rows left out now, as `PATCH` takes them. */
export const leftOutRows = (rows: readonly ImportRow[]) => rows.filter((row) => row.outcome === 'left_out').map((row) => row.rowNumber);

/** A row can be left out (or brought back) when it has errors or conflicts with the tracker, or is left out already. */
export const canLeaveOut = (row: ImportRow) => row.outcome === 'left_out' || row.outcome === 'conflict' || row.errors.length > 0;
