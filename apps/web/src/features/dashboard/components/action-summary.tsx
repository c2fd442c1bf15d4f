import type { Action, Agency, Review } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { OverdueFlag, StaleFlag } from '@/components/flags';
import { StatusTag } from '@/components/status-tag';
import { formatDate, formatInstantDate } from '@/lib/format';

const shorten = (text: string, length = 280) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

export interface ActionSummaryProps {
  action: Action;
  agencies: ReadonlyMap<number, Agency>;
  reviews?: ReadonlyMap<number, Review> | undefined;
  headingLevel?: 3 | 4;
  /** Extra flags after the API's (e.g. "Due soon" on the my-agency page). */
  extraFlags?: ReactNode;
}

/** One action as a block in a list: its reference as a heading, what it is, its status and BRAG in words. */
export function ActionSummary({ action, agencies, reviews, headingLevel = 3, extraFlags }: ActionSummaryProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const owner = agencies.get(action.ownerAgencyId);
  const review = reviews?.get(action.reviewId);
  return (
    <>
      <Heading className="govuk-heading-s app-action-item__heading">
        <Link className="govuk-link" to={`/actions/${action.id}`}>
          Action {action.ref}
        </Link>
      </Heading>
      <p className="govuk-body govuk-!-margin-bottom-2 app-pre-wrap">{shorten(action.action)}</p>
      <p className="govuk-body app-tag-list govuk-!-margin-bottom-2">
        <StatusTag status={action.status} />
        <BragTag brag={action.brag} reason={action.bragReason} />
        {action.overdue ? <OverdueFlag /> : null}
        {action.stale ? <StaleFlag /> : null}
        {extraFlags}
      </p>
      <p className="app-action-item__meta">
        {owner ? `${owner.name} (${owner.shortName})` : `Agency ${action.ownerAgencyId}`}
        {action.kind === 'multi_agency' ? ', multi-agency' : ''}
        {' · '}
        {review ? `Review ${review.code}` : (
          <Link className="govuk-link" to={`/reviews/${action.reviewId}`}>
            Its review
          </Link>
        )}
        {' · '}Target date: {formatDate(action.targetDate, 'none set')}
        {' · '}Last update: {formatInstantDate(action.lastUpdateAt, 'none yet')}
      </p>
    </>
  );
}
