import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LearningPoint } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** A review has a handful of learning points; the largest page (200) holds them all. */
export const getLearningPoints = async (reviewId: number, { signal }: { signal?: AbortSignal } = {}) => {
  const page = await api.get<Page<LearningPoint>>(`/reviews/${reviewId}/learning-points?limit=200`, { signal });
  return page.items;
};

export const learningPointsQueryOptions = (reviewId: number) =>
  queryOptions({
    queryKey: reviewKeys.learningPoints(reviewId),
    queryFn: ({ signal }) => getLearningPoints(reviewId, { signal }),
  });

export const useLearningPoints = (reviewId: number) => useQuery(learningPointsQueryOptions(reviewId));
