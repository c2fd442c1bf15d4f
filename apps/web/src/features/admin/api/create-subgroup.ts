import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Subgroup, SubgroupCreate } from '@lrt/contracts';
import { subgroupKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

export const createSubgroup = (body: SubgroupCreate) => api.post<Subgroup>('/subgroups', body);

/** Subgroups are used across the app (filters, tables, forms): every list of them is refreshed. */
export function useCreateSubgroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSubgroup,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subgroupKeys.all }),
  });
}
