import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@lrt/contracts';
import { getAllPages } from '@/lib/api-client';
import { userKeys, type UserListFilters } from './keys';

/** A partnership has tens or hundreds of accounts, not thousands: the list holds them all. */
export const getUsers = (filters: UserListFilters, { signal }: { signal?: AbortSignal } = {}) =>
  getAllPages<User>('/users', { query: { role: filters.role, active: filters.active }, signal });

export const usersQueryOptions = (filters: UserListFilters) =>
  queryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) => getUsers(filters, { signal }),
  });

export const useUsers = (filters: UserListFilters) => useQuery(usersQueryOptions(filters));
