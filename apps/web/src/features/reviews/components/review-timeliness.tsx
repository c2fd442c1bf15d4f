import type { Review } from '@lrt/contracts';
import { TimelinessFlag } from '@/components/flags';
import { formatDate } from '@/lib/format';

/** Compact timeliness for a table cell: each statutory timescale with its due day and whether it was met. */
export function ReviewTimelinessSummary({ timeliness }: { timeliness: Review['timeliness'] }) {
  const { rapidReviewDueOn, rapidReviewLate, reviewDueOn, reviewLate } = timeliness;
  if (!rapidReviewDueOn && !reviewDueOn) return <span>Not known</span>;
  return (
    <ul className="govuk-list govuk-body-s govuk-!-margin-0">
      {rapidReviewDueOn ? (
        <li>
          Rapid review due {formatDate(rapidReviewDueOn)} <TimelinessFlag late={rapidReviewLate} />
        </li>
      ) : null}
      {reviewDueOn ? (
        <li>
          Review due {formatDate(reviewDueOn)} <TimelinessFlag late={reviewLate} />
        </li>
      ) : null}
    </ul>
  );
}
