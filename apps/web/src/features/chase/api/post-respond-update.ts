import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProgressUpdate, RespondUpdateCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { respondKeys } from './keys';
import { respondPath } from './get-respond-view';

export const postRespondUpdate = (token: string, actionId: number, body: RespondUpdateCreate) =>
  api.post<ProgressUpdate>(`${respondPath(token)}/actions/${actionId}/updates`, body);

/** Posting answers the action: the link's view is asked again for its new state, rating and recent updates. */
export function usePostRespondUpdate(token: string, actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RespondUpdateCreate) => postRespondUpdate(token, actionId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: respondKeys.view(token) }),
  });
}
