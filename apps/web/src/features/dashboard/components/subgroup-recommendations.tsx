import type { Agency, Recommendation, Review } from '@lrt/contracts';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { LABELS } from '@/lib/contract-constants';
import { formatDate } from '@/lib/format';
import { useSubgroupRecommendations } from '../api/get-subgroup-recommendations';

interface Props {
  subgroupId: number;
  agencies: ReadonlyMap<number, Agency>;
  reviews: ReadonlyMap<number, Review>;
}

/** The recommendations allotted to the subgroup, by review and number. */
export function SubgroupRecommendations({ subgroupId, agencies, reviews }: Props) {
  const recommendations = useSubgroupRecommendations(subgroupId);
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
        <Link className="govuk-link" to={`/reviews/${recommendation.reviewId}`}>
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
      ) : recommendations.data.length === 0 ? (
        <EmptyState title="No recommendations are allotted to the subgroup" />
      ) : (
        <DataTable
          caption="Recommendations allotted to the subgroup"
          captionSize="hidden"
          columns={columns}
          rows={recommendations.data}
          rowKey={(recommendation) => recommendation.id}
        />
      )}
    </section>
  );
}
