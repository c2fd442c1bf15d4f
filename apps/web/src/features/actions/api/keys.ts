import type { QueryParams } from '@/lib/api-client';

/** Query keys of actions. Lists are keyed by the exact query sent, details by id. */
export const actionKeys = {
  all: ['actions'] as const,
  lists: () => [...actionKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...actionKeys.lists(), query] as const,
  details: () => [...actionKeys.all, 'detail'] as const,
  detail: (id: number) => [...actionKeys.details(), id] as const,
};
