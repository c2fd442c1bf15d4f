import type { Me } from '@lrt/contracts';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading } from '@/components/states';
import { signInPath } from '@/lib/return-to';
import { useMe } from '../api/get-me';
import { homePath } from '../landing';

/**
 * The signed-in part of the app. Anyone not signed in (or whose session has ended) is sent to sign in. A session
 * the API restricts is sent to put it right first, from every page: a password an administrator set must be
 * changed, then a second factor the partnership requires for the role must be set up.
 */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Checking you are signed in" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={signInPath(location)} replace />;
  const owed = owedFirst(me.data);
  if (owed && location.pathname !== owed) return <Navigate to={owed} replace />;
  return <Outlet />;
}

/** The page a restricted session must finish before any other, if any. */
const owedFirst = (me: Me): string | null => {
  if (me.mustChangePassword) return '/account/password';
  if (me.secondFactor.required && !me.secondFactor.enabled) return '/account/two-factor';
  return null;
};

/** The home page sends each person to where their work is. */
export function HomeRedirect() {
  const me = useMe().data;
  if (!me) return null;
  return <Navigate to={homePath(me)} replace />;
}
