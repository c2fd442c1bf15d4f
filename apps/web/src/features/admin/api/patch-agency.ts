import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Agency, AgencyPatch } from '@lrt/contracts';
import { agencyKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

/** Carries the `version` the change was based on; a stale one is answered 409 `agency.version_conflict`. */
export const patchAgency = ({ id, body }: { id: number; body: AgencyPatch }) => api.patch<Agency>(`/agencies/${id}`, body);

/** Refreshes every list of agencies, after a conflict too (someone else's change is then shown). */
export function usePatchAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: patchAgency,
    onSettled: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}
