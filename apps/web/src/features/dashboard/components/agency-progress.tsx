import type { Brag, Dashboard } from '@lrt/contracts';
import { Suspense } from 'react';
import { DataTable, type Column } from '@/components/data-table';
import { EmptyState } from '@/components/states';
import { LABELS } from '@/lib/contract-constants';
import type { DashboardScope } from '../api/keys';
import { countPath, type CountFilter } from '../links';
import { CountLink } from './count-link';
import { BRAG_ORDER } from './headline-figures';
import { ChartLoading, StackedBarChart } from './lazy-charts';

type AgencyRow = Dashboard['byAgency'][number];

const BRAG_SERIES = BRAG_ORDER.map((brag) => ({ key: brag, label: LABELS.brag[brag], tone: brag }));

/** "Red and amber: West Midlands Police has the most red actions (4)", the chart's text alternative. */
function describe(rows: readonly AgencyRow[]) {
  const mostRed = [...rows].sort((a, b) => b.byBrag.red - a.byBrag.red)[0];
  const parts = [`Red, amber, green and blue actions of each of ${rows.length} agencies, as stacked bars.`];
  if (mostRed && mostRed.byBrag.red > 0) parts.push(`${mostRed.name} has the most red actions (${mostRed.byBrag.red}).`);
  parts.push('The table "Progress by agency" gives every number.');
  return parts.join(' ');
}

export interface AgencyProgressProps {
  rows: readonly AgencyRow[];
  scope: DashboardScope;
  idPrefix: string;
}

/**
 * Each agency's actions by BRAG rating, as a chart and as a table. An agency's counts include the multi-agency
 * actions it shares, so the rows add up to more than the total.
 */
export function AgencyProgress({ rows, scope, idPrefix }: AgencyProgressProps) {
  const link = (row: AgencyRow, filter: CountFilter, count: number, words: string) => (
    <CountLink
      count={count}
      to={countPath({ ...scope, agencyId: row.agencyId }, filter)}
      label={`${words} of ${row.name}`}
    />
  );
  const bragColumn = (brag: Brag): Column<AgencyRow> => ({
    key: brag,
    header: LABELS.brag[brag],
    numeric: true,
    cell: (row) => link(row, { kind: 'brag', brag }, row.byBrag[brag], `${LABELS.brag[brag].toLowerCase()} actions`),
  });
  const columns: Column<AgencyRow>[] = [
    {
      key: 'agency',
      header: 'Agency',
      rowHeader: true,
      cell: (row) => (
        <>
          {row.name} <span className="app-secondary-text">({row.shortName})</span>
        </>
      ),
    },
    { key: 'actions', header: 'Actions', numeric: true, cell: (row) => link(row, { kind: 'all' }, row.actions, 'actions') },
    ...BRAG_ORDER.map(bragColumn),
    { key: 'overdue', header: 'Overdue', numeric: true, cell: (row) => link(row, { kind: 'overdue' }, row.overdue, 'overdue actions') },
    { key: 'stale', header: 'Stale', numeric: true, cell: (row) => link(row, { kind: 'stale' }, row.stale, 'stale actions') },
    { key: 'dueSoon', header: 'Due soon', numeric: true, cell: (row) => link(row, { kind: 'dueSoon' }, row.dueSoon, 'actions due soon') },
  ];

  return (
    <section aria-labelledby={`${idPrefix}-agency-heading`}>
      <h2 className="govuk-heading-l" id={`${idPrefix}-agency-heading`}>
        Progress by agency
      </h2>
      {rows.length === 0 ? (
        <EmptyState title="No agency has actions here yet" />
      ) : (
        <>
          <p className="govuk-body">
            An agency’s counts include the multi-agency actions it shares, so together they come to more than the total.
          </p>
          <Suspense fallback={<ChartLoading />}>
            <StackedBarChart
              id={`${idPrefix}-agency-chart`}
              title="Actions of each agency by BRAG rating"
              description={describe(rows)}
              series={BRAG_SERIES}
              categories={rows.map((row) => ({
                key: row.agencyId,
                label: row.shortName,
                title: row.name,
                values: row.byBrag,
              }))}
            />
          </Suspense>
          <DataTable
            caption="Progress by agency: actions by BRAG rating, overdue, stale and due soon"
            captionSize="s"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.agencyId}
          />
        </>
      )}
    </section>
  );
}
