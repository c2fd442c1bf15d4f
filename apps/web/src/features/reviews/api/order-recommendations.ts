import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Recommendation } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `POST /api/reviews/:id/recommendations/order`: every recommendation of the review, first to last; renumbered 1..n. */
export const orderRecommendations = (reviewId: number, ids: readonly number[]) =>
  api.post<{ items: Recommendation[] }>(`/reviews/${reviewId}/recommendations/order`, { ids });

/**
 * The renumbered list goes straight into the cache; the subgroup views show numbers too, so they are refreshed.
 * On a refusal (the list changed meanwhile) the review's recommendations are asked again.
 */
export function useOrderRecommendations(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly number[]) => orderRecommendations(reviewId, ids),
    onSuccess: async ({ items }) => {
      queryClient.setQueryData(reviewKeys.recommendations(reviewId), items);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.all, refetchType: 'inactive' });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: reviewKeys.recommendations(reviewId) }),
  });
}
