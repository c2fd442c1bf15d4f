import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LearningPoint, LearningPointCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `POST /api/reviews/:id/learning-points`; left out, the number is the next free one. */
export const createLearningPoint = (reviewId: number, body: LearningPointCreate) =>
  api.post<LearningPoint>(`/reviews/${reviewId}/learning-points`, body);

export function useCreateLearningPoint(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LearningPointCreate) => createLearningPoint(reviewId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.learningPoints(reviewId) }),
  });
}
