import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Theme } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { themeViewKeys } from './keys';

export const getTheme = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<Theme>(`/themes/${id}`, { signal });

export const themeQueryOptions = (id: number) =>
  queryOptions({
    queryKey: themeViewKeys.detail(id),
    queryFn: ({ signal }) => getTheme(id, { signal }),
  });

export const useTheme = (id: number) => useQuery(themeQueryOptions(id));
