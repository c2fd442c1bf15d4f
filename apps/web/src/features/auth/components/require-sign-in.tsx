import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading } from '@/components/states';
import { signInPath } from '@/lib/return-to';
import { useMe } from '../api/get-me';
import { homePath } from '../landing';

/** The signed-in part of the app. Anyone not signed in (or whose session has ended) is sent to sign in. */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Checking you are signed in" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to={signInPath(location)} replace />;
  return <Outlet />;
}

/** The home page sends each person to where their work is. */
export function HomeRedirect() {
  const me = useMe().data;
  if (!me) return null;
  return <Navigate to={homePath(me)} replace />;
}
