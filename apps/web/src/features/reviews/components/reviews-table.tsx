import type { Review } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { pluralise } from '@/lib/format';
import { ActionCounts } from './action-counts';
import { ReviewTimelinessSummary } from './review-timeliness';

const columns: Column<Review>[] = [
  {
    key: 'code',
    header: 'Code',
    rowHeader: true,
    cell: (review) => (
      <Link className="govuk-link" to={`/reviews/${review.id}`}>
        {review.code}
      </Link>
    ),
  },
  { key: 'child', header: 'Child', cell: (review) => review.childPseudonym },
  { key: 'title', header: 'Title', cell: (review) => review.title },
  { key: 'type', header: 'Type', cell: (review) => LABELS.reviewType[review.type] },
  { key: 'stage', header: 'Stage', cell: (review) => LABELS.reviewStage[review.stage] },
  { key: 'actions', header: 'Actions', cell: (review) => <ActionCounts counts={review.actionCounts} /> },
  { key: 'timeliness', header: 'Timeliness', cell: (review) => <ReviewTimelinessSummary timeliness={review.timeliness} /> },
];

export function ReviewsTable({ reviews }: { reviews: readonly Review[] }) {
  return (
    <DataTable
      caption={pluralise(reviews.length, 'review')}
      captionSize="m"
      columns={columns}
      rows={reviews}
      rowKey={(review) => review.id}
    />
  );
}
