import type { ActionKind, ActionSort, ActionStatus, Brag } from '@lrt/contracts';
import { ACTION_KINDS, ACTION_SORTS, ACTION_STATUSES, BRAG_RATINGS } from '@/lib/contract-constants';
import type { QueryParams } from '@/lib/api-client';

/** The filters of the actions list. They live in the URL, so a link reproduces the view. */
export interface ActionFilters {
  q: string;
  status: ActionStatus[];
  brag: Brag[];
  kind: ActionKind[];
  agencyId: number[];
  reviewId: number[];
  subgroupId: number[];
  themeId: number[];
  overdue: boolean | undefined;
  stale: boolean | undefined;
  sort: ActionSort;
  cursor: string | undefined;
}

export const DEFAULT_ACTION_SORT: ActionSort = 'targetDate';
export const ACTIONS_PAGE_SIZE = 50;

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): value is T =>
    (allowed as readonly string[]).includes(value);

const ids = (values: string[]) =>
  values.map((value) => Number(value)).filter((value) => Number.isSafeInteger(value) && value > 0);

const booleanParam = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link still works). */
export function readActionFilters(params: URLSearchParams): ActionFilters {
  const sort = params.get('sort') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    status: params.getAll('status').filter(oneOf(ACTION_STATUSES)),
    brag: params.getAll('brag').filter(oneOf(BRAG_RATINGS)),
    kind: params.getAll('kind').filter(oneOf(ACTION_KINDS)),
    agencyId: ids(params.getAll('agencyId')),
    reviewId: ids(params.getAll('reviewId')),
    subgroupId: ids(params.getAll('subgroupId')),
    themeId: ids(params.getAll('themeId')),
    overdue: booleanParam(params.get('overdue')),
    stale: booleanParam(params.get('stale')),
    sort: oneOf(ACTION_SORTS)(sort) ? sort : DEFAULT_ACTION_SORT,
    cursor: params.get('cursor') || undefined,
  };
}

/** The filters as URL search params, leaving out what is empty or the default. */
export function writeActionFilters(filters: Partial<ActionFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const key of ['status', 'brag', 'kind', 'agencyId', 'reviewId', 'subgroupId', 'themeId'] as const) {
    for (const value of filters[key] ?? []) params.append(key, String(value));
  }
  if (filters.overdue !== undefined) params.set('overdue', String(filters.overdue));
  if (filters.stale !== undefined) params.set('stale', String(filters.stale));
  if (filters.sort && filters.sort !== DEFAULT_ACTION_SORT) params.set('sort', filters.sort);
  if (filters.cursor) params.set('cursor', filters.cursor);
  return params;
}

/** The filters as the query of `GET /api/actions`. */
export function toActionListQuery(filters: ActionFilters, limit = ACTIONS_PAGE_SIZE): QueryParams {
  return {
    q: filters.q || undefined,
    status: filters.status,
    brag: filters.brag,
    kind: filters.kind,
    agencyId: filters.agencyId,
    reviewId: filters.reviewId,
    subgroupId: filters.subgroupId,
    themeId: filters.themeId,
    overdue: filters.overdue,
    stale: filters.stale,
    sort: filters.sort,
    cursor: filters.cursor,
    limit,
  };
}

export const hasActiveFilters = (filters: ActionFilters) =>
  Boolean(
    filters.q ||
      filters.status.length ||
      filters.brag.length ||
      filters.kind.length ||
      filters.agencyId.length ||
      filters.reviewId.length ||
      filters.subgroupId.length ||
      filters.themeId.length ||
      filters.overdue !== undefined ||
      filters.stale !== undefined,
  );
