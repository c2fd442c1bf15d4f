import { actionKeys } from '@/features/actions/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';

/** What a dashboard counts: the whole partnership, or the actions of one subgroup, agency or review. */
export interface DashboardScope {
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
  reviewId?: number | undefined;
}

/**
 * Query keys of the dashboard and of the lists the subgroup view needs.
 *
 * The dashboard's figures are counts of lists of actions, so their keys sit under `actionKeys.lists()`: whatever
 * refreshes the action lists (posting a progress update, for one) refreshes the counts too, and the latest notes
 * the lists carry (`action.latestUpdate`). A subgroup's reviews and recommendations sit under `reviewKeys.all`,
 * for the same reason.
 */
export const dashboardKeys = {
  all: [...actionKeys.lists(), 'dashboard'] as const,
  scope: (scope: DashboardScope) => [...dashboardKeys.all, scope] as const,
  subgroupReviews: (subgroupId: number) => [...reviewKeys.lists(), { subgroupId }] as const,
  subgroupRecommendations: (subgroupId: number) => [...reviewKeys.all, 'recommendations', { subgroupId }] as const,
};
