import type { Review } from '@lrt/contracts';
import { formatDate } from '@/lib/format';
import { rapidReviewTimeliness, reviewTimeliness } from '../timeliness';
import { TimelinessTag } from './timeliness-tag';

/** Compact timeliness for a table cell: each statutory timescale, whether it was met, or the day it is due by. */
export function ReviewTimelinessSummary({ timeliness }: { timeliness: Review['timeliness'] }) {
  const review = { timeliness };
  const { rapidReviewDueOn, reviewDueOn } = timeliness;
  if (!rapidReviewDueOn && !reviewDueOn) return <span>Not known</span>;
  const rapid = rapidReviewTimeliness(review);
  const full = reviewTimeliness(review);
  return (
    <ul className="govuk-list govuk-body-s govuk-!-margin-0 app-timeliness-list">
      {rapidReviewDueOn ? (
        <li>
          Rapid review: <TimelinessTag timeliness={rapid} />
          {rapid.state !== 'due' ? <span className="app-secondary-text"> (due {formatDate(rapidReviewDueOn)})</span> : null}
        </li>
      ) : null}
      {reviewDueOn ? (
        <li>
          Review: <TimelinessTag timeliness={full} />
          {full.state !== 'due' ? <span className="app-secondary-text"> (due {formatDate(reviewDueOn)})</span> : null}
        </li>
      ) : null}
    </ul>
  );
}
