import type { ChaseCreated } from '@lrt/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { useSettings } from '@/features/settings/api/get-settings';
import { pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useChaseCandidates } from '../api/get-chase-candidates';
import { CandidateAgencies } from '../components/candidate-agencies';
import { ChaseAccess } from '../components/chase-access';
import { ChaseHistory } from '../components/chase-history';
import { ChaseRequestForm } from '../components/chase-request-form';
import { MessagePreview } from '../components/message-preview';
import { ScopeForm, SortForm } from '../components/scope-form';
import { CHASE_SORT_LABELS, hasScope, readChaseFilters, sortAgencies, writeChaseFilters, type ChaseFilters } from '../filters';

const TITLE = 'Chase updates';

/** What the detail page is told after a send, to say so in a banner. */
export interface ChaseSentState {
  sent: { messages: number; agenciesWithoutLead: string[] };
}

/**
 * Chase updates: who owes what, per agency, and one form to ask each agency lead, in one message each, about
 * exactly their agency's outstanding actions. The scope and sort live in the URL; ticks and the reply-by date
 * live on the page until the request is sent.
 */
export function ChasePage() {
  return (
    <ChaseAccess>
      <Chase />
    </ChaseAccess>
  );
}

function Chase() {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(TITLE, { hasErrors });
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readChaseFilters(searchParams);
  const scope = { reviewId: filters.reviewId, subgroupId: filters.subgroupId, agencyId: filters.agencyId };
  const candidates = useChaseCandidates(scope);
  const reviews = useReviews();
  const subgroups = useSubgroups();
  const agencies = useAgencies();
  const me = useSignedIn();
  // A subgroup chair chases only the subgroups they chair: the scope offers only those (the API holds to it too).
  const chairsOnly = me && !me.user.roles.includes('admin') ? me.user.subgroupIds : null;
  const chaseableSubgroups = useMemo(
    () => (subgroups.data && chairsOnly ? subgroups.data.filter((subgroup) => chairsOnly.includes(subgroup.id)) : subgroups.data),
    [subgroups.data, chairsOnly],
  );
  const graceDays = useSettings().data?.replyLinkGraceDays;
  const names = {
    reviews: useLookup(reviews.data),
    subgroups: useLookup(subgroups.data),
    agencies: useLookup(agencies.data),
  };
  const navigate = useNavigate();

  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [preview, setPreview] = useState<{ created: ChaseCreated; body: string } | null>(null);
  const [body, setBody] = useState('');
  const onBodyChange = useCallback((next: string) => setBody(next), []);

  const go = (next: ChaseFilters) => setSearchParams(writeChaseFilters(next));
  const sorted = useMemo(() => sortAgencies(candidates.data?.agencies ?? [], filters.sort), [candidates.data, filters.sort]);
  // Ticks of actions no longer shown (another scope) are not sent.
  const shownIds = useMemo(() => new Set(sorted.flatMap((agency) => agency.actions.map((action) => action.id))), [sorted]);
  const tickedIds = [...ticked].filter((id) => shownIds.has(id));
  const inScope = {
    actions: sorted.reduce((sum, agency) => sum + agency.counts.needingUpdate, 0),
    agencies: sorted.length,
  };

  const referenceQueries = [reviews, subgroups, agencies];
  const referenceError = referenceQueries.find((query) => query.isError)?.error;

  const onSent = (created: ChaseCreated) => {
    if (created.id === null) return;
    const state: ChaseSentState = {
      sent: {
        messages: created.messages.filter((message) => message.to !== null).length,
        agenciesWithoutLead: created.agenciesWithoutLead.map((agency) => agency.name),
      },
    };
    void navigate(`/chase/${created.id}`, { state });
  };

  return (
    <>
      <h1 className="govuk-heading-l">{TITLE}</h1>
      <p className="govuk-body-l">
        See which agencies owe updates on their actions, and ask each agency lead in one message about exactly their agency&rsquo;s
        outstanding actions. Each message carries a personal link for answering without signing in.
      </p>

      {referenceError ? (
        <ErrorState error={referenceError} onRetry={() => referenceQueries.forEach((query) => void query.refetch())} />
      ) : reviews.data && subgroups.data && agencies.data ? (
        <ScopeForm
          key={searchParams.toString()}
          filters={filters}
          reviews={reviews.data}
          subgroups={chaseableSubgroups ?? subgroups.data}
          agencies={agencies.data}
          onApply={go}
        />
      ) : (
        <Loading label="Loading the reviews, subgroups and agencies" />
      )}

      <h2 className="govuk-heading-m">Who owes updates</h2>
      <div aria-busy={candidates.isFetching}>
        {candidates.isPending ? (
          <Loading label="Loading the agencies that owe updates" />
        ) : candidates.isError ? (
          <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : sorted.length === 0 ? (
          <EmptyState title={hasScope(filters) ? 'No action in this scope needs an update' : 'No action needs an update'}>
            Every action is up to date: none is overdue, stale, due soon or waiting for an answer to a question.
          </EmptyState>
        ) : (
          <>
            <div className="app-action-bar">
              <p className="govuk-body govuk-!-margin-bottom-0" role="status">
                {pluralise(sorted.length, 'agency', 'agencies')} {sorted.length === 1 ? 'owes' : 'owe'} updates on {pluralise(inScope.actions, 'action')}
                <span className="govuk-visually-hidden">, sorted by {CHASE_SORT_LABELS[filters.sort].toLowerCase()}</span>.
              </p>
              <SortForm key={filters.sort} sort={filters.sort} onSort={(sort) => go({ ...filters, sort })} />
            </div>
            <CandidateAgencies
              agencies={sorted}
              ticked={ticked}
              onTick={(actionId, checked) =>
                setTicked((current) => {
                  const next = new Set(current);
                  if (checked) next.add(actionId);
                  else next.delete(actionId);
                  return next;
                })
              }
            />
            {tickedIds.length > 0 ? (
              <p className="govuk-body">
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setTicked(new Set())}>
                  Untick every action
                </button>
              </p>
            ) : null}
            <ChaseRequestForm
              key={candidates.data.defaultReplyBy}
              scope={scope}
              tickedIds={tickedIds}
              inScope={inScope}
              defaultReplyBy={candidates.data.defaultReplyBy}
              graceDays={graceDays}
              onPreview={(created, previewBody) => setPreview({ created, body: previewBody })}
              onBodyChange={onBodyChange}
              onSent={onSent}
              onErrorsChange={setHasErrors}
            />
            {preview && preview.body === body ? <MessagePreview preview={preview.created} /> : null}
          </>
        )}
      </div>

      <ChaseHistory agencyId={filters.agencyId} names={names} />
    </>
  );
}
