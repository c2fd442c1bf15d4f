import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useLookup } from '@/features/reference-data/lookup';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { useSignedIn } from '@/features/auth/api/get-me';
import { isAgencyLead, isMyAgencies } from '@/features/auth/landing';
import { pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useActions } from '../api/get-actions';
import { ActionsFilterForm } from '../components/actions-filter-form';
import { ActionsTable } from '../components/actions-table';
import { hasActiveFilters, readActionFilters, toActionListQuery, writeActionFilters } from '../filters';

export function ActionsPage() {
  const [searchParams] = useSearchParams();
  const filters = readActionFilters(searchParams);
  const me = useSignedIn();
  // An agency lead's own agencies, as "My agency" in the menu links to them.
  const myAgency = me !== null && isAgencyLead(me) && isMyAgencies(me, filters.agencyId);
  const heading = myAgency ? 'My agency’s actions' : 'Actions';
  useDocumentTitle(heading);
  const actions = useActions(toActionListQuery(filters));

  const agencies = useAgencies();
  const reviews = useReviews();
  const subgroups = useSubgroups();
  const themes = useThemes();
  const agencyLookup = useLookup(agencies.data);
  const reviewLookup = useLookup(reviews.data);
  const referenceQueries = [agencies, reviews, subgroups, themes];
  const referenceError = referenceQueries.find((query) => query.isError)?.error;

  const nextPage = actions.data?.nextCursor
    ? `/actions?${writeActionFilters({ ...filters, cursor: actions.data.nextCursor }).toString()}`
    : null;
  const firstPage = filters.cursor ? `/actions?${writeActionFilters({ ...filters, cursor: undefined }).toString()}` : null;

  return (
    <>
      <h1 className="govuk-heading-l">{heading}</h1>
      <div className="app-filter-layout">
        <div>
          {referenceError ? (
            <ErrorState error={referenceError} onRetry={() => referenceQueries.forEach((query) => void query.refetch())} />
          ) : agencies.data && reviews.data && subgroups.data && themes.data ? (
            <ActionsFilterForm agencies={agencies.data} reviews={reviews.data} subgroups={subgroups.data} themes={themes.data} />
          ) : (
            <Loading label="Loading filters" />
          )}
        </div>

        <div aria-busy={actions.isFetching}>
          {actions.isPending ? (
            <Loading label="Loading actions" />
          ) : actions.isError ? (
            <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
          ) : actions.data.items.length === 0 ? (
            <EmptyState title={hasActiveFilters(filters) ? 'No actions match these filters' : 'There are no actions yet'}>
              {hasActiveFilters(filters) ? (
                <Link className="govuk-link" to="/actions">
                  Clear the filters
                </Link>
              ) : (
                'Actions appear here once a review’s action plan is set up.'
              )}
            </EmptyState>
          ) : (
            <>
              <p className="govuk-visually-hidden" role="status" aria-live="polite">
                {actions.isPlaceholderData ? 'Updating results' : `${pluralise(actions.data.items.length, 'action')} shown`}
              </p>
              <ActionsTable
                caption={
                  filters.cursor
                    ? `${pluralise(actions.data.items.length, 'more action')}`
                    : nextPage
                      ? `First ${pluralise(actions.data.items.length, 'action')}`
                      : pluralise(actions.data.items.length, 'action')
                }
                actions={actions.data.items}
                agencies={agencyLookup}
                reviews={reviewLookup}
              />
              {nextPage || firstPage ? (
                <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of actions">
                  {firstPage ? (
                    <div className="govuk-pagination__prev">
                      <Link className="govuk-link govuk-pagination__link" to={firstPage} rel="first">
                        <span className="govuk-pagination__link-title">First page</span>
                      </Link>
                    </div>
                  ) : null}
                  {nextPage ? (
                    <div className="govuk-pagination__next">
                      <Link className="govuk-link govuk-pagination__link" to={nextPage} rel="next">
                        <span className="govuk-pagination__link-title">
                          Next page <span className="govuk-visually-hidden">of actions</span>
                        </span>
                      </Link>
                    </div>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </div>
      </div>
    </>
  );
}
