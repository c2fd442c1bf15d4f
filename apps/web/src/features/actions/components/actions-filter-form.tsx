import type { ActionSort, Agency, Review, Subgroup, Theme } from '@lrt/contracts';
import { ACTION_KINDS, ACTION_SORTS, ACTION_STATUSES, BRAG_RATINGS, LABELS } from '@/lib/contract-constants';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Checkboxes, Select, TextInput, type Option } from '@/components/form-fields';
import { readActionFilters, writeActionFilters, type ActionFilters } from '../filters';

export const SORT_LABELS: Record<ActionSort, string> = {
  targetDate: 'Target date, soonest first',
  '-targetDate': 'Target date, latest first',
  ref: 'Reference, A to Z',
  '-ref': 'Reference, Z to A',
  lastUpdateAt: 'Last update, longest ago first',
  '-lastUpdateAt': 'Last update, most recent first',
  attention: 'Needing attention first',
  createdAt: 'Date added, oldest first',
  '-createdAt': 'Date added, newest first',
};

export interface ActionsFilterFormProps {
  agencies: readonly Agency[];
  reviews: readonly Review[];
  subgroups: readonly Subgroup[];
  themes: readonly Theme[];
}

const anyOption = (label: string): Option => ({ value: '', label });

/** The filters as they stand in the submitted form. Unticked boxes and "any" choices drop out. */
function filtersFromForm(form: HTMLFormElement): Partial<ActionFilters> {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
  }
  const attention = params.getAll('attention');
  return {
    ...readActionFilters(params),
    overdue: attention.includes('overdue') ? true : undefined,
    stale: attention.includes('stale') ? true : undefined,
    cursor: undefined,
  };
}

/**
 * A GET form whose state is the URL: it reads its values from the search params and, when applied, writes
 * them back (so the view can be bookmarked and shared). Applying filters goes back to the first page.
 */
export function ActionsFilterForm({ agencies, reviews, subgroups, themes }: ActionsFilterFormProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readActionFilters(searchParams);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearchParams(writeActionFilters(filtersFromForm(event.currentTarget)));
  };

  const first = (ids: number[]) => (ids[0] !== undefined ? String(ids[0]) : '');

  return (
    // Remount when the URL changes (back button, a link), so the fields show what the URL says.
    <form key={searchParams.toString()} method="get" action="/actions" onSubmit={onSubmit} className="app-filter" noValidate>
      <h2 className="app-filter__heading">Filter actions</h2>

      <TextInput
        id="filter-q"
        name="q"
        type="search"
        label="Search"
        labelSize="s"
        hint="Reference, learning need, action or progress notes"
        defaultValue={filters.q}
        spellCheck={false}
      />

      <Checkboxes
        id="filter-status"
        name="status"
        legend="Status"
        legendSize="s"
        small
        options={ACTION_STATUSES.map((status) => ({ value: status, label: LABELS.actionStatus[status] }))}
        defaultValues={filters.status}
      />

      <Checkboxes
        id="filter-brag"
        name="brag"
        legend="BRAG rating"
        legendSize="s"
        small
        options={[...BRAG_RATINGS].reverse().map((brag) => ({ value: brag, label: LABELS.brag[brag] }))}
        defaultValues={filters.brag}
      />

      <Checkboxes
        id="filter-attention"
        name="attention"
        legend="Needs attention"
        legendSize="s"
        small
        options={[
          { value: 'overdue', label: 'Overdue' },
          { value: 'stale', label: 'Stale (no recent progress update)' },
        ]}
        defaultValues={[filters.overdue ? 'overdue' : '', filters.stale ? 'stale' : ''].filter(Boolean)}
      />

      <Select
        id="filter-agency"
        name="agencyId"
        label="Agency"
        labelSize="s"
        options={[anyOption('All agencies'), ...agencies.map((a) => ({ value: String(a.id), label: a.name }))]}
        defaultValue={first(filters.agencyId)}
      />

      <Select
        id="filter-review"
        name="reviewId"
        label="Review"
        labelSize="s"
        options={[
          anyOption('All reviews'),
          ...reviews.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.childPseudonym}` })),
        ]}
        defaultValue={first(filters.reviewId)}
      />

      <Select
        id="filter-subgroup"
        name="subgroupId"
        label="Subgroup"
        labelSize="s"
        options={[anyOption('All subgroups'), ...subgroups.map((s) => ({ value: String(s.id), label: s.name }))]}
        defaultValue={first(filters.subgroupId)}
      />

      <Select
        id="filter-theme"
        name="themeId"
        label="Theme"
        labelSize="s"
        options={[anyOption('All themes'), ...themes.map((t) => ({ value: String(t.id), label: t.name }))]}
        defaultValue={first(filters.themeId)}
      />

      <Checkboxes
        id="filter-kind"
        name="kind"
        legend="Kind of action"
        legendSize="s"
        small
        options={ACTION_KINDS.map((kind) => ({ value: kind, label: LABELS.actionKind[kind] }))}
        defaultValues={filters.kind}
      />

      <Select
        id="filter-sort"
        name="sort"
        label="Sort by"
        labelSize="s"
        options={ACTION_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))}
        defaultValue={filters.sort}
      />

      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
          Apply filters
        </button>
        <Link to="/actions" className="govuk-link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
