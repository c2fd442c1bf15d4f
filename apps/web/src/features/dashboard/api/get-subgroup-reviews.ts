import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Review } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { dashboardKeys } from './keys';

/** The reviews whose plans a subgroup oversees, with their timeliness and action counts. */
export const getSubgroupReviews = (subgroupId: number, { signal }: { signal?: AbortSignal } = {}) =>
  getAllPages<Review>('/reviews', { signal, query: { subgroupId } });

export const subgroupReviewsQueryOptions = (subgroupId: number) =>
  queryOptions({
    queryKey: dashboardKeys.subgroupReviews(subgroupId),
    queryFn: ({ signal }) => getSubgroupReviews(subgroupId, { signal }),
  });

export const useSubgroupReviews = (subgroupId: number) => useQuery(subgroupReviewsQueryOptions(subgroupId));
