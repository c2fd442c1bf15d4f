import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Recommendation } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { dashboardKeys } from './keys';

/** Recommendations a subgroup's page shows at first, and adds with each "Show more". */
export const SUBGROUP_RECOMMENDATIONS_PAGE_SIZE = 20;

/** One page of the recommendations allotted to a subgroup: the newest review's first, each review's by number. */
export const getSubgroupRecommendations = (
  subgroupId: number,
  { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {},
) =>
  api.get<Page<Recommendation>>('/recommendations', {
    query: { subgroupId, sort: 'newest', cursor, limit: SUBGROUP_RECOMMENDATIONS_PAGE_SIZE },
    signal,
  });

export const subgroupRecommendationsQueryOptions = (subgroupId: number) =>
  infiniteQueryOptions({
    queryKey: dashboardKeys.subgroupRecommendations(subgroupId),
    queryFn: ({ pageParam, signal }) => getSubgroupRecommendations(subgroupId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useSubgroupRecommendations = (subgroupId: number) => useInfiniteQuery(subgroupRecommendationsQueryOptions(subgroupId));
