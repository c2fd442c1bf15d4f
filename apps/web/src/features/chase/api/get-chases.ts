import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ChaseSummary } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { chaseKeys } from './keys';

const PAGE_SIZE = 20;

/** `GET /api/chase`: the update requests sent, newest first, optionally only those to one agency. */
export const getChases = (
  agencyId: number | undefined,
  { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {},
) => api.get<Page<ChaseSummary>>('/chase', { query: { limit: PAGE_SIZE, cursor, agencyId }, signal });

export const chasesQueryOptions = (agencyId: number | undefined) =>
  infiniteQueryOptions({
    queryKey: chaseKeys.list(agencyId),
    queryFn: ({ pageParam, signal }) => getChases(agencyId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const useChases = (agencyId: number | undefined) => useInfiniteQuery(chasesQueryOptions(agencyId));
