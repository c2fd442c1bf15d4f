import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PasswordChange } from '@lrt/contracts';
import { authKeys } from '@/features/auth/api/keys';
import { api } from '@/lib/api-client';

/** Needs the current password; every other session of the user ends, this one stays. */
export const changePassword = (body: PasswordChange) => api.post<void>('/auth/password', body);

/** Asks who is signed in again afterwards: a password the administrator set no longer has to be changed. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
