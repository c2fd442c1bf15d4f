import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LoginAnswer, LoginBody, Me } from '@lrt/contracts';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys, isMeKey } from './keys';

/** A session (`Me`), or, for someone with two-factor sign-in, a token to send with their code (`mfaRequired`). */
export const signIn = (body: LoginBody) => api.post<LoginAnswer>('/auth/login', body);

export const needsCode = (answer: LoginAnswer): answer is Extract<LoginAnswer, { mfaRequired: true }> => 'mfaRequired' in answer;

/** A new session: nothing cached for whoever was signed in before may show, and the new CSRF token is used. */
export function startSession(queryClient: QueryClient, me: Me) {
  setCsrfToken(me.csrfToken);
  queryClient.removeQueries({ predicate: (query) => !isMeKey(query.queryKey) });
  queryClient.setQueryData(authKeys.me(), me);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    meta: { expectsUnauthenticated: true },
    onSuccess: (answer) => {
      if (!needsCode(answer)) startSession(queryClient, answer);
    },
  });
}
