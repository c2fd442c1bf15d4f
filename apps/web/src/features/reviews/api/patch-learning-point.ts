import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LearningPoint, LearningPointPatch } from '@lrt/contracts';
import { auditKeys } from '@/features/audit/api/keys';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `PATCH /api/learning-points/:id`, with the `version` the change was based on. */
export const patchLearningPoint = ({ id, body }: { id: number; body: LearningPointPatch }) =>
  api.patch<LearningPoint>(`/learning-points/${id}`, body);

/** Refreshes the review's learning points, after a conflict too (someone else's change is then shown). */
export function usePatchLearningPoint(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchLearningPoint,
    onSettled: (_point, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.learningPoints(reviewId) }),
        queryClient.invalidateQueries({ queryKey: auditKeys.entity('learning_point', id) }),
      ]),
  });
}
