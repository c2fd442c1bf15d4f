import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedUser, Invitation, NewUser, UserInvitation } from '@lrt/contracts';
import { userKeys } from '@/features/admin/api/keys';
import { api } from '@/lib/api-client';
import { authKeys } from './keys';

/** The business unit's side of accounts by email: inviting someone to set their own password. */

export const invitationQueryOptions = (userId: number) =>
  queryOptions({
    queryKey: authKeys.invitation(userId),
    queryFn: ({ signal }) => api.get<UserInvitation>(`/users/${userId}/invitation`, { signal }),
  });

export const useInvitation = (userId: number) => useQuery(invitationQueryOptions(userId));

/** Emails a new link; any invitation sent before stops working. */
export const sendInvitation = (userId: number) => api.post<Invitation>(`/users/${userId}/invitation`, undefined);

export function useSendInvitation(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendInvitation(userId),
    onSuccess: (invitation) => queryClient.setQueryData(authKeys.invitation(userId), { invitation }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: authKeys.invitation(userId) }),
  });
}

/** A new user with a password to give them, or (`sendInvitation`) none: they choose their own with the emailed link. */
export const createUserWithInvitation = (body: NewUser) => api.post<CreatedUser>('/users', body);

export function useCreateUserWithInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUserWithInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
