import type { Review } from '@lrt/contracts';
import { BRAG_RATINGS, LABELS } from '@/lib/contract-constants';
import { pluralise } from '@/lib/format';

/** "12 actions; 3 overdue; Red 2, Amber 1, Green 8, Blue 1", as computed by the API. */
export function ActionCounts({ counts }: { counts: Review['actionCounts'] }) {
  if (counts.total === 0) return <span>No actions</span>;
  const ratings = BRAG_RATINGS.slice()
    .reverse()
    .filter((brag) => counts.byBrag[brag] > 0)
    .map((brag) => `${LABELS.brag[brag]} ${counts.byBrag[brag]}`);
  return (
    <>
      <span className="govuk-!-display-block">{pluralise(counts.total, 'action')}</span>
      {counts.overdue > 0 ? (
        <strong className="moj-badge moj-badge--red govuk-!-margin-top-1">{counts.overdue} overdue</strong>
      ) : null}
      {ratings.length > 0 ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-0">{ratings.join(', ')}</span> : null}
    </>
  );
}
