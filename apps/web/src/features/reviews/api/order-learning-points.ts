import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LearningPoint } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `POST /api/reviews/:id/learning-points/order`: every point of the review, first to last; renumbered 1..n. */
export const orderLearningPoints = (reviewId: number, ids: readonly number[]) =>
  api.post<{ items: LearningPoint[] }>(`/reviews/${reviewId}/learning-points/order`, { ids });

/** The renumbered list goes straight into the cache; on a refusal (the list changed meanwhile) it is asked again. */
export function useOrderLearningPoints(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly number[]) => orderLearningPoints(reviewId, ids),
    onSuccess: ({ items }) => queryClient.setQueryData(reviewKeys.learningPoints(reviewId), items),
    onError: () => queryClient.invalidateQueries({ queryKey: reviewKeys.learningPoints(reviewId) }),
  });
}
