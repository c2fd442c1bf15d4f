import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportCommitResult } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { agencyKeys } from '@/features/reference-data/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { api } from '@/lib/api-client';
import { importQueryOptions } from './get-import';

/** `POST /api/imports/:id/commit`: every row saved together, or none. */
export const commitImport = (id: number) => api.post<ImportCommitResult>(`/imports/${id}/commit`, undefined);

/**
 * A commit adds and changes actions (every actions list, the actions it updated, the review's counts, plan,
 * learning points and recommendations) and may add agencies. Refused (errors remain, or it was already
 * committed), the preview is asked for again, since it is no longer what the page shows.
 */
export function useCommitImport(id: number, reviewId: number) {
  const queryClient = useQueryClient();
  const { queryKey } = importQueryOptions(id);
  return useMutation({
    mutationFn: () => commitImport(id),
    onSuccess: (result) => {
      // Committed at once, so the page stops offering the commit before the preview is fetched again.
      queryClient.setQueryData(queryKey, (preview) => preview && { ...preview, state: 'committed' as const, canCommit: false, committedAt: preview.committedAt ?? new Date().toISOString() });
      void queryClient.invalidateQueries({ queryKey });
      void queryClient.invalidateQueries({ queryKey: actionKeys.all });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.detail(reviewId) });
      if (result.agenciesCreated > 0) void queryClient.invalidateQueries({ queryKey: agencyKeys.all });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey }),
  });
}
