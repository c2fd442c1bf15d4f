import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LearningPoint } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { reviewKeys } from './keys';

export const getLearningPoints = async (reviewId: number, { signal }: { signal?: AbortSignal } = {}) => {
  const page = await api.get<Page<LearningPoint>>(`/reviews/${reviewId}/learning-points`, { signal });
  return page.items;
};

export const learningPointsQueryOptions = (reviewId: number) =>
  queryOptions({
    queryKey: reviewKeys.learningPoints(reviewId),
    queryFn: ({ signal }) => getLearningPoints(reviewId, { signal }),
  });

export const useLearningPoints = (reviewId: number) => useQuery(learningPointsQueryOptions(reviewId));
