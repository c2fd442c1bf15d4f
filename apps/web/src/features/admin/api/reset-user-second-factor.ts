import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from './keys';

/** Turns the user's two-factor sign-in off (a lost phone): every session of theirs ends. */
export const resetUserSecondFactor = (id: number) => api.delete<{ sessionsEnded: number }>(`/users/${id}/mfa`);

export function useResetUserSecondFactor(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resetUserSecondFactor(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.detail(id) }),
  });
}
