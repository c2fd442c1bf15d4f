import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Recommendation } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { reviewKeys } from './keys';

export const getRecommendations = (reviewId: number, { signal }: { signal?: AbortSignal } = {}) =>
  getAllPages<Recommendation>('/recommendations', { signal, query: { reviewId } });

export const recommendationsQueryOptions = (reviewId: number) =>
  queryOptions({
    queryKey: reviewKeys.recommendations(reviewId),
    queryFn: ({ signal }) => getRecommendations(reviewId, { signal }),
    select: (recommendations) => [...recommendations].sort((a, b) => a.number - b.number),
  });

export const useRecommendations = (reviewId: number, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...recommendationsQueryOptions(reviewId), enabled });
