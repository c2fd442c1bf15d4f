import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Action } from '@lrt/contracts';
import { api, type Page, type QueryParams } from '@/lib/api-client';
import { actionKeys } from './keys';

/** One keyset page of actions. `query` takes the filters of `ActionListQuery`; arrays repeat. */
export const getActions = (query: QueryParams, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<Page<Action>>('/actions', { query, signal });

export const actionsQueryOptions = (query: QueryParams) =>
  queryOptions({
    queryKey: actionKeys.list(query),
    queryFn: ({ signal }) => getActions(query, { signal }),
    // Keep the old results on screen while new filters load, instead of flashing a loading state.
    placeholderData: keepPreviousData,
  });

export const useActions = (query: QueryParams) => useQuery(actionsQueryOptions(query));
