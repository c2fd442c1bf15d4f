import type { ActionSort } from '@lrt/contracts';
import { ACTION_SORTS } from '@/lib/contract-constants';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useThemes } from '@/features/reference-data/api/get-themes';
import { useLookup } from '@/features/reference-data/lookup';
import { useRecommendations } from '@/features/reviews/api/get-recommendations';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { useSignedIn } from '@/features/auth/api/get-me';
import { isAgencyLead, isMyAgencies } from '@/features/auth/landing';
import { pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useActions } from '../api/get-actions';
import { ActionsFilterForm, SORT_LABELS } from '../components/actions-filter-form';
import { ActionsTable } from '../components/actions-table';
import { SelectedFilters } from '../components/selected-filters';
import {
  actionsExportHref,
  actionsListPath,
  countActiveFilters,
  hasActiveFilters,
  readActionFilters,
  toActionListQuery,
  withoutFilters,
  writeActionFilters,
  type ActionFilters,
} from '../filters';

/** Filters start open on wide screens and closed on narrow ones, where they would push the results off screen. */
const filtersOpenAtFirst = () =>
  typeof window === 'undefined' || typeof window.matchMedia !== 'function' ? true : window.matchMedia('(min-width: 48.0625em)').matches;

export function ActionsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readActionFilters(searchParams);
  const me = useSignedIn();
  // An agency lead's own agencies, as "My agency" links here.
  const myAgency = me !== null && isAgencyLead(me) && isMyAgencies(me, filters.agencyId);
  const heading = myAgency ? 'My agency’s actions' : 'Actions';
  useDocumentTitle(heading);
  const actions = useActions(toActionListQuery(filters));
  const [filtersOpen, setFiltersOpen] = useState(filtersOpenAtFirst);

  const agencies = useAgencies();
  const reviews = useReviews();
  const subgroups = useSubgroups();
  const themes = useThemes();
  const onlyReviewId = filters.reviewId.length === 1 ? filters.reviewId[0]! : 0;
  const recommendations = useRecommendationsOf(onlyReviewId);
  const lookups = {
    agencies: useLookup(agencies.data),
    reviews: useLookup(reviews.data),
    subgroups: useLookup(subgroups.data),
    themes: useLookup(themes.data),
    recommendations: useLookup(recommendations),
  };
  const referenceQueries = [agencies, reviews, subgroups, themes];
  const referenceError = referenceQueries.find((query) => query.isError)?.error;

  const go = (next: Partial<ActionFilters>) => setSearchParams(writeActionFilters({ ...next, cursor: undefined }));
  const nextPage = actions.data?.nextCursor ? actionsListPath({ ...filters, cursor: actions.data.nextCursor }) : null;
  const firstPage = filters.cursor ? actionsListPath({ ...filters, cursor: undefined }) : null;
  const activeCount = countActiveFilters(filters);

  return (
    <div className="app-wide-page">
      <h1 className="govuk-heading-l">{heading}</h1>
      {/* MoJ Frontend's filter layout: the filter panel beside the results on wide screens, above them on narrow ones. */}
      <div className="moj-filter-layout">
        <div className="moj-filter-layout__filter" id="action-filters" hidden={!filtersOpen}>
          {referenceError ? (
            <ErrorState error={referenceError} onRetry={() => referenceQueries.forEach((query) => void query.refetch())} />
          ) : agencies.data && reviews.data && subgroups.data && themes.data ? (
            <ActionsFilterForm agencies={agencies.data} reviews={reviews.data} subgroups={subgroups.data} themes={themes.data} />
          ) : (
            <Loading label="Loading filters" />
          )}
        </div>

        <div className="moj-filter-layout__content">
          <div className="app-action-bar">
            <button
              type="button"
              className="govuk-button govuk-button--secondary app-action-bar__toggle"
              aria-expanded={filtersOpen}
              aria-controls="action-filters"
              onClick={() => setFiltersOpen((open) => !open)}
            >
              {filtersOpen ? 'Hide filters' : 'Show filters'}
              {!filtersOpen && activeCount > 0 ? ` (${activeCount} applied)` : ''}
            </button>
            <SearchForm key={`q-${searchParams.toString()}`} filters={filters} onSearch={(q) => go({ ...filters, q })} />
            <SortForm key={`sort-${searchParams.toString()}`} filters={filters} onSort={(sort) => go({ ...filters, sort })} />
          </div>

          <SelectedFilters filters={filters} lookups={lookups} />

          <p className="govuk-body app-download">
            <a className="govuk-link" href={actionsExportHref(filters, 'xlsx')} download>
              Download this view as Excel
            </a>{' '}
            or{' '}
            <a className="govuk-link" href={actionsExportHref(filters, 'csv')} download>
              Download this view as CSV
            </a>{' '}
            <span className="app-secondary-text">(every matching action with these filters and this sort, not only this page)</span>
          </p>

          <div aria-busy={actions.isFetching}>
            {actions.isPending ? (
              <Loading label="Loading actions" />
            ) : actions.isError ? (
              <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
            ) : actions.data.items.length === 0 ? (
              <EmptyState title={hasActiveFilters(filters) ? 'No actions match these filters' : 'There are no actions yet'}>
                {hasActiveFilters(filters) ? (
                  <Link className="govuk-link" to={actionsListPath(withoutFilters(filters))}>
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
                    <>
                      {filters.cursor
                        ? `${pluralise(actions.data.items.length, 'more action')}`
                        : nextPage
                          ? `First ${pluralise(actions.data.items.length, 'action')}`
                          : pluralise(actions.data.items.length, 'action')}
                      <span className="govuk-visually-hidden">, sorted by {SORT_LABELS[filters.sort].toLowerCase()}</span>
                    </>
                  }
                  actions={actions.data.items}
                  agencies={lookups.agencies}
                  reviews={lookups.reviews}
                  sort={filters.sort}
                  onSort={(sort) => go({ ...filters, sort })}
                />
                {nextPage || firstPage ? (
                  <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of actions">
                    {firstPage ? (
                      <div className="govuk-pagination__prev">
                        <Link className="govuk-link govuk-pagination__link" to={firstPage} rel="first">
                          <span className="govuk-pagination__link-title">
                            Back to first page <span className="govuk-visually-hidden">of actions</span>
                          </span>
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
      </div>
    </div>
  );
}

/** The recommendations of the one review filtered on, to name recommendation filters; none otherwise. */
function useRecommendationsOf(reviewId: number) {
  const recommendations = useRecommendations(reviewId, { enabled: reviewId > 0 });
  return reviewId > 0 ? recommendations.data : undefined;
}

function SearchForm({ filters, onSearch }: { filters: ActionFilters; onSearch: (q: string) => void }) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = new FormData(event.currentTarget).get('q');
    onSearch(typeof q === 'string' ? q.trim() : '');
  };
  return (
    <form role="search" className="app-action-bar__search" onSubmit={onSubmit} aria-label="Search actions">
      <label className="govuk-label govuk-label--s" htmlFor="actions-search">
        Search actions
      </label>
      <div id="actions-search-hint" className="govuk-hint govuk-!-margin-bottom-1">
        Reference, learning need, action or progress notes
      </div>
      <div className="app-search-row">
        <input
          className="govuk-input"
          id="actions-search"
          name="q"
          type="search"
          maxLength={200}
          spellCheck={false}
          defaultValue={filters.q}
          aria-describedby="actions-search-hint"
        />
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
          Search
        </button>
      </div>
    </form>
  );
}

function SortForm({ filters, onSort }: { filters: ActionFilters; onSort: (sort: ActionSort) => void }) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sort = new FormData(event.currentTarget).get('sort');
    if (typeof sort === 'string' && (ACTION_SORTS as readonly string[]).includes(sort)) onSort(sort as ActionSort);
  };
  return (
    <form className="app-action-bar__sort" onSubmit={onSubmit} aria-label="Sort actions">
      <label className="govuk-label govuk-label--s" htmlFor="actions-sort">
        Sort by
      </label>
      <div className="app-search-row">
        <select className="govuk-select" id="actions-sort" name="sort" defaultValue={filters.sort}>
          {ACTION_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Sort
        </button>
      </div>
    </form>
  );
}
