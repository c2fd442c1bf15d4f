import type { ActionSort, Agency, Recommendation, Review, Subgroup, Theme } from '@lrt/contracts';
import { ACTION_KINDS, ACTION_STATUSES, BRAG_RATINGS, LABELS } from '@/lib/contract-constants';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Checkboxes, TextInput } from '@/components/form-fields';
import { useRecommendations } from '@/features/reviews/api/get-recommendations';
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

/** The filters as they stand in the submitted form. Unticked boxes and empty fields drop out. */
function filtersFromForm(form: HTMLFormElement): Partial<ActionFilters> {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
  }
  const attention = params.getAll('attention');
  const read = readActionFilters(params);
  return {
    ...read,
    // "Not overdue" and "not stale" come only from a link; they are kept as hidden fields until removed.
    overdue: attention.includes('overdue') ? true : read.overdue === false ? false : undefined,
    stale: attention.includes('stale') ? true : read.stale === false ? false : undefined,
    dueSoon: attention.includes('dueSoon') ? true : read.dueSoon === false ? false : undefined,
    returned: attention.includes('returned') ? true : read.returned === false ? false : undefined,
    cursor: undefined,
  };
}

const hidden = (name: string, values: readonly (string | number)[]) =>
  values.map((value) => <input key={`${name}-${value}`} type="hidden" name={name} value={String(value)} />);

/**
 * The filter panel of the actions list, a GET form whose state is the URL: it reads its values from the search
 * params and, when applied, writes them back (so the view can be bookmarked and shared). Every filter may take
 * several values, as the API allows. The search and the sort are set beside the results; the form carries them
 * along unchanged. Applying filters goes back to the first page.
 */
export function ActionsFilterForm({ agencies, reviews, subgroups, themes }: ActionsFilterFormProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readActionFilters(searchParams);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearchParams(writeActionFilters(filtersFromForm(event.currentTarget)));
  };

  const ids = (values: number[]) => values.map(String);
  const onlyReviewId = filters.reviewId.length === 1 ? filters.reviewId[0] : undefined;

  return (
    // Remount when the URL changes (back button, a link), so the fields show what the URL says.
    <form key={searchParams.toString()} method="get" action="/actions" onSubmit={onSubmit} className="moj-filter" noValidate aria-labelledby="filter-heading">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m" id="filter-heading">
            Filter actions
          </h2>
        </div>
      </div>
      <div className="moj-filter__content">
        <div className="moj-filter__options">
          {hidden('q', filters.q ? [filters.q] : [])}
          {hidden('sort', [filters.sort])}
          {filters.overdue === false ? hidden('overdue', ['false']) : null}
          {filters.stale === false ? hidden('stale', ['false']) : null}
          {filters.dueSoon === false ? hidden('dueSoon', ['false']) : null}
          {filters.returned === false ? hidden('returned', ['false']) : null}

          <button type="submit" className="govuk-button">
            Apply filters
          </button>

          <Checkboxes
            id="filter-attention"
            name="attention"
            legend="Needs attention"
            legendSize="s"
            small
            options={[
              { value: 'overdue', label: 'Overdue' },
              { value: 'stale', label: 'Stale (no recent progress update)' },
              { value: 'dueSoon', label: 'Due soon' },
              { value: 'returned', label: 'Returned for more information' },
            ]}
            defaultValues={[
              filters.overdue ? 'overdue' : '',
              filters.stale ? 'stale' : '',
              filters.dueSoon ? 'dueSoon' : '',
              filters.returned ? 'returned' : '',
            ].filter(Boolean)}
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

          <fieldset className="govuk-fieldset govuk-form-group" aria-describedby="filter-due-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Target date</legend>
            <div id="filter-due-hint" className="govuk-hint">
              Actions due between these days, including both.
            </div>
            <TextInput id="filter-due-after" name="dueAfter" type="date" label="On or after" defaultValue={filters.dueAfter ?? ''} />
            <TextInput id="filter-due-before" name="dueBefore" type="date" label="On or before" defaultValue={filters.dueBefore ?? ''} />
          </fieldset>

          <Checkboxes
            id="filter-agency"
            name="agencyId"
            legend="Agency"
            legendSize="s"
            hint="Actions the agency owns or shares"
            small
            options={agencies.map((a) => ({ value: String(a.id), label: `${a.name} (${a.shortName})` }))}
            defaultValues={ids(filters.agencyId)}
          />

          <Checkboxes
            id="filter-review"
            name="reviewId"
            legend="Review"
            legendSize="s"
            small
            options={reviews.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.childPseudonym}` }))}
            defaultValues={ids(filters.reviewId)}
          />

          {onlyReviewId !== undefined ? (
            <RecommendationFilter reviewId={onlyReviewId} selected={filters.recommendationId} />
          ) : (
            // Recommendations belong to one review; chosen from another page, they are kept until removed.
            hidden('recommendationId', filters.recommendationId)
          )}

          <Checkboxes
            id="filter-subgroup"
            name="subgroupId"
            legend="Subgroup"
            legendSize="s"
            small
            options={subgroups.map((s) => ({ value: String(s.id), label: s.name }))}
            defaultValues={ids(filters.subgroupId)}
          />

          <Checkboxes
            id="filter-theme"
            name="themeId"
            legend="Theme"
            legendSize="s"
            small
            options={themes.map((t) => ({ value: String(t.id), label: t.name }))}
            defaultValues={ids(filters.themeId)}
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
        </div>
      </div>
    </form>
  );
}

/** The recommendations of the one review chosen, to narrow its actions further. */
function RecommendationFilter({ reviewId, selected }: { reviewId: number; selected: number[] }) {
  const recommendations = useRecommendations(reviewId);
  if (!recommendations.data) return hidden('recommendationId', selected);
  if (recommendations.data.length === 0) return hidden('recommendationId', selected);
  const known = new Set(recommendations.data.map((r) => r.id));
  return (
    <>
      <Checkboxes
        id="filter-recommendation"
        name="recommendationId"
        legend="Recommendation"
        legendSize="s"
        small
        options={recommendations.data.map((r: Recommendation) => ({
          value: String(r.id),
          label: `${r.number}. ${r.text.length > 80 ? `${r.text.slice(0, 79).trimEnd()}…` : r.text}`,
        }))}
        defaultValues={selected.map(String)}
      />
      {hidden(
        'recommendationId',
        selected.filter((id) => !known.has(id)),
      )}
    </>
  );
}
