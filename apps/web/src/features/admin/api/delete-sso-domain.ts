import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ssoDomainKeys } from './keys';

export const deleteSsoDomain = (domain: string) => api.delete<void>(`/sso-domains/${encodeURIComponent(domain)}`);

/** Stops opening accounts for a domain; accounts already opened stay. */
export function useDeleteSsoDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSsoDomain,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ssoDomainKeys.all }),
  });
}
