import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Snapshot } from '@lrt/contracts';
import { api, getAllPages } from '@/lib/api-client';
import { snapshotKeys } from './keys';

/** `GET /api/snapshots`: every board snapshot (a partnership takes a few a year), newest first as the API gives them. */
export const getSnapshots = ({ signal }: { signal?: AbortSignal } = {}) => getAllPages<Snapshot>('/snapshots', { signal });

export const snapshotsQueryOptions = () =>
  queryOptions({
    queryKey: snapshotKeys.list(),
    queryFn: ({ signal }) => getSnapshots({ signal }),
  });

export const useSnapshots = () => useQuery(snapshotsQueryOptions());

/** `GET /api/snapshots/:id`: one snapshot. */
export const getSnapshot = (id: number, { signal }: { signal?: AbortSignal } = {}) => api.get<Snapshot>(`/snapshots/${id}`, { signal });

export const snapshotQueryOptions = (id: number) =>
  queryOptions({
    queryKey: snapshotKeys.detail(id),
    queryFn: ({ signal }) => getSnapshot(id, { signal }),
  });
