import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Review } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

export const getReview = (id: number, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<Review>(`/reviews/${id}`, { signal });

export const reviewQueryOptions = (id: number) =>
  queryOptions({
    queryKey: reviewKeys.detail(id),
    queryFn: ({ signal }) => getReview(id, { signal }),
  });

export const useReview = (id: number) => useQuery(reviewQueryOptions(id));
