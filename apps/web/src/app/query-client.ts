import { sessionExpired } from '@/features/auth/api/sign-out';
import { createQueryClient } from '@/lib/query-client';

/**
 * The app's query client. A 401 from any request means the session has ended: the cached session is cleared,
 * and `RequireSignIn` sends the person to sign in, to come back to the page they were on.
 */
export const createAppQueryClient = () => createQueryClient({ onUnauthenticated: sessionExpired });
