import type { ActionStatus, Dashboard } from '@lrt/contracts';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { EmptyState } from '@/components/states';
import { LABELS } from '@/lib/contract-constants';
import type { DashboardScope } from '../api/keys';
import { countPath, type CountFilter } from '../links';
import { CountLink } from './count-link';

type ReviewRow = Dashboard['byReview'][number];

const STATUSES: ActionStatus[] = ['not_started', 'in_progress', 'completed', 'assured'];

/** Each review's actions by status, with its red and overdue actions: how far each plan has come. */
export function ReviewProgress({ rows, scope, idPrefix }: { rows: readonly ReviewRow[]; scope: DashboardScope; idPrefix: string }) {
  const link = (row: ReviewRow, filter: CountFilter, count: number, words: string) => (
    <CountLink count={count} to={countPath({ ...scope, reviewId: row.reviewId }, filter)} label={`${words} of review ${row.code}`} />
  );
  const columns: Column<ReviewRow>[] = [
    {
      key: 'review',
      header: 'Review',
      rowHeader: true,
      cell: (row) => (
        <>
          <Link className="govuk-link" to={`/reviews/${row.reviewId}`}>
            {row.code}
          </Link>
          <span className="app-secondary-text govuk-!-display-block">{row.title}</span>
        </>
      ),
    },
    { key: 'actions', header: 'Actions', numeric: true, cell: (row) => link(row, { kind: 'all' }, row.actions, 'actions') },
    ...STATUSES.map(
      (status): Column<ReviewRow> => ({
        key: status,
        header: LABELS.actionStatus[status],
        numeric: true,
        cell: (row) =>
          link(row, { kind: 'status', status }, row.byStatus[status], `actions ${LABELS.actionStatus[status].toLowerCase()}`),
      }),
    ),
    { key: 'red', header: 'Red', numeric: true, cell: (row) => link(row, { kind: 'brag', brag: 'red' }, row.byBrag.red, 'red actions') },
    { key: 'overdue', header: 'Overdue', numeric: true, cell: (row) => link(row, { kind: 'overdue' }, row.overdue, 'overdue actions') },
  ];

  return (
    <section aria-labelledby={`${idPrefix}-review-heading`}>
      <h2 className="govuk-heading-l" id={`${idPrefix}-review-heading`}>
        Progress by review
      </h2>
      {rows.length === 0 ? (
        <EmptyState title="No review has actions here yet" />
      ) : (
        <DataTable
          caption="Progress by review: actions by status, red and overdue"
          captionSize="s"
          columns={columns}
          rows={rows}
          rowKey={(row) => row.reviewId}
        />
      )}
    </section>
  );
}
