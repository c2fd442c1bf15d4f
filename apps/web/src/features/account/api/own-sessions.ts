import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { OwnSessions } from '@lrt/contracts';
import { api } from '@/lib/api-client';

const sessionsKey = ['auth', 'own-sessions'] as const;

/** Where the signed-in user is signed in: one row per session, this one marked. */
export const ownSessionsQuery = () => queryOptions({ queryKey: sessionsKey, queryFn: () => api.get<OwnSessions>('/auth/sessions') });

/** Signs the user out everywhere else, once they have given their password again. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (currentPassword: string) => api.post<{ sessionsEnded: number }>('/auth/sessions/end-others', { currentPassword }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
