import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActionChase } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { actionKeys } from './keys';

/** The update requests that asked about one action, newest first, with what became of each. */
export const getActionChases = (actionId: number, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<{ items: ActionChase[] }>(`/actions/${actionId}/chases`, { signal });

/**
 * Kept under the action's own key: posting an update on it (which may answer a request), returning it (which
 * sends one) and sending a chase all refresh the action, and so this list with it.
 */
export const actionChasesQueryOptions = (actionId: number) =>
  queryOptions({
    queryKey: [...actionKeys.detail(actionId), 'chases'] as const,
    queryFn: ({ signal }) => getActionChases(actionId, { signal }),
  });

export const useActionChases = (actionId: number) => useQuery(actionChasesQueryOptions(actionId));
