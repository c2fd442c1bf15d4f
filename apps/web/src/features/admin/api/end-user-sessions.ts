import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from './keys';

/** Signs the user out everywhere at once: every session of theirs ends. */
export const endUserSessions = (id: number) => api.delete<{ sessionsEnded: number }>(`/users/${id}/sessions`);

export function useEndUserSessions(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => endUserSessions(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.detail(id) }),
  });
}
