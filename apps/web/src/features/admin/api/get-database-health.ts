import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DatabaseHealth } from '@lrt/contracts';
import { api } from '@/lib/api-client';

export const getDatabaseHealth = ({ signal }: { signal?: AbortSignal } = {}) => api.get<DatabaseHealth>('/health/database', { signal });

/** Which database the tracker runs on and whether it is migrated (shown on the administration page). */
export const databaseHealthQueryOptions = () =>
  queryOptions({
    queryKey: ['health', 'database'] as const,
    queryFn: ({ signal }) => getDatabaseHealth({ signal }),
    staleTime: 60_000,
  });

export const useDatabaseHealth = () => useQuery(databaseHealthQueryOptions());
