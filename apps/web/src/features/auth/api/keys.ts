/** Query keys of the signed-in session. `me` holds `Me` when signed in and `null` when not. */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

export const isMeKey = (queryKey: readonly unknown[]) => queryKey[0] === authKeys.all[0] && queryKey[1] === 'me';
