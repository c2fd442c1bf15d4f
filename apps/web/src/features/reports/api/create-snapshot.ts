import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Snapshot, SnapshotCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { snapshotKeys } from './keys';

/** `POST /api/snapshots`: freezes the plan as at a date under a name (409 `snapshot.name_taken` if the name is used). */
export const createSnapshot = (body: SnapshotCreate) => api.post<Snapshot>('/snapshots', body);

/** A new snapshot joins the list, and becomes something a report can be compared with. */
export function useCreateSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSnapshot,
    onSuccess: (snapshot) => {
      queryClient.setQueryData(snapshotKeys.detail(snapshot.id), snapshot);
      return queryClient.invalidateQueries({ queryKey: snapshotKeys.list() });
    },
  });
}
