import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys, isMeKey, outlivesSession } from './keys';

export const signOut = () => api.post<void>('/auth/logout', undefined);

/**
 * Forget the session: its CSRF token and everything cached while signed in. Remembers that this was a sign-out,
 * for the sign-in page to say that an organisation's own sign-in (single sign-on) may still be open.
 */
export function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.setQueryData(authKeys.me(), null);
  queryClient.removeQueries({ predicate: (query) => !isMeKey(query.queryKey) && !outlivesSession(query.queryKey) });
  queryClient.setQueryData(authKeys.signedOut(), true);
}

/**
 * The API answered 401: the session has ended (timed out, or ended elsewhere). Only the session is forgotten
 * here, so `RequireSignIn` sends the person to sign in; the pages still on screen are not made to fetch again.
 * What they had cached is never shown without a session, and is dropped when the next session starts.
 */
export function sessionExpired(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.setQueryData(authKeys.me(), null);
}

/**
 * Sign out, then go to the sign-in page and forget the session. The cache is cleared after leaving the page, so
 * the page being left does not fetch again on its way out. Leaving happens even if the API could not be told
 * (its session may have ended already).
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    meta: { expectsUnauthenticated: true },
    onSettled: async () => {
      await navigate('/sign-in', { replace: true });
      endSession(queryClient);
    },
  });
}
