import type { ThemeMatrix } from '@lrt/contracts';

export type MatrixCell = ThemeMatrix['cells'][number];
export type MatrixTheme = ThemeMatrix['themes'][number];
export type MatrixReview = ThemeMatrix['reviews'][number];
export type ThemeSummary = ThemeMatrix['byTheme'][number];

export interface MatrixRow {
  theme: MatrixTheme;
  summary: ThemeSummary;
  /** The theme's cell in each review, keyed by review id; a review it is not found in has none. */
  cells: ReadonlyMap<number, MatrixCell>;
}

const emptySummary = (themeId: number): ThemeSummary => ({ themeId, reviews: 0, actions: 0, open: 0, overdue: 0, recurs: false });

/**
 * The matrix as rows, ordered so that what recurs comes first: themes found in two or more reviews, then by the
 * number of reviews, then by open actions; ties keep the API's order (by name). Everything counted is the API's.
 */
export function matrixRows(matrix: ThemeMatrix): MatrixRow[] {
  const summaries = new Map(matrix.byTheme.map((summary) => [summary.themeId, summary]));
  const cellsByTheme = new Map<number, Map<number, MatrixCell>>();
  for (const cell of matrix.cells) {
    const cells = cellsByTheme.get(cell.themeId) ?? new Map<number, MatrixCell>();
    cells.set(cell.reviewId, cell);
    cellsByTheme.set(cell.themeId, cells);
  }
  return matrix.themes
    .map((theme) => ({
      theme,
      summary: summaries.get(theme.id) ?? emptySummary(theme.id),
      cells: cellsByTheme.get(theme.id) ?? new Map<number, MatrixCell>(),
    }))
    .sort(
      (a, b) =>
        Number(b.summary.recurs) - Number(a.summary.recurs) ||
        b.summary.reviews - a.summary.reviews ||
        b.summary.open - a.summary.open,
    );
}

/** `/actions?themeId=…&reviewId=…`: the actions list filtered to a theme (and a review). */
export function themeActionsPath(themeId: number, reviewId?: number) {
  const params = new URLSearchParams({ themeId: String(themeId) });
  if (reviewId !== undefined) params.set('reviewId', String(reviewId));
  return `/actions?${params.toString()}`;
}

/** "2 open, 1 overdue" / "none open": the state of a cell's actions in words. */
export function openWords(counts: { open: number; overdue: number }) {
  const open = counts.open === 0 ? 'none open' : `${counts.open} open`;
  return counts.overdue > 0 ? `${open}, ${counts.overdue} overdue` : open;
}
