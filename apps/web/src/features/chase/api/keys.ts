import type { QueryParams } from '@/lib/api-client';

/** Query keys of chasing: who owes what (by scope), the update requests sent (by agency), one request by id. */
export const chaseKeys = {
  all: ['chase'] as const,
  candidates: (scope: QueryParams) => [...chaseKeys.all, 'candidates', scope] as const,
  lists: () => [...chaseKeys.all, 'list'] as const,
  list: (agencyId: number | undefined) => [...chaseKeys.lists(), { agencyId }] as const,
  details: () => [...chaseKeys.all, 'detail'] as const,
  detail: (id: number) => [...chaseKeys.details(), id] as const,
};

/** What a reply link opens: kept apart from everything signed in, since the token, not a session, is the key. */
export const respondKeys = {
  all: ['respond'] as const,
  view: (token: string) => [...respondKeys.all, token] as const,
};
