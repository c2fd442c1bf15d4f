import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LoginBody, Me } from '@lrt/contracts';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys, isMeKey } from './keys';

export const signIn = (body: LoginBody) => api.post<Me>('/auth/login', body);

/** A new session: nothing cached for whoever was signed in before may show, and the new CSRF token is used. */
export function startSession(queryClient: QueryClient, me: Me) {
  setCsrfToken(me.csrfToken);
  queryClient.removeQueries({ predicate: (query) => !isMeKey(query.queryKey) });
  queryClient.setQueryData(authKeys.me(), me);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    meta: { expectsUnauthenticated: true },
    onSuccess: (me) => startSession(queryClient, me),
  });
}
