import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { themeKeys } from '@/features/reference-data/api/keys';
import { reviewKeys } from '@/features/reviews/api/keys';
import { settingsKeys } from '@/features/settings/api/get-settings';
import { api } from '@/lib/api-client';

/** Carries the `version` it was based on; a stale one is answered 409 `settings.version_conflict`. */
export const patchSettings = (body: SettingsPatch) => api.patch<Settings>('/settings', body);

/**
 * The update cadence decides which actions are stale, and so their BRAG ratings; the due-soon window decides
 * what the dashboards count as due soon; the reply period and the largest evidence document apply to the next
 * return and the next upload. So besides the settings (the partnership's name is in the header), every action
 * list and dashboard count, the reviews' counts and the theme matrix are refreshed.
 */
export function usePatchSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchSettings,
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
        queryClient.invalidateQueries({ queryKey: actionKeys.all }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: themeKeys.all }),
      ]),
  });
}
