import type { Agency } from '@lrt/contracts';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useActions } from '@/features/actions/api/get-actions';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviewsByIds } from '@/features/reviews/api/get-reviews';
import { pluralise } from '@/lib/format';
import { countPath } from '../links';
import { ActionSummary } from './action-summary';
import { LatestUpdate } from './latest-update';

const SHOWN = 10;

/** The subgroup's red actions, most urgent first, each with its latest note: what the meeting must discuss. */
export function RedActions({ subgroupId, agencies }: { subgroupId: number; agencies: ReadonlyMap<number, Agency> }) {
  const actions = useActions({ subgroupId, brag: 'red', sort: 'attention', limit: SHOWN });
  const reviews = useLookup(useReviewsByIds(actions.data?.items.map((action) => action.reviewId) ?? []).data);
  const allRed = countPath({ subgroupId }, { kind: 'brag', brag: 'red' });
  return (
    <section aria-labelledby="red-actions-heading">
      <h2 className="govuk-heading-l" id="red-actions-heading">
        Red actions
      </h2>
      {actions.isPending ? (
        <Loading label="Loading the red actions" />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.items.length === 0 ? (
        <EmptyState title="No red actions">None of the subgroup’s actions is off track or overdue.</EmptyState>
      ) : (
        <>
          <p className="govuk-body">
            Off track or overdue, with the latest word from the agency.
            {actions.data.nextCursor ? ` The first ${pluralise(actions.data.items.length, 'action')}, most urgent first.` : ''}
          </p>
          <ul className="app-action-list">
            {actions.data.items.map((action) => (
              <li key={action.id} className="app-action-item">
                <ActionSummary action={action} agencies={agencies} reviews={reviews} />
                <LatestUpdate action={action} />
              </li>
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-link" to={allRed}>
              See all the subgroup’s red actions in the actions list
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
