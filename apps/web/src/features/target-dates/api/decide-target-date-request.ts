import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Action, TargetDateDecision, TargetDateRequest } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';

/** The answer: the decided request, and the action as it now is (`TargetDateDecisionResult`). */
export interface TargetDateDecisionAnswer {
  request: TargetDateRequest;
  action: Action;
}

/** `POST /api/target-date-requests/:id/decision`: an admin or the subgroup's chair agrees or refuses. */
export const decideTargetDateRequest = (requestId: number, body: TargetDateDecision) =>
  api.post<TargetDateDecisionAnswer>(`/target-date-requests/${requestId}/decision`, body);

/**
 * An agreed date moves the action's target date, so its BRAG rating, overdue flag, the lists and the reviews'
 * counts may all change: the answered action goes straight into the cache, and everything else refreshes.
 */
export function useDecideTargetDateRequest(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, ...body }: TargetDateDecision & { requestId: number }) => decideTargetDateRequest(requestId, body),
    onSuccess: (result) => queryClient.setQueryData(actionKeys.detail(actionId), result.action),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: actionKeys.detail(actionId) }),
        queryClient.invalidateQueries({ queryKey: actionKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('action', actionId) }),
      ]),
  });
}
