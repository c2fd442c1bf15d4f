import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Theme } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { REFERENCE_STALE_TIME, themeKeys } from './keys';

export const getThemes = ({ signal }: { signal?: AbortSignal } = {}) => getAllPages<Theme>('/themes', { signal });

export const themesQueryOptions = () =>
  queryOptions({
    queryKey: themeKeys.list(),
    queryFn: ({ signal }) => getThemes({ signal }),
    staleTime: REFERENCE_STALE_TIME,
  });

export const useThemes = () => useQuery(themesQueryOptions());
