import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Action, AssuranceDecision, ProgressUpdate } from '@lrt/contracts';
import { auditKeys } from '@/features/audit/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';
import { actionKeys } from './keys';

/** The answer to a sign-off decision: the decision as recorded in the action's history, and the action now. */
export interface AssuranceDecisionAnswer {
  update: ProgressUpdate;
  action: Action;
}

/** `POST /api/actions/:id/assurance`: assure a completed action, or return it for more information. No confidence. */
export const decideAssurance = (actionId: number, body: AssuranceDecision) =>
  api.post<AssuranceDecisionAnswer>(`/actions/${actionId}/assurance`, body);

/**
 * A decision moves the action on (assured, or back in progress while its agency answers), so its BRAG rating,
 * the lists, the subgroup's queue and the reviews' counts change: the decided action goes into the cache at once,
 * and the action (with its updates), the lists, the reviews and the action's history refresh.
 */
export function useDecideAssurance(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssuranceDecision) => decideAssurance(actionId, body),
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
