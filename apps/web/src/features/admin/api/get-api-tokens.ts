import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiToken } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { apiTokenKeys } from './keys';

/** A partnership has a handful of reporting tokens: the list holds them all, newest first. */
export const getApiTokens = ({ signal }: { signal?: AbortSignal } = {}) => getAllPages<ApiToken>('/tokens', { signal });

export const apiTokensQueryOptions = () =>
  queryOptions({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ signal }) => getApiTokens({ signal }),
  });

export const useApiTokens = () => useQuery(apiTokensQueryOptions());
