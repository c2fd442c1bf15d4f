import type { Agency } from '@lrt/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { CountBadge } from '@/components/flags';
import { SuccessBanner } from '@/components/notification-banner';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import type { AssuranceDecisionAnswer } from '@/features/actions/api/decide-assurance';
import { useActions } from '@/features/actions/api/get-actions';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviewsByIds } from '@/features/reviews/api/get-reviews';
import { SignOffControls } from '@/features/actions/components/sign-off-controls';
import { formatDate } from '@/lib/format';
import { countPath } from '../links';
import { ActionSummary } from './action-summary';
import { CompletionEvidence } from './completion-evidence';
import { LatestUpdate } from './latest-update';

const PAGE_SIZE = 50;

interface Props {
  subgroupId: number;
  agencies: ReadonlyMap<number, Agency>;
  onErrorsChange: (hasErrors: boolean) => void;
}

interface Decided {
  heading: string;
  body: string;
}

/**
 * Completed actions of the subgroup, waiting for it to assure them (sign off, with evidence of impact) or
 * return them for more information. Beside each: its measure of success, the evidence its agency posted and how
 * long it has waited. The controls show only when the API says this person may decide
 * (`permissions.canDecideAssurance`).
 */
export function AwaitingAssurance({ subgroupId, agencies, onErrorsChange }: Props) {
  const query = { subgroupId, status: 'completed', sort: 'targetDate', limit: PAGE_SIZE };
  const actions = useActions(query);
  const reviews = useLookup(useReviewsByIds(actions.data?.items.map((action) => action.reviewId) ?? []).data);
  const [decided, setDecided] = useState<Decided | null>(null);

  // The action leaves this list, so focus goes to the confirmation instead of back to its button.
  const onDecided = ({ action }: AssuranceDecisionAnswer) => {
    const agency = agencies.get(action.ownerAgencyId)?.name ?? 'its agency';
    setDecided(
      action.status === 'assured'
        ? { heading: `Action ${action.ref} is assured`, body: 'The evidence of impact is recorded with the sign-off.' }
        : {
            heading: `Action ${action.ref} was returned for more information`,
            body: `It is back with ${agency}${action.returned ? `, with the answer due by ${formatDate(action.returned.replyBy)}` : ''}.`,
          },
    );
  };

  return (
    <section aria-labelledby="awaiting-assurance-heading">
      <h2 className="govuk-heading-l" id="awaiting-assurance-heading">
        Completed actions awaiting assurance
        {actions.data ? (
          <>
            {' '}
            <CountBadge>
              {actions.data.items.length}
              {actions.data.nextCursor ? '+' : ''}
            </CountBadge>
          </>
        ) : null}
      </h2>
      {decided ? (
        <SuccessBanner heading={decided.heading}>
          <p className="govuk-body">{decided.body}</p>
        </SuccessBanner>
      ) : null}
      {actions.isPending ? (
        <Loading label="Loading the actions awaiting assurance" />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.items.length === 0 ? (
        <EmptyState title="No completed actions are waiting for assurance">
          When an agency proposes an action as completed, it appears here for the subgroup to assure or return.
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body">
            Agencies proposed these actions as completed. Read their evidence against the measure of success, then assure
            each one with the evidence of impact, or return it for more information.
          </p>
          <ul className="app-action-list">
            {actions.data.items.map((action) => (
              <li key={action.id} className="app-action-item">
                <ActionSummary action={action} agencies={agencies} reviews={reviews} />
                <CompletionEvidence action={action} />
                <LatestUpdate action={action} />
                <SignOffControls action={action} headingLevel={4} onDecided={onDecided} onErrorsChange={onErrorsChange} onOpen={() => setDecided(null)} />
              </li>
            ))}
          </ul>
          {actions.data.nextCursor ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={countPath({ subgroupId }, { kind: 'status', status: 'completed' })}>
                See all the completed actions awaiting assurance
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
