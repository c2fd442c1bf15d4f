import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, MfaLoginBody } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { startSession } from './sign-in';

/** The second step of signing in: the token the password step gave, and a code from the app or a recovery code. */
export const signInWithCode = (body: MfaLoginBody) => api.post<Me>('/auth/login/mfa', body);

export function useSignInWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInWithCode,
    meta: { expectsUnauthenticated: true },
    onSuccess: (me) => startSession(queryClient, me),
  });
}
