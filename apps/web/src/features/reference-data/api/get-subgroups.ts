import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Subgroup } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { REFERENCE_STALE_TIME, subgroupKeys } from './keys';

export const getSubgroups = ({ signal }: { signal?: AbortSignal } = {}) =>
  getAllPages<Subgroup>('/subgroups', { signal });

export const subgroupsQueryOptions = () =>
  queryOptions({
    queryKey: subgroupKeys.list(),
    queryFn: ({ signal }) => getSubgroups({ signal }),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useSubgroups = () => useQuery(subgroupsQueryOptions());
