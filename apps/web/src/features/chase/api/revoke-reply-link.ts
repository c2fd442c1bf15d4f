import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChaseDetail } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { chaseKeys } from './keys';

export interface RevokeReplyLink {
  chaseId: number;
  recipientId: number;
}

/** Stops one recipient's reply link working at once; the API answers with the request as it now is. */
export const revokeReplyLink = ({ chaseId, recipientId }: RevokeReplyLink) =>
  api.post<ChaseDetail>(`/chase/${chaseId}/recipients/${recipientId}/revoke`, {});

export function useRevokeReplyLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeReplyLink,
    onSuccess: (detail) => queryClient.setQueryData(chaseKeys.detail(detail.id), detail),
    onSettled: (_detail, _error, { chaseId }) => queryClient.invalidateQueries({ queryKey: chaseKeys.detail(chaseId) }),
  });
}
