import type { Dashboard } from '@lrt/contracts';
import { Suspense } from 'react';
import { DataTable, type Column } from '@/components/data-table';
import { ChartLoading, LineChart } from './lazy-charts';

type TrendRow = Dashboard['trend'][number];

const monthShort = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLong = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const asDate = (month: string) => new Date(`${month}-01T00:00:00Z`);
/** `2026-03` → "Mar 2026" / "March 2026". */
export const formatMonth = (month: string, style: 'short' | 'long' = 'long') =>
  Number.isNaN(asDate(month).getTime()) ? month : (style === 'short' ? monthShort : monthLong).format(asDate(month));

const SERIES = [
  { key: 'open', label: 'Open', tone: 'purple', marker: 'circle' as const },
  { key: 'completed', label: 'Completed', tone: 'teal', marker: 'triangle' as const, dashed: true },
  { key: 'assured', label: 'Assured', tone: 'blue', marker: 'square' as const },
];

function describe(trend: readonly TrendRow[]) {
  const first = trend[0];
  const last = trend[trend.length - 1];
  if (!first || !last) return 'No months to show.';
  return (
    `Open, completed and assured actions at the end of each month from ${formatMonth(first.month)} to ${formatMonth(last.month)}. ` +
    `Open went from ${first.open} to ${last.open}, completed from ${first.completed} to ${last.completed}, ` +
    `and assured from ${first.assured} to ${last.assured}. "Show the numbers" below gives every month.`
  );
}

const columns: Column<TrendRow>[] = [
  { key: 'month', header: 'Month', rowHeader: true, cell: (row) => formatMonth(row.month) },
  { key: 'open', header: 'Open', numeric: true, cell: (row) => row.open },
  { key: 'completed', header: 'Completed', numeric: true, cell: (row) => row.completed },
  { key: 'assured', header: 'Assured', numeric: true, cell: (row) => row.assured },
];

/**
 * How many actions were open, completed (awaiting assurance) and assured at the end of each of the last 24
 * months, rebuilt by the API from the status history. These are past states, which no filter of today's list
 * reproduces, so these numbers are not links.
 */
export function ActionTrend({ trend, idPrefix }: { trend: readonly TrendRow[]; idPrefix: string }) {
  return (
    <section aria-labelledby={`${idPrefix}-trend-heading`}>
      <h2 className="govuk-heading-l" id={`${idPrefix}-trend-heading`}>
        Open, completed and assured actions by month
      </h2>
      <p className="govuk-body">
        At the end of each of the last {trend.length} months. Completed actions are awaiting assurance.
      </p>
      <Suspense fallback={<ChartLoading />}>
        <LineChart
          id={`${idPrefix}-trend-chart`}
          title={`Open, completed and assured actions by month, over the last ${trend.length} months`}
          description={describe(trend)}
          series={SERIES}
          points={trend.map((row) => ({ key: row.month, label: formatMonth(row.month, 'short'), values: { open: row.open, completed: row.completed, assured: row.assured } }))}
        />
      </Suspense>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Show the numbers</span>
        </summary>
        <div className="govuk-details__text">
          <DataTable
            caption="Open, completed and assured actions at the end of each month"
            captionSize="s"
            columns={columns}
            rows={[...trend].reverse()}
            rowKey={(row) => row.month}
          />
        </div>
      </details>
    </section>
  );
}
