import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountLinkPassword, AccountLinkView, PasswordResetAccepted, PasswordResetRequest } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { authKeys } from './keys';

/**
 * Links sent by email to set a password (an invitation, or a reset someone asked for). They work without a
 * session: the token in the address is the only credential, and each works once.
 */

/** Always the same answer, whether or not an account uses the address. */
export const requestPasswordReset = (body: PasswordResetRequest) => api.post<PasswordResetAccepted>('/auth/password-reset', body);

export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });

const path = (token: string) => `/auth/password-reset/${encodeURIComponent(token)}`;

/** Who the link is for, or a 404/410 problem saying why it no longer works. */
export const passwordLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: authKeys.passwordLink(token),
    queryFn: ({ signal }) => api.get<AccountLinkView>(path(token), { signal }),
    // Whether the link still works can change (it expires, or is used in another tab): ask again when the page opens.
    staleTime: 0,
    retry: false,
  });

export const usePasswordLink = (token: string) => useQuery(passwordLinkQueryOptions(token));

/** Sets the password and uses the link up. Nobody is signed in by it: the person signs in afterwards. */
export const setPasswordWithLink = (token: string, body: AccountLinkPassword) => api.post<void>(path(token), body);

/** Every session of the account ends: if this browser held one of them, it learns so at once. */
export function useSetPasswordWithLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountLinkPassword) => setPasswordWithLink(token, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
