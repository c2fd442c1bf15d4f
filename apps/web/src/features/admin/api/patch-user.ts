import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserPatch } from '@lrt/contracts';
import { authKeys } from '@/features/auth/api/keys';
import { api } from '@/lib/api-client';
import { userKeys } from './keys';

/**
 * Change a user: details, roles, links, a new password, or deactivate / reactivate. Carries the `version` it was
 * based on; a stale one is answered 409 `user.version_conflict` with the user as they now are.
 */
export const patchUser = ({ id, body }: { id: number; body: UserPatch }) => api.patch<User>(`/users/${id}`, body);

export function usePatchUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserPatch) => patchUser({ id, body }),
    onSuccess: (user) => queryClient.setQueryData(userKeys.detail(id), user),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.all }),
        // Someone changing their own name or roles sees it in the header at once.
        queryClient.invalidateQueries({ queryKey: authKeys.me(), predicate: (query) => (query.state.data as { user?: { id?: number } } | null)?.user?.id === id }),
      ]),
  });
}
