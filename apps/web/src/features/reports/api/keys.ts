import type { QueryParams } from '@/lib/api-client';

/** Query keys of the board report (by its query) and of the board snapshots (the list, one by id). */
export const reportKeys = {
  all: ['reports'] as const,
  assurance: (query: QueryParams) => [...reportKeys.all, 'assurance', query] as const,
};

export const snapshotKeys = {
  all: ['snapshots'] as const,
  list: () => [...snapshotKeys.all, 'list'] as const,
  detail: (id: number) => [...snapshotKeys.all, 'detail', id] as const,
};
