import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { apiTokenKeys } from './keys';

/** Revokes a token: it stops working at once, and stays in the list marked revoked. */
export const revokeApiToken = (id: number) => api.delete<void>(`/tokens/${id}`);

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.list() }),
  });
}
