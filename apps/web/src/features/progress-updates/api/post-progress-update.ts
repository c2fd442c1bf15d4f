import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProgressUpdate, ProgressUpdateCreate } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';

export const postProgressUpdate = (actionId: number, body: ProgressUpdateCreate) =>
  api.post<ProgressUpdate>(`/actions/${actionId}/updates`, body);

/**
 * Posting an update can change the action's status, BRAG rating, staleness and the counts shown on its
 * review, so it refreshes the action (with its updates), the action lists, the reviews and the action's history.
 */
export function usePostProgressUpdate(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgressUpdateCreate) => postProgressUpdate(actionId, body),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: actionKeys.detail(actionId) }),
        queryClient.invalidateQueries({ queryKey: actionKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('action', actionId) }),
      ]),
  });
}
