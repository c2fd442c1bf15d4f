import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserCreate } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { userKeys } from './keys';

export const createUser = (body: UserCreate) => api.post<User>('/users', body);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
