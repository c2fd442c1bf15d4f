import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ThemeMatrix } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { themeViewKeys } from './keys';

/** Themes × reviews: which reviews each theme appears in, with counts of its actions there. */
export const getThemeMatrix = (scope: { subgroupId?: number | undefined }, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<ThemeMatrix>('/themes/matrix', { query: { subgroupId: scope.subgroupId }, signal });

export const themeMatrixQueryOptions = (scope: { subgroupId?: number | undefined }) =>
  queryOptions({
    queryKey: themeViewKeys.matrix(scope),
    queryFn: ({ signal }) => getThemeMatrix(scope, { signal }),
  });

export const useThemeMatrix = (scope: { subgroupId?: number | undefined }) => useQuery(themeMatrixQueryOptions(scope));
