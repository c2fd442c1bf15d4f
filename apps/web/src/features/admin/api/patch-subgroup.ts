import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Subgroup, SubgroupPatch } from '@lrt/contracts';
import { subgroupKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

/** Carries the `version` the change was based on; a stale one is answered 409 `subgroup.version_conflict`. */
export const patchSubgroup = ({ id, body }: { id: number; body: SubgroupPatch }) => api.patch<Subgroup>(`/subgroups/${id}`, body);

/** Refreshes every list of subgroups, after a conflict too (someone else's change is then shown). */
export function usePatchSubgroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchSubgroup,
    onSettled: () => queryClient.invalidateQueries({ queryKey: subgroupKeys.all }),
  });
}
