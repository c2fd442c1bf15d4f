import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Action } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { actionKeys } from './keys';

export const getAction = (id: number, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<Action>(`/actions/${id}`, { signal });

export const actionQueryOptions = (id: number) =>
  queryOptions({
    queryKey: actionKeys.detail(id),
    queryFn: ({ signal }) => getAction(id, { signal }),
  });

export const useAction = (id: number) => useQuery(actionQueryOptions(id));
