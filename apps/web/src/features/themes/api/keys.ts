import { themeKeys } from '@/features/reference-data/api/keys';

/** Which page of the matrix: the reviews of a subgroup or of one theme, how many, and from which cursor. */
export interface MatrixScope {
  subgroupId?: number | undefined;
  themeId?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * Query keys of the themes' own views. They sit under the reference list's `themeKeys.all`, so adding or changing
 * a theme (in administration) refreshes the matrix and the theme's page as well as every list of themes.
 */
export const themeViewKeys = {
  matrices: () => [...themeKeys.all, 'matrix'] as const,
  matrix: (scope: MatrixScope) => [...themeViewKeys.matrices(), scope] as const,
  details: () => [...themeKeys.all, 'detail'] as const,
  detail: (id: number) => [...themeViewKeys.details(), id] as const,
};
