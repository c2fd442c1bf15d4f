import type { Review } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { Link } from 'react-router';
import { SortableTable, type SortableColumn } from '@/components/sortable-table';
import { formatDate, pluralise } from '@/lib/format';
import type { ReviewSort } from '../sort-reviews';
import { ActionCounts } from './action-counts';
import { ReviewTimelinessSummary } from './review-timeliness';

const columns: SortableColumn<Review>[] = [
  {
    key: 'code',
    header: 'Code',
    label: 'Code',
    rowHeader: true,
    className: 'app-actions-table__ref',
    sort: { ascending: 'code', descending: '-code' },
    cell: (review) => (
      <Link className="govuk-link" to={`/reviews/${review.id}`}>
        {review.code}
      </Link>
    ),
  },
  { key: 'child', header: 'Child', label: 'Child', cell: (review) => review.childPseudonym },
  { key: 'title', header: 'Title', label: 'Title', className: 'app-actions-table__text', cell: (review) => review.title },
  { key: 'type', header: 'Type', label: 'Type', cell: (review) => LABELS.reviewType[review.type] },
  {
    key: 'stage',
    header: 'Stage',
    label: 'Stage',
    sort: { ascending: 'stage', descending: '-stage' },
    cell: (review) => LABELS.reviewStage[review.stage],
  },
  {
    key: 'notified',
    header: 'Notified',
    label: 'Notified',
    className: 'app-nowrap-from-desktop',
    sort: { ascending: 'notifiedOn', descending: '-notifiedOn', first: 'descending' },
    cell: (review) => formatDate(review.notifiedOn, 'Not recorded'),
  },
  {
    key: 'actions',
    header: 'Actions by BRAG',
    label: 'Actions by BRAG',
    sort: { ascending: 'red', descending: '-red', first: 'descending' },
    cell: (review) => <ActionCounts counts={review.actionCounts} />,
  },
  {
    key: 'overdue',
    header: 'Overdue',
    label: 'Overdue',
    numeric: true,
    sort: { ascending: 'overdue', descending: '-overdue', first: 'descending' },
    cell: (review) => review.actionCounts.overdue,
  },
  {
    key: 'timeliness',
    header: 'Timeliness',
    label: 'Timeliness',
    sort: { ascending: 'late', descending: '-late', first: 'descending' },
    cell: (review) => <ReviewTimelinessSummary timeliness={review.timeliness} />,
  },
];

export function ReviewsTable({
  reviews,
  sort,
  onSort,
  sortLabel,
}: {
  reviews: readonly Review[];
  sort?: ReviewSort;
  onSort?: (sort: ReviewSort) => void;
  sortLabel?: string;
}) {
  return (
    <SortableTable
      caption={
        <>
          {pluralise(reviews.length, 'review')}
          {sortLabel ? <span className="govuk-visually-hidden">, sorted by {sortLabel.toLowerCase()}</span> : null}
        </>
      }
      captionSize="m"
      columns={columns}
      rows={reviews}
      rowKey={(review) => review.id}
      sort={sort}
      onSort={onSort as ((sort: string) => void) | undefined}
    />
  );
}
