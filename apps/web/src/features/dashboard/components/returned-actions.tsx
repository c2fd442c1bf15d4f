import type { Agency } from '@lrt/contracts';
import { Link } from 'react-router';
import { CountBadge } from '@/components/flags';
import { ErrorState, Loading } from '@/components/states';
import { useActions } from '@/features/actions/api/get-actions';
import { isAnswerLate } from '@/features/actions/components/returned';
import { formatDate, formatInstantDate } from '@/lib/format';
import { countPath } from '../links';

/** The most the list asks for; a subgroup waits on far fewer answers at once. */
const LIMIT = 200;

/**
 * Actions the subgroup returned for more information and is waiting on: to whom, the day each answer is due, and
 * whether it is late, soonest due first. Shown only when there are some.
 */
export function ReturnedActions({ subgroupId, agencies }: { subgroupId: number; agencies: ReadonlyMap<number, Agency> }) {
  const actions = useActions({ subgroupId, returned: true, sort: 'targetDate', limit: LIMIT });
  if (actions.isPending) return <Loading label="Loading the returned actions" />;
  if (actions.isError) return <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />;
  const returned = actions.data.items
    .filter((action) => action.returned !== null)
    // The answer's due day, which the API does not sort by.
    .sort((a, b) => (a.returned!.replyBy < b.returned!.replyBy ? -1 : a.returned!.replyBy > b.returned!.replyBy ? 1 : a.id - b.id));
  if (returned.length === 0) return null;
  return (
    <section aria-labelledby="returned-actions-heading">
      <h2 className="govuk-heading-m" id="returned-actions-heading">
        Returned for more information <CountBadge>{returned.length}</CountBadge>
      </h2>
      <p className="govuk-body">Waiting for their agencies to answer the subgroup’s question, soonest due first.</p>
      <ul className="govuk-list app-returned-list">
        {returned.map((action) => {
          const info = action.returned!;
          const late = isAnswerLate(info);
          const owner = agencies.get(action.ownerAgencyId);
          return (
            <li key={action.id} className="app-returned-list__item">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/actions/${action.id}`}>
                Action {action.ref}
              </Link>{' '}
              <span className="app-secondary-text">
                {owner ? `${owner.name} (${owner.shortName})` : `Agency ${action.ownerAgencyId}`}
              </span>
              <span className="govuk-!-display-block">
                Returned {formatInstantDate(info.on)}, answer due by {formatDate(info.replyBy)}
                {late ? (
                  <>
                    {' '}
                    <strong className="moj-badge moj-badge--red">Late</strong>
                  </>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {actions.data.nextCursor ? (
        <p className="govuk-body-s">
          Only the first {LIMIT} actions in progress were looked at.{' '}
          <Link className="govuk-link" to={countPath({ subgroupId }, { kind: 'status', status: 'in_progress' })}>
            See all the subgroup’s actions in progress
          </Link>
        </p>
      ) : null}
    </section>
  );
}
