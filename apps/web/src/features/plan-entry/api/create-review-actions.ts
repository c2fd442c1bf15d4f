import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Action, ReviewActionsCreate } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';

/** `POST /api/reviews/:id/actions`: several actions of one review, all created or none. */
export const createReviewActions = (reviewId: number, body: ReviewActionsCreate) =>
  api.post<{ items: Action[] }>(`/reviews/${reviewId}/actions`, body);

/** New actions change every actions list and the review's counts and plan. */
export function useCreateReviewActions(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewActionsCreate) => createReviewActions(reviewId, body),
    // Not awaited: the review page the person goes to next refetches what was marked stale.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: actionKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.detail(reviewId) });
    },
  });
}
