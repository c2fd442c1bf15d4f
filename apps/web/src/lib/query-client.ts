import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** Client errors (4xx) will not mend themselves on retry; network and server errors might. */
function shouldRetry(failureCount: number, error: unknown) {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export interface QueryClientOptions {
  /**
   * Called when any query or mutation is answered 401: the session has ended (or never was). Queries and
   * mutations that expect a 401 (signing in and out) set `meta: { expectsUnauthenticated: true }`.
   */
  onUnauthenticated?: (queryClient: QueryClient) => void;
}

export function createQueryClient({ onUnauthenticated }: QueryClientOptions = {}) {
  const handle = (error: unknown, meta: Record<string, unknown> | undefined) => {
    if (isApiError(error) && error.status === 401 && !meta?.expectsUnauthenticated) onUnauthenticated?.(queryClient);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
    mutationCache: new MutationCache({ onError: (error, _variables, _result, mutation) => handle(error, mutation.meta) }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
