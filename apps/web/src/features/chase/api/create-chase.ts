import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChaseCreated, ChaseCreateInput } from '@lrt/contracts';
import { actionKeys } from '@/features/actions/api/keys';
import { api } from '@/lib/api-client';
import { chaseKeys } from './keys';

/** `POST /api/chase`: with `preview: true` only the messages that would go (nothing recorded or sent). */
export const createChase = (body: ChaseCreateInput) => api.post<ChaseCreated>('/chase', body);

/**
 * A chase that is sent changes what was last asked of each agency, the history of requests and each action's
 * page (which lists the requests that named it); a preview changes nothing, so it refreshes nothing.
 */
export function useCreateChase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createChase,
    onSuccess: (_created, body) => {
      if (body.preview) return;
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: chaseKeys.all }),
        queryClient.invalidateQueries({ queryKey: actionKeys.all }),
      ]);
    },
  });
}
