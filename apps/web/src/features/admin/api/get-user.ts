import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { userKeys } from './keys';

export const getUser = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<User>(`/users/${id}`, { signal });

export const userQueryOptions = (id: number) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => getUser(id, { signal }),
  });

export const useUser = (id: number) => useQuery(userQueryOptions(id));
