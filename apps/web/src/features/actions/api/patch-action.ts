import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Action, ActionPatch } from '@lrt/contracts';
import { auditKeys } from '@/features/audit/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';
import { actionKeys } from './keys';

/** `PATCH /api/actions/:id`: only the fields that changed, with the `version` they were based on. */
export const patchAction = (actionId: number, body: ActionPatch) => api.patch<Action>(`/actions/${actionId}`, body);

/**
 * Saving an action can move it between reviews' counts, lists and BRAG ratings (a new target date), so it
 * refreshes the action, the lists, the reviews and the action's history. The saved action goes straight into
 * the cache, so its page shows it at once.
 */
export function usePatchAction(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionPatch) => patchAction(actionId, body),
    onSuccess: (action) => queryClient.setQueryData(actionKeys.detail(actionId), action),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: actionKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('action', actionId) }),
      ]),
  });
}
