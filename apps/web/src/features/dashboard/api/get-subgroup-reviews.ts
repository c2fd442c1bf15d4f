import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Review } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { dashboardKeys } from './keys';

/** Reviews a subgroup's page shows at first, and adds with each "Show more": the page never holds a subgroup's whole history at once. */
export const SUBGROUP_REVIEWS_PAGE_SIZE = 20;

/** One page of the reviews whose plans a subgroup oversees, most recent first, with their timeliness and action counts. */
export const getSubgroupReviews = (subgroupId: number, { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {}) =>
  api.get<Page<Review>>('/reviews', { query: { subgroupId, cursor, limit: SUBGROUP_REVIEWS_PAGE_SIZE }, signal });

export const subgroupReviewsQueryOptions = (subgroupId: number) =>
  infiniteQueryOptions({
    queryKey: dashboardKeys.subgroupReviews(subgroupId),
    queryFn: ({ pageParam, signal }) => getSubgroupReviews(subgroupId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useSubgroupReviews = (subgroupId: number) => useInfiniteQuery(subgroupReviewsQueryOptions(subgroupId));
