import type { Agency, Recommendation } from '@lrt/contracts';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { useShowMore } from '@/components/show-more';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { LABELS } from '@/lib/contract-constants';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviewsByIds } from '@/features/reviews/api/get-reviews';
import { formatDate } from '@/lib/format';
import { useSubgroupRecommendations } from '../api/get-subgroup-recommendations';

interface Props {
  subgroupId: number;
  agencies: ReadonlyMap<number, Agency>;
}

/**
 * The recommendations allotted to the subgroup, the most recent review's first (as its reviews are listed), each
 * review's by number. A page at a time; "Show more recommendations" adds the next below and moves focus to the
 * first one it added. Only the reviews of the recommendations shown are asked for, to name them.
 */
export function SubgroupRecommendations({ subgroupId, agencies }: Props) {
  const recommendations = useSubgroupRecommendations(subgroupId);
  const { items: rows, focusRef, button } = useShowMore(recommendations, 'Show more recommendations');
  const reviews = useLookup(useReviewsByIds(rows.map((recommendation) => recommendation.reviewId)).data);
  const addressee = (recommendation: Recommendation) => {
    if (recommendation.addressee !== 'agency') return LABELS.addressee[recommendation.addressee];
    const agency = recommendation.leadAgencyId === null ? undefined : agencies.get(recommendation.leadAgencyId);
    return agency ? agency.name : LABELS.addressee.agency;
  };
  const columns: Column<Recommendation>[] = [
    {
      key: 'number',
      header: 'Recommendation',
      rowHeader: true,
      cell: (recommendation) => (
        <Link className="govuk-link" to={`/reviews/${recommendation.reviewId}`} ref={focusRef(recommendation.id)}>
          {reviews.get(recommendation.reviewId)?.code ?? `Review ${recommendation.reviewId}`}, recommendation {recommendation.number}
        </Link>
      ),
    },
    { key: 'text', header: 'What it recommends', cell: (recommendation) => <span className="app-pre-wrap">{recommendation.text}</span> },
    { key: 'addressee', header: 'Addressed to', cell: addressee },
    { key: 'target', header: 'Target date', cell: (recommendation) => formatDate(recommendation.targetDate, 'None set') },
  ];

  return (
    <section aria-labelledby="subgroup-recommendations-heading">
      <h2 className="govuk-heading-l" id="subgroup-recommendations-heading">
        Recommendations allotted to the subgroup
      </h2>
      {recommendations.isPending ? (
        <Loading label="Loading the recommendations" />
      ) : recommendations.isError ? (
        <ErrorState error={recommendations.error} onRetry={() => void recommendations.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No recommendations are allotted to the subgroup" />
      ) : (
        <>
          <DataTable
            caption="Recommendations allotted to the subgroup, the most recent review’s first"
            captionSize="hidden"
            columns={columns}
            rows={rows}
            rowKey={(recommendation) => recommendation.id}
          />
          {button}
        </>
      )}
    </section>
  );
}
