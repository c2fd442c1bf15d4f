import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SsoDomain } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { ssoDomainKeys } from './keys';

export const getSsoDomains = ({ signal }: { signal?: AbortSignal } = {}) => api.get<{ items: SsoDomain[] }>('/sso-domains', { signal });

export const ssoDomainsQueryOptions = () =>
  queryOptions({
    queryKey: ssoDomainKeys.list(),
    queryFn: async ({ signal }) => (await getSsoDomains({ signal })).items,
  });

export const useSsoDomains = () => useQuery(ssoDomainsQueryOptions());
