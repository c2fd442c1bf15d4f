import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OidcStatus } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { authKeys } from './keys';

/** Whether "Sign in with your organisation" is offered, and the provider's issuer. Public: asked before sign-in. */
export const getOidcStatus = ({ signal }: { signal?: AbortSignal } = {}) => api.get<OidcStatus>('/auth/oidc/status', { signal });

/** The provider is set at start-up, so the answer holds until the page is loaded again. */
export const oidcStatusQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.oidcStatus(),
    queryFn: ({ signal }) => getOidcStatus({ signal }),
    staleTime: Infinity,
    retry: false,
  });

export const useOidcStatus = () => useQuery(oidcStatusQueryOptions());
