import type { ChaseCandidateAgency } from '@lrt/contracts';
import type { ChaseScope } from './api/get-chase-candidates';

/** How the agencies of the chase page are ordered: most overdue first (the default), most stale, most replies overdue, by name. */
export const CHASE_SORTS = ['overdue', 'stale', 'repliesOverdue', 'name'] as const;
export type ChaseSort = (typeof CHASE_SORTS)[number];

export const CHASE_SORT_LABELS: Record<ChaseSort, string> = {
  overdue: 'Most overdue actions',
  stale: 'Most stale actions',
  repliesOverdue: 'Most replies overdue',
  name: 'Agency name',
};

export interface ChaseFilters extends ChaseScope {
  sort: ChaseSort;
}

const idOf = (value: string | null) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

/** The page's scope and sort from the URL; anything it does not recognise is left out. */
export function readChaseFilters(params: URLSearchParams): ChaseFilters {
  const sort = params.get('sort');
  return {
    reviewId: idOf(params.get('reviewId')),
    subgroupId: idOf(params.get('subgroupId')),
    agencyId: idOf(params.get('agencyId')),
    sort: (CHASE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ChaseSort) : 'overdue',
  };
}

/** The URL of a view: only what is set, and the sort only when it is not the default. */
export function writeChaseFilters(filters: ChaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.reviewId) params.set('reviewId', String(filters.reviewId));
  if (filters.subgroupId) params.set('subgroupId', String(filters.subgroupId));
  if (filters.agencyId) params.set('agencyId', String(filters.agencyId));
  if (filters.sort !== 'overdue') params.set('sort', filters.sort);
  return params;
}

export const hasScope = (scope: ChaseScope) => Boolean(scope.reviewId || scope.subgroupId || scope.agencyId);

const byName = (a: ChaseCandidateAgency, b: ChaseCandidateAgency) => a.agency.name.localeCompare(b.agency.name, 'en-GB');

/** Most of one count first; ties by how many actions need an update, then by name, so the order never jumps about. */
const most =
  (count: (agency: ChaseCandidateAgency) => number) =>
  (a: ChaseCandidateAgency, b: ChaseCandidateAgency) =>
    count(b) - count(a) || b.counts.needingUpdate - a.counts.needingUpdate || byName(a, b);

const COMPARE: Record<ChaseSort, (a: ChaseCandidateAgency, b: ChaseCandidateAgency) => number> = {
  overdue: most((agency) => agency.counts.overdue),
  stale: most((agency) => agency.counts.stale),
  repliesOverdue: most((agency) => agency.repliesOverdue),
  name: byName,
};

export const sortAgencies = (agencies: readonly ChaseCandidateAgency[], sort: ChaseSort) => [...agencies].sort(COMPARE[sort]);
