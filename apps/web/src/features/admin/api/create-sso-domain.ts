import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SsoDomain, SsoDomainCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { ssoDomainKeys } from './keys';

export const createSsoDomain = (body: SsoDomainCreate) => api.post<SsoDomain>('/sso-domains', body);

export function useCreateSsoDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSsoDomain,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoDomainKeys.all }),
  });
}
