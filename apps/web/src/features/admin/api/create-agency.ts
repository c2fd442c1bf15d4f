import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Agency, AgencyCreate } from '@lrt/contracts';
import { agencyKeys } from '@/features/reference-data/api/keys';
import { api } from '@/lib/api-client';

export const createAgency = (body: AgencyCreate) => api.post<Agency>('/agencies', body);

/** Agencies are used across the app (filters, tables, forms): every list of them is refreshed. */
export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAgency,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}
