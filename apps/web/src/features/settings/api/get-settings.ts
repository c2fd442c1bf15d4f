import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Settings } from '@lrt/contracts';
import { api } from '@/lib/api-client';

export const settingsKeys = {
  all: ['settings'] as const,
};

export const getSettings = ({ signal }: { signal?: AbortSignal } = {}) => api.get<Settings>('/settings', { signal });

export const settingsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => getSettings({ signal }),
    staleTime: 5 * 60_000,
  });

/** `enabled: false` until someone is signed in: the settings, like every other API resource, need a session. */
export const useSettings = ({ enabled = true }: { enabled?: boolean | (() => boolean) } = {}) =>
  useQuery({ ...settingsQueryOptions(), enabled });
