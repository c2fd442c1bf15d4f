import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ChaseDetail } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { chaseKeys } from './keys';

/** `GET /api/chase/:id`: one update request, per agency: who was asked, their links and emails, and each action's state. */
export const getChase = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<ChaseDetail>(`/chase/${id}`, { signal });

export const chaseQueryOptions = (id: number) =>
  queryOptions({
    queryKey: chaseKeys.detail(id),
    queryFn: ({ signal }) => getChase(id, { signal }),
  });

export const useChase = (id: number) => useQuery(chaseQueryOptions(id));
