import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Me } from '@lrt/contracts';
import { api, isApiError, setCsrfToken } from '@/lib/api-client';
import { authKeys } from './keys';

/** The signed-in user, their capabilities and the session's CSRF token; `null` when nobody is signed in. */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me', { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/**
 * Asked once when the app starts. After that the session is known from the answers: signing in and out set it,
 * and any 401 from another request clears it (see `app/query-client.ts`).
 */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe({ signal }),
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const useMe = () => useQuery(meQueryOptions());

/** The signed-in user inside the signed-in part of the app (`RequireSignIn`); `null` for a moment while signing out. */
export const useSignedIn = (): Me | null => useMe().data ?? null;
