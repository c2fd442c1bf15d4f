import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ThemeMatrix } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { themeViewKeys, type MatrixScope } from './keys';

/**
 * Themes × reviews, a page of reviews at a time (newest first): which reviews each theme appears in, with counts of
 * its actions there. Each theme's totals count every review in scope, whichever page is shown.
 */
export const getThemeMatrix = (scope: MatrixScope, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<ThemeMatrix>('/themes/matrix', {
    query: { subgroupId: scope.subgroupId, themeId: scope.themeId, limit: scope.limit, cursor: scope.cursor },
    signal,
  });

export const themeMatrixQueryOptions = (scope: MatrixScope) =>
  queryOptions({
    queryKey: themeViewKeys.matrix(scope),
    queryFn: ({ signal }) => getThemeMatrix(scope, { signal }),
    // Keep the page on screen while the next one loads, instead of flashing a loading state.
    placeholderData: keepPreviousData,
  });

export const useThemeMatrix = (scope: MatrixScope) => useQuery(themeMatrixQueryOptions(scope));
