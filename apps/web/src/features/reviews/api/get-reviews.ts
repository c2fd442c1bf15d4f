import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Review } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** A partnership has tens of reviews, not thousands: the list holds them all. */
export const getReviews = ({ signal }: { signal?: AbortSignal } = {}) => getAllPages<Review>('/reviews', { signal });

export const reviewsQueryOptions = () =>
  queryOptions({
    queryKey: reviewKeys.list(),
    queryFn: ({ signal }) => getReviews({ signal }),
  });

export const useReviews = () => useQuery(reviewsQueryOptions());

/** Ids a request may name at once (the API's page size): more are asked for in several requests. */
const IDS_PER_REQUEST = 200;

/** Only the reviews with these ids: for a page that names the reviews of the actions it lists, however many the partnership holds. */
export async function getReviewsByIds(ids: readonly number[], { signal }: { signal?: AbortSignal } = {}) {
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) chunks.push(ids.slice(i, i + IDS_PER_REQUEST));
  const pages = await Promise.all(chunks.map((chunk) => getAllPages<Review>('/reviews', { signal, query: { id: chunk } })));
  return pages.flat();
}

export const useReviewsByIds = (ids: readonly number[]) => {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  return useQuery({
    queryKey: reviewKeys.byIds(unique),
    queryFn: ({ signal }) => getReviewsByIds(unique, { signal }),
    enabled: unique.length > 0,
  });
};
