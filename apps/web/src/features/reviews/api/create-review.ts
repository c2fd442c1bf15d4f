import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `POST /api/reviews`. */
export const createReview = (body: ReviewCreate) => api.post<Review>('/reviews', body);

/** The new review goes straight into the cache, so its page shows it at once; every list of reviews is refreshed. */
export function useCreateReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReview,
    onSuccess: async (review) => {
      queryClient.setQueryData(reviewKeys.detail(review.id), review);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.lists() });
    },
  });
}
