import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Recommendation } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { dashboardKeys } from './keys';

/** The recommendations allotted to a subgroup, by review and number. */
export const getSubgroupRecommendations = (subgroupId: number, { signal }: { signal?: AbortSignal } = {}) =>
  getAllPages<Recommendation>('/recommendations', { signal, query: { subgroupId } });

export const subgroupRecommendationsQueryOptions = (subgroupId: number) =>
  queryOptions({
    queryKey: dashboardKeys.subgroupRecommendations(subgroupId),
    queryFn: ({ signal }) => getSubgroupRecommendations(subgroupId, { signal }),
    select: (items) => [...items].sort((a, b) => a.reviewId - b.reviewId || a.number - b.number),
  });

export const useSubgroupRecommendations = (subgroupId: number) => useQuery(subgroupRecommendationsQueryOptions(subgroupId));
