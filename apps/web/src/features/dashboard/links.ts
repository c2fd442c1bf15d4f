import type { ActionStatus, Brag } from '@lrt/contracts';
import { writeActionFilters, type ActionFilters } from '@/features/actions/filters';
import type { DashboardScope } from './api/keys';

/** The statuses of an action someone still has to work on. */
export const OPEN_STATUSES: ActionStatus[] = ['not_started', 'in_progress'];

/** What one count on a dashboard counts, as filters of the actions list. */
export type CountFilter =
  | { kind: 'all' }
  | { kind: 'brag'; brag: Brag }
  | { kind: 'status'; status: ActionStatus }
  | { kind: 'overdue' }
  | { kind: 'stale' }
  | { kind: 'dueSoon' };

const scopeFilters = (scope: DashboardScope): Partial<ActionFilters> => ({
  ...(scope.agencyId ? { agencyId: [scope.agencyId] } : {}),
  ...(scope.reviewId ? { reviewId: [scope.reviewId] } : {}),
  ...(scope.subgroupId ? { subgroupId: [scope.subgroupId] } : {}),
});

/**
 * The link to the actions list that shows exactly what a count counts, e.g. `/actions?agencyId=3&overdue=true`.
 * "Due soon" is the API's own flag (open, and due within the partnership's due-soon window), so its link is
 * `/actions?agencyId=3&dueSoon=true`.
 */
export function countPath(scope: DashboardScope, filter: CountFilter): string {
  const filters: Partial<ActionFilters> = { ...scopeFilters(scope) };
  switch (filter.kind) {
    case 'brag':
      filters.brag = [filter.brag];
      break;
    case 'status':
      filters.status = [filter.status];
      break;
    case 'overdue':
      filters.overdue = true;
      break;
    case 'stale':
      filters.stale = true;
      break;
    case 'dueSoon':
      filters.dueSoon = true;
      break;
    case 'all':
      break;
  }
  const search = writeActionFilters(filters).toString();
  return search ? `/actions?${search}` : '/actions';
}
