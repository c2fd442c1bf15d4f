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
const count = new Intl.NumberFormat('en-GB');

/** What the table holds, in words: all the reviews, or the few needing most attention out of how many. */
export function reviewsShownWords(shown: number, total: number) {
  if (shown >= total) {
    return total === 1 ? 'The one review with actions.' : `All ${count.format(total)} reviews with actions, those needing most attention first.`;
  }
  return `The ${count.format(shown)} reviews needing most attention, of ${count.format(total)} with actions: the most red actions first, then the most overdue, then the most stale.`;
}

/**
 * The reviews needing most attention (the API sends at most DASHBOARD_REVIEWS_SHOWN, the most red first, then the
 * most overdue, then the most stale), each with its actions by status, red, overdue and stale: how far each plan
 * has come. `total` is how many reviews have actions in all; the reviews list has every one of them.
 */
export function ReviewProgress({
  rows,
  total,
  scope,
  idPrefix,
}: {
  rows: readonly ReviewRow[];
  total: number;
  scope: DashboardScope;
  idPrefix: string;
}) {
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
    { key: 'stale', header: 'Stale', numeric: true, cell: (row) => link(row, { kind: 'stale' }, row.stale, 'stale actions') },
  ];

  return (
    <section aria-labelledby={`${idPrefix}-review-heading`}>
      <h2 className="govuk-heading-l" id={`${idPrefix}-review-heading`}>
        Reviews needing most attention
      </h2>
      {rows.length === 0 ? (
        <EmptyState title="No review has actions here yet" />
      ) : (
        <>
          <p className="govuk-body">
            {reviewsShownWords(rows.length, total)}{' '}
            {rows.length < total ? (
              <Link className="govuk-link" to="/reviews">
                See all reviews
              </Link>
            ) : null}
          </p>
          <DataTable
            caption="Reviews needing most attention: actions by status, red, overdue and stale"
            captionSize="s"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.reviewId}
          />
        </>
      )}
    </section>
  );
}
