import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Agency } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { REFERENCE_STALE_TIME, agencyKeys } from './keys';

export const getAgencies = ({ signal }: { signal?: AbortSignal } = {}) => getAllPages<Agency>('/agencies', { signal });

export const agenciesQueryOptions = () =>
  queryOptions({
    queryKey: agencyKeys.list(),
    queryFn: ({ signal }) => getAgencies({ signal }),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useAgencies = () => useQuery(agenciesQueryOptions());
