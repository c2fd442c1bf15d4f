import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Theme, ThemeCreate } from '@lrt/contracts';
import { themeKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

export const createTheme = (body: ThemeCreate) => api.post<Theme>('/themes', body);

/** Themes are used across the app: their lists, the matrix of themes by review and each theme's page are refreshed. */
export function useCreateTheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTheme,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: themeKeys.all }),
  });
}
