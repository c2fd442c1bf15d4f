import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TargetDateRequest, TargetDateRequestCreate } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { api } from '@/lib/api-client';

/** `POST /api/actions/:id/target-date-requests`: an agency lead asks for a new target date, with the reason. */
export const requestTargetDate = (actionId: number, body: TargetDateRequestCreate) =>
  api.post<TargetDateRequest>(`/actions/${actionId}/target-date-requests`, body);

/**
 * The action now carries the pending request (`pendingTargetDateRequest`), so its page and the lists (which
 * show the same action) refresh, with its requests and history.
 */
export function useRequestTargetDate(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetDateRequestCreate) => requestTargetDate(actionId, body),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: actionKeys.detail(actionId) }),
        queryClient.invalidateQueries({ queryKey: actionKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('action', actionId) }),
      ]),
  });
}
