import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenCreate, ApiTokenCreated } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { apiTokenKeys } from './keys';

/** Makes a token; the answer is the only time the token itself is seen. */
export const createApiToken = (body: ApiTokenCreate) => api.post<ApiTokenCreated>('/tokens', body);

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.list() }),
  });
}
