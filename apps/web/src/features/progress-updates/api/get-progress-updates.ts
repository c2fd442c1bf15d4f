import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ProgressUpdate } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { progressUpdateKeys } from './keys';

/** One page of an action's progress updates, newest first. */
export const getProgressUpdates = (
  actionId: number,
  { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {},
) => api.get<Page<ProgressUpdate>>(`/actions/${actionId}/updates`, { query: { cursor, limit: 50 }, signal });

export const progressUpdatesQueryOptions = (actionId: number) =>
  infiniteQueryOptions({
    queryKey: progressUpdateKeys.list(actionId),
    queryFn: ({ pageParam, signal }) => getProgressUpdates(actionId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useProgressUpdates = (actionId: number) => useInfiniteQuery(progressUpdatesQueryOptions(actionId));
