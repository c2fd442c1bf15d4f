import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Recommendation, RecommendationCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reviewKeys } from './keys';

/** `POST /api/recommendations`; left out, the number is the next free one in the review. */
export const createRecommendation = (body: RecommendationCreate) => api.post<Recommendation>('/recommendations', body);

/** Recommendations show on their review and in the subgroup views (both under `reviewKeys.all`). */
export function useCreateRecommendation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRecommendation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}
