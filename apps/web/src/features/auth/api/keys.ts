/** Query keys of the signed-in session. `me` holds `Me` when signed in and `null` when not. */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  /** Whether single sign-on is offered: the same for everyone, so it outlives a session. */
  oidcStatus: () => [...authKeys.all, 'oidc-status'] as const,
  /** `true` once someone signed out here, so the sign-in page can say what that ended and what it did not. */
  signedOut: () => [...authKeys.all, 'signed-out'] as const,
  /** Who an emailed password link is for, by its token: it needs no session, so it outlives one. */
  passwordLink: (token: string) => [...authKeys.all, 'password-link', token] as const,
  /** A user's latest invitation, as the business unit sees it. */
  invitation: (userId: number) => [...authKeys.all, 'invitation', userId] as const,
};

/** Kept when a session ends: nothing in them belongs to the person who was signed in. */
export const outlivesSession = (queryKey: readonly unknown[]) =>
  queryKey[0] === authKeys.all[0] && (queryKey[1] === 'oidc-status' || queryKey[1] === 'signed-out' || queryKey[1] === 'password-link');

export const isMeKey = (queryKey: readonly unknown[]) => queryKey[0] === authKeys.all[0] && queryKey[1] === 'me';
