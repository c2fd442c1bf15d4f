import type { Brag, DashboardAgency } from '@lrt/contracts';
import { Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SortableTable, type SortableColumn } from '@/components/sortable-table';
import { EmptyState } from '@/components/states';
import { LABELS } from '@/lib/contract-constants';
import type { DashboardScope } from '../api/keys';
import { countPath, type CountFilter } from '../links';
import { AGENCY_SORT_PARAM, agencySortLabel, DEFAULT_AGENCY_SORT, readAgencySort, sortAgencies, type AgencySort } from '../sort-agencies';
import { CountLink } from './count-link';
import { BRAG_ORDER } from './headline-figures';
import { ChartLoading, StackedBarChart } from './lazy-charts';

type AgencyRow = DashboardAgency;

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

/** Who to ask about an agency's actions, each with their email address; or, in words, that no one leads it. */
function AgencyLeads({ leads }: { leads: AgencyRow['leads'] }) {
  if (leads.length === 0) return <>No lead</>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {leads.map((lead) => (
        <li key={lead.email} className="govuk-!-margin-bottom-1">
          {lead.name}
          <span className="app-cell-secondary app-break-anywhere">
            <a className="govuk-link" href={`mailto:${lead.email}`}>
              {lead.email}
            </a>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Each agency's actions by BRAG rating, as a chart and as a table, with the agency's leads. An agency's counts
 * include the multi-agency actions it shares, so the rows add up to more than the total. The table sorts by any of
 * its columns (the chart follows it), the sort kept in the URL beside whatever else the page keeps there.
 */
export function AgencyProgress({ rows: unsorted, scope, idPrefix }: AgencyProgressProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const sort = readAgencySort(searchParams.get(AGENCY_SORT_PARAM));
  const rows = useMemo(() => sortAgencies(unsorted, sort), [unsorted, sort]);
  const onSort = (next: AgencySort) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      if (next === DEFAULT_AGENCY_SORT) params.delete(AGENCY_SORT_PARAM);
      else params.set(AGENCY_SORT_PARAM, next);
      return params;
    });

  const link = (row: AgencyRow, filter: CountFilter, count: number, words: string) => (
    <CountLink
      count={count}
      to={countPath({ ...scope, agencyId: row.agencyId }, filter)}
      label={`${words} of ${row.name}`}
    />
  );
  // Counts sort most first at the first press: the question is usually "who owes the most?".
  const countSort = (key: string) => ({ ascending: key, descending: `-${key}`, first: 'descending' as const });
  const bragColumn = (brag: Brag): SortableColumn<AgencyRow> => ({
    key: brag,
    header: LABELS.brag[brag],
    label: LABELS.brag[brag],
    numeric: true,
    sort: countSort(brag),
    cell: (row) => link(row, { kind: 'brag', brag }, row.byBrag[brag], `${LABELS.brag[brag].toLowerCase()} actions`),
  });
  const columns: SortableColumn<AgencyRow>[] = [
    {
      key: 'agency',
      header: 'Agency',
      label: 'Agency',
      rowHeader: true,
      sort: { ascending: 'name', descending: '-name' },
      cell: (row) => (
        <>
          {row.name} <span className="app-secondary-text">({row.shortName})</span>
        </>
      ),
    },
    { key: 'leads', header: 'Leads', label: 'Leads', cell: (row) => <AgencyLeads leads={row.leads} /> },
    {
      key: 'actions',
      header: 'Actions',
      label: 'Actions',
      numeric: true,
      sort: countSort('actions'),
      cell: (row) => link(row, { kind: 'all' }, row.actions, 'actions'),
    },
    ...BRAG_ORDER.map(bragColumn),
    {
      key: 'overdue',
      header: 'Overdue',
      label: 'Overdue',
      numeric: true,
      sort: countSort('overdue'),
      cell: (row) => link(row, { kind: 'overdue' }, row.overdue, 'overdue actions'),
    },
    {
      key: 'stale',
      header: 'Stale',
      label: 'Stale',
      numeric: true,
      sort: countSort('stale'),
      cell: (row) => link(row, { kind: 'stale' }, row.stale, 'stale actions'),
    },
    {
      key: 'dueSoon',
      header: 'Due soon',
      label: 'Due soon',
      numeric: true,
      sort: countSort('dueSoon'),
      cell: (row) => link(row, { kind: 'dueSoon' }, row.dueSoon, 'actions due soon'),
    },
  ];
  const sortLabel = agencySortLabel(sort);

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
              description={describe(unsorted)}
              series={BRAG_SERIES}
              categories={rows.map((row) => ({
                key: row.agencyId,
                label: row.shortName,
                title: row.name,
                values: row.byBrag,
              }))}
            />
          </Suspense>
          <p className="govuk-body app-secondary-text">
            Sorted by {sortLabel.toLowerCase()}. Select a column heading to sort by it.
          </p>
          <SortableTable
            caption={
              <>
                Progress by agency: leads, actions by BRAG rating, overdue, stale and due soon
                <span className="govuk-visually-hidden">, sorted by {sortLabel.toLowerCase()}</span>
              </>
            }
            captionSize="s"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.agencyId}
            sort={sort}
            onSort={onSort as (sort: string) => void}
          />
        </>
      )}
    </section>
  );
}
