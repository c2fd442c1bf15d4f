import type { Agency, ChaseSummary, Review, Subgroup } from '@lrt/contracts';
import { Link } from 'react-router';
import { useShowMore } from '@/components/show-more';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { formatDate, pluralise } from '@/lib/format';
import { useChases } from '../api/get-chases';
import { answersInWords, mailInWords, requestTitle } from '../words';

export interface ScopeNames {
  reviews: ReadonlyMap<number, Review>;
  subgroups: ReadonlyMap<number, Subgroup>;
  agencies: ReadonlyMap<number, Agency>;
}

/** What a request was sent for, in words: "Actions ticked by hand", "Review SD-2022, subgroup …", "Every agency's actions". */
export function scopeInWords(summary: Pick<ChaseSummary, 'byHand' | 'kind' | 'reviewId' | 'subgroupId' | 'agencyId'>, names: ScopeNames): string {
  if (summary.kind === 'return') return 'One action returned for more information';
  if (summary.byHand) return 'Actions ticked by hand';
  const parts = [
    summary.reviewId !== null ? `review ${names.reviews.get(summary.reviewId)?.code ?? summary.reviewId}` : null,
    summary.subgroupId !== null ? `subgroup ${names.subgroups.get(summary.subgroupId)?.name ?? summary.subgroupId}` : null,
    summary.agencyId !== null ? `agency ${names.agencies.get(summary.agencyId)?.name ?? summary.agencyId}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return 'Every agency’s actions that needed an update';
  const words = parts.join(', ');
  return `Actions of ${words}`;
}

/**
 * The update requests sent, newest first (to one agency when the page is scoped to one), each linking to its own
 * page. "Show more" adds the next page below and moves focus to the first request it added.
 */
export function ChaseHistory({ agencyId, names }: { agencyId: number | undefined; names: ScopeNames }) {
  const chases = useChases(agencyId);
  const { items, focusRef, button } = useShowMore(chases, 'Show more update requests');

  const agencyName = agencyId !== undefined ? names.agencies.get(agencyId)?.name : undefined;
  return (
    <section aria-labelledby="chase-history-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="chase-history-heading">
        Update requests sent{agencyName ? ` to ${agencyName}` : ''}
      </h2>
      {chases.isPending ? (
        <Loading label="Loading the update requests sent" />
      ) : chases.isError ? (
        <ErrorState error={chases.error} onRetry={() => void chases.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No update requests have been sent yet">Requests you send appear here, with who has answered.</EmptyState>
      ) : (
        <>
          <ol className="govuk-list app-chase-history">
            {items.map((summary) => (
              <li key={summary.id} className="govuk-!-margin-bottom-5">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/chase/${summary.id}`} ref={focusRef(summary.id)}>
                    {requestTitle(summary)}
                  </Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  By {summary.createdByName}. {scopeInWords(summary, names)}: {pluralise(summary.actions, 'action')} of{' '}
                  {pluralise(summary.agencies, 'agency', 'agencies')}, reply by {formatDate(summary.replyBy)}.
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {answersInWords(summary)}. Email: {mailInWords(summary.mail)}.
                </p>
              </li>
            ))}
          </ol>
          {button}
        </>
      )}
    </section>
  );
}
