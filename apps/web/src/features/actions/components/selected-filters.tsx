import type { Agency, Recommendation, Review, Subgroup, Theme } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { Link } from 'react-router';
import { formatDate, pluralise } from '@/lib/format';
import { actionsListPath, countActiveFilters, withoutFilters, type ActionFilters, type RepeatableFilter } from '../filters';

export interface FilterLookups {
  agencies: ReadonlyMap<number, Agency>;
  reviews: ReadonlyMap<number, Review>;
  recommendations: ReadonlyMap<number, Recommendation>;
  subgroups: ReadonlyMap<number, Subgroup>;
  themes: ReadonlyMap<number, Theme>;
}

interface SelectedFilter {
  key: string;
  group: string;
  label: string;
  /** The same view without this one value (first page). */
  without: Partial<ActionFilters>;
}

function selectedFilters(filters: ActionFilters, lookups: FilterLookups): SelectedFilter[] {
  const base: ActionFilters = { ...filters, cursor: undefined };
  const list: SelectedFilter[] = [];
  const repeat = <K extends RepeatableFilter>(key: K, group: string, name: (value: ActionFilters[K][number]) => string) => {
    for (const value of filters[key]) {
      list.push({
        key: `${key}-${value}`,
        group,
        label: name(value),
        without: { ...base, [key]: (filters[key] as unknown[]).filter((other) => other !== value) },
      });
    }
  };
  if (filters.q) list.push({ key: 'q', group: 'Search', label: `“${filters.q}”`, without: { ...base, q: '' } });
  if (filters.overdue !== undefined) {
    list.push({ key: 'overdue', group: 'Needs attention', label: filters.overdue ? 'Overdue' : 'Not overdue', without: { ...base, overdue: undefined } });
  }
  if (filters.stale !== undefined) {
    list.push({ key: 'stale', group: 'Needs attention', label: filters.stale ? 'Stale' : 'Not stale', without: { ...base, stale: undefined } });
  }
  if (filters.dueSoon !== undefined) {
    list.push({ key: 'dueSoon', group: 'Needs attention', label: filters.dueSoon ? 'Due soon' : 'Not due soon', without: { ...base, dueSoon: undefined } });
  }
  if (filters.returned !== undefined) {
    list.push({
      key: 'returned',
      group: 'Needs attention',
      label: filters.returned ? 'Returned for more information' : 'Not returned',
      without: { ...base, returned: undefined },
    });
  }
  repeat('status', 'Status', (status) => LABELS.actionStatus[status]);
  repeat('brag', 'BRAG rating', (brag) => LABELS.brag[brag]);
  if (filters.dueAfter) {
    list.push({ key: 'dueAfter', group: 'Target date', label: `on or after ${formatDate(filters.dueAfter)}`, without: { ...base, dueAfter: undefined } });
  }
  if (filters.dueBefore) {
    list.push({ key: 'dueBefore', group: 'Target date', label: `on or before ${formatDate(filters.dueBefore)}`, without: { ...base, dueBefore: undefined } });
  }
  repeat('agencyId', 'Agency', (id) => lookups.agencies.get(id)?.name ?? `Agency ${id}`);
  repeat('reviewId', 'Review', (id) => lookups.reviews.get(id)?.code ?? `Review ${id}`);
  repeat('recommendationId', 'Recommendation', (id) => {
    const recommendation = lookups.recommendations.get(id);
    return recommendation ? `Recommendation ${recommendation.number}` : `Recommendation (id ${id})`;
  });
  repeat('subgroupId', 'Subgroup', (id) => lookups.subgroups.get(id)?.name ?? `Subgroup ${id}`);
  repeat('themeId', 'Theme', (id) => lookups.themes.get(id)?.name ?? `Theme ${id}`);
  repeat('kind', 'Kind of action', (kind) => LABELS.actionKind[kind]);
  return list;
}

/**
 * The filters in force, as MoJ Frontend's filter "selected filters" (its markup and Sass): how many, each as a
 * tag that removes it, and "Clear filters". Shown beside the results, so it is there when the filter panel is hidden.
 */
export function SelectedFilters({ filters, lookups }: { filters: ActionFilters; lookups: FilterLookups }) {
  const count = countActiveFilters(filters);
  if (count === 0) {
    return <p className="govuk-body app-selected-filters__none">No filters applied: showing every action you can see.</p>;
  }
  const selected = selectedFilters(filters, lookups);
  const groups = [...new Set(selected.map((filter) => filter.group))];
  return (
    <section className="moj-filter__selected app-selected-filters" aria-labelledby="selected-filters-heading">
      <div className="moj-filter__selected-heading">
        <div className="moj-filter__heading-title">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-0" id="selected-filters-heading">
            {pluralise(count, 'filter')} applied
          </h2>
        </div>
        {/* MoJ spreads the heading and its action apart with justified text, which needs a space between them. */}
        {' '}
        <div className="moj-filter__heading-action">
          <p className="govuk-body govuk-!-margin-bottom-0">
            <Link className="govuk-link govuk-link--no-visited-state" to={actionsListPath(withoutFilters(filters))}>
              Clear filters
            </Link>
          </p>
        </div>
      </div>
      <dl className="app-selected-filters__groups">
        {groups.map((group) => (
          <div key={group} className="app-selected-filters__group">
            <dt className="app-selected-filters__group-name">{group}</dt>
            {selected
              .filter((filter) => filter.group === group)
              .map((filter) => (
                <dd key={filter.key} className="app-selected-filters__item">
                  <Link className="moj-filter__tag" to={actionsListPath(filter.without)}>
                    <span className="govuk-visually-hidden">Remove this filter: {group}, </span>
                    {filter.label}
                  </Link>
                </dd>
              ))}
          </div>
        ))}
      </dl>
    </section>
  );
}
