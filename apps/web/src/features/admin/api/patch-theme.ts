import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Theme, ThemePatch } from '@lrt/contracts';
import { themeKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

/** Carries the `version` the change was based on; a stale one is answered 409 `theme.version_conflict`. */
export const patchTheme = ({ id, body }: { id: number; body: ThemePatch }) => api.patch<Theme>(`/themes/${id}`, body);

/** Refreshes every list of themes, the theme matrix and theme pages, after a conflict too (someone else's change is then shown). */
export function usePatchTheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchTheme,
    onSettled: () => queryClient.invalidateQueries({ queryKey: themeKeys.all }),
  });
}
