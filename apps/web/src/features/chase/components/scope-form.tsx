import type { Agency, Review, Subgroup } from '@lrt/contracts';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Select } from '@/components/form-fields';
import { CHASE_SORT_LABELS, CHASE_SORTS, hasScope, writeChaseFilters, type ChaseFilters, type ChaseSort } from '../filters';

export const SCOPE_FIELD_IDS = { reviewId: 'chase-scope-review', subgroupId: 'chase-scope-subgroup', agencyId: 'chase-scope-agency' } as const;

const numberOf = (value: FormDataEntryValue | null) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined);

/**
 * Which actions a chase is about: all, or those of a review, a subgroup, an agency (or where these meet). The choice
 * lives in the URL, so a link reproduces it; it is applied with the button, not while someone is still choosing.
 */
export function ScopeForm({
  filters,
  reviews,
  subgroups,
  agencies,
  onApply,
}: {
  filters: ChaseFilters;
  reviews: readonly Review[];
  subgroups: readonly Subgroup[];
  agencies: readonly Agency[];
  onApply: (filters: ChaseFilters) => void;
}) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      ...filters,
      reviewId: numberOf(form.get('reviewId')),
      subgroupId: numberOf(form.get('subgroupId')),
      agencyId: numberOf(form.get('agencyId')),
    });
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby="chase-scope-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="chase-scope-heading">
        Which actions
      </h2>
      <div className="app-admin-filter">
        <Select
          id={SCOPE_FIELD_IDS.reviewId}
          name="reviewId"
          label="Review"
          labelSize="s"
          defaultValue={filters.reviewId ? String(filters.reviewId) : ''}
          options={[{ value: '', label: 'All reviews' }, ...reviews.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.childPseudonym}` }))]}
        />
        <Select
          id={SCOPE_FIELD_IDS.subgroupId}
          name="subgroupId"
          label="Subgroup"
          labelSize="s"
          defaultValue={filters.subgroupId ? String(filters.subgroupId) : ''}
          options={[{ value: '', label: 'All subgroups' }, ...subgroups.map((s) => ({ value: String(s.id), label: s.name }))]}
        />
        <Select
          id={SCOPE_FIELD_IDS.agencyId}
          name="agencyId"
          label="Agency"
          labelSize="s"
          defaultValue={filters.agencyId ? String(filters.agencyId) : ''}
          options={[
            { value: '', label: 'All agencies' },
            ...agencies.filter((a) => a.active || a.id === filters.agencyId).map((a) => ({ value: String(a.id), label: a.name })),
          ]}
        />
        <div className="govuk-form-group">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show these actions
          </button>
        </div>
      </div>
      {hasScope(filters) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/chase?${writeChaseFilters({ sort: filters.sort }).toString()}`}>
            Show every agency&rsquo;s actions
          </Link>
        </p>
      ) : null}
    </form>
  );
}

export function SortForm({ sort, onSort }: { sort: ChaseSort; onSort: (sort: ChaseSort) => void }) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('sort');
    if (typeof value === 'string' && (CHASE_SORTS as readonly string[]).includes(value)) onSort(value as ChaseSort);
  };
  return (
    <form onSubmit={onSubmit} aria-label="Sort agencies">
      <label className="govuk-label govuk-label--s" htmlFor="chase-sort">
        Sort agencies by
      </label>
      <div className="app-search-row">
        <select className="govuk-select" id="chase-sort" name="sort" defaultValue={sort}>
          {CHASE_SORTS.map((value) => (
            <option key={value} value={value}>
              {CHASE_SORT_LABELS[value]}
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
