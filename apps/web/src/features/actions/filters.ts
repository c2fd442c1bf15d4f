import type { ActionKind, ActionSort, ActionStatus, Brag } from '@lrt/contracts';
import { ACTION_KINDS, ACTION_SORTS, ACTION_STATUSES, BRAG_RATINGS } from '@/lib/contract-constants';
import type { QueryParams } from '@/lib/api-client';

/**
 * The filters of the actions list: every filter of `GET /api/actions` (`ActionListQuery` in
 * packages/contracts/src/actions.ts). They live in the URL, so a link reproduces the view.
 */
export interface ActionFilters {
  q: string;
  status: ActionStatus[];
  brag: Brag[];
  kind: ActionKind[];
  agencyId: number[];
  reviewId: number[];
  recommendationId: number[];
  subgroupId: number[];
  themeId: number[];
  overdue: boolean | undefined;
  stale: boolean | undefined;
  dueSoon: boolean | undefined;
  /** Returned for more information and not yet answered. */
  returned: boolean | undefined;
  /** Target date on or before this calendar day, `YYYY-MM-DD`. */
  dueBefore: string | undefined;
  /** Target date on or after this calendar day, `YYYY-MM-DD`. */
  dueAfter: string | undefined;
  sort: ActionSort;
  cursor: string | undefined;
}

export const DEFAULT_ACTION_SORT: ActionSort = 'targetDate';
export const ACTIONS_PAGE_SIZE = 50;

/** The filters that may repeat in the URL (`?status=a&status=b`), in the order they are written. */
export const REPEATABLE_FILTERS = ['status', 'brag', 'kind', 'agencyId', 'reviewId', 'recommendationId', 'subgroupId', 'themeId'] as const;
export type RepeatableFilter = (typeof REPEATABLE_FILTERS)[number];

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): value is T =>
    (allowed as readonly string[]).includes(value);

const ids = (values: string[]) =>
  [...new Set(values.map((value) => Number(value)).filter((value) => Number.isSafeInteger(value) && value > 0))];

const booleanParam = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);

/** A calendar day that exists, written `YYYY-MM-DD`; anything else is dropped, as the API would refuse it. */
export function calendarDay(value: string | null | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link still works). */
export function readActionFilters(params: URLSearchParams): ActionFilters {
  const sort = params.get('sort') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    status: unique(params.getAll('status').filter(oneOf(ACTION_STATUSES))),
    brag: unique(params.getAll('brag').filter(oneOf(BRAG_RATINGS))),
    kind: unique(params.getAll('kind').filter(oneOf(ACTION_KINDS))),
    agencyId: ids(params.getAll('agencyId')),
    reviewId: ids(params.getAll('reviewId')),
    recommendationId: ids(params.getAll('recommendationId')),
    subgroupId: ids(params.getAll('subgroupId')),
    themeId: ids(params.getAll('themeId')),
    overdue: booleanParam(params.get('overdue')),
    stale: booleanParam(params.get('stale')),
    dueSoon: booleanParam(params.get('dueSoon')),
    returned: booleanParam(params.get('returned')),
    dueBefore: calendarDay(params.get('dueBefore')),
    dueAfter: calendarDay(params.get('dueAfter')),
    sort: oneOf(ACTION_SORTS)(sort) ? sort : DEFAULT_ACTION_SORT,
    cursor: params.get('cursor') || undefined,
  };
}

/** The filters as URL search params, leaving out what is empty or the default. */
export function writeActionFilters(filters: Partial<ActionFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const key of REPEATABLE_FILTERS) {
    for (const value of filters[key] ?? []) params.append(key, String(value));
  }
  if (filters.overdue !== undefined) params.set('overdue', String(filters.overdue));
  if (filters.stale !== undefined) params.set('stale', String(filters.stale));
  if (filters.dueSoon !== undefined) params.set('dueSoon', String(filters.dueSoon));
  if (filters.returned !== undefined) params.set('returned', String(filters.returned));
  if (filters.dueAfter) params.set('dueAfter', filters.dueAfter);
  if (filters.dueBefore) params.set('dueBefore', filters.dueBefore);
  if (filters.sort && filters.sort !== DEFAULT_ACTION_SORT) params.set('sort', filters.sort);
  if (filters.cursor) params.set('cursor', filters.cursor);
  return params;
}

/** A path to the actions list showing these filters. */
export const actionsListPath = (filters: Partial<ActionFilters>) => {
  const search = writeActionFilters(filters).toString();
  return search ? `/actions?${search}` : '/actions';
};

/** The filters and sort as the query of `GET /api/actions` and of the exports (no page). */
function toFilterQuery(filters: ActionFilters): QueryParams {
  return {
    q: filters.q || undefined,
    status: filters.status,
    brag: filters.brag,
    kind: filters.kind,
    agencyId: filters.agencyId,
    reviewId: filters.reviewId,
    recommendationId: filters.recommendationId,
    subgroupId: filters.subgroupId,
    themeId: filters.themeId,
    overdue: filters.overdue,
    stale: filters.stale,
    dueSoon: filters.dueSoon,
    returned: filters.returned,
    dueBefore: filters.dueBefore,
    dueAfter: filters.dueAfter,
    sort: filters.sort,
  };
}

/** The filters as the query of `GET /api/actions`: one keyset page. */
export function toActionListQuery(filters: ActionFilters, limit = ACTIONS_PAGE_SIZE): QueryParams {
  return { ...toFilterQuery(filters), cursor: filters.cursor, limit };
}

/** The formats the plan downloads in: Excel (`.xlsx`) and CSV. */
export type ActionsExportFormat = 'xlsx' | 'csv';

/**
 * `/api/exports/actions.xlsx` or `.csv` with the same filters and sort as the view: every matching action (no paging),
 * in the columns the import reads back.
 */
export function actionsExportHref(filters: ActionFilters, format: ActionsExportFormat): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toFilterQuery(filters))) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly unknown[]) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `/api/exports/actions.${format}${search ? `?${search}` : ''}`;
}

/** How many filters narrow the list: each ticked value, the search, each flag and each date. */
export function countActiveFilters(filters: ActionFilters): number {
  return (
    (filters.q ? 1 : 0) +
    REPEATABLE_FILTERS.reduce((sum, key) => sum + filters[key].length, 0) +
    (filters.overdue !== undefined ? 1 : 0) +
    (filters.stale !== undefined ? 1 : 0) +
    (filters.dueSoon !== undefined ? 1 : 0) +
    (filters.returned !== undefined ? 1 : 0) +
    (filters.dueBefore ? 1 : 0) +
    (filters.dueAfter ? 1 : 0)
  );
}

export const hasActiveFilters = (filters: ActionFilters) => countActiveFilters(filters) > 0;

/** The same view without any filter: the sort is kept, the page is not. */
export const withoutFilters = (filters: ActionFilters): Partial<ActionFilters> => ({ sort: filters.sort });
