import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Recommendation, RecommendationPatch } from '@lrt/contracts';
import { auditKeys } from '@/features/audit/api/keys';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `PATCH /api/recommendations/:id`, with the `version` the change was based on. */
export const patchRecommendation = ({ id, body }: { id: number; body: RecommendationPatch }) =>
  api.patch<Recommendation>(`/recommendations/${id}`, body);

/** Refreshes the review's recommendations and the subgroup views, after a conflict too. */
export function usePatchRecommendation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchRecommendation,
    onSettled: (_recommendation, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('recommendation', id) }),
      ]),
  });
}
