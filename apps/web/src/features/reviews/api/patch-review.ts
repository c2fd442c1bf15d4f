import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewPatch } from '@lrt/contracts';
import { auditKeys } from '@/features/audit/api/keys';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `PATCH /api/reviews/:id`: only the fields that changed, with the `version` they were based on. */
export const patchReview = (reviewId: number, body: ReviewPatch) => api.patch<Review>(`/reviews/${reviewId}`, body);

/**
 * The saved review goes straight into the cache, so its page shows it at once. A review's subgroup and stage
 * show in lists and the subgroup views (all under `reviewKeys.all`), so those are refreshed, after a conflict too.
 */
export function usePatchReview(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewPatch) => patchReview(reviewId, body),
    onSuccess: (review) => queryClient.setQueryData(reviewKeys.detail(reviewId), review),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('review', reviewId) }),
      ]),
  });
}
