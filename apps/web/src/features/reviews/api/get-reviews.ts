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
