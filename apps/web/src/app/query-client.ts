import type { QueryClient } from '@tanstack/react-query';
import { meQueryOptions } from '@/features/auth/api/get-me';
import { sessionExpired } from '@/features/auth/api/sign-out';
import { dashboardQueryOptions } from '@/features/dashboard/api/get-dashboard';
import { subgroupReviewsQueryOptions } from '@/features/dashboard/api/get-subgroup-reviews';
import { settingsQueryOptions } from '@/features/settings/api/get-settings';
import { createQueryClient } from '@/lib/query-client';

/**
 * The app's query client. A 401 from any request means the session has ended: the cached session is cleared,
 * and `RequireSignIn` sends the person to sign in, to come back to the page they were on.
 */
export const createAppQueryClient = () => createQueryClient({ onUnauthenticated: sessionExpired });

/**
 * The data of a page, asked for with the session when that page is the first opened: the overview (home of the
 * business unit, the independent chair and viewers) and a subgroup's view (home of its chair). Each must ask with
 * the same query keys as the page, or the page would ask again.
 */
const FIRST_PAGE_DATA: [RegExp, (queryClient: QueryClient, id: number) => Promise<unknown>][] = [
  [/^\/overview$/, (queryClient) => queryClient.prefetchQuery(dashboardQueryOptions())],
  [
    /^\/subgroups\/([1-9]\d{0,14})$/,
    (queryClient, subgroupId) =>
      Promise.all([
        queryClient.prefetchQuery(dashboardQueryOptions({ subgroupId })),
        queryClient.prefetchInfiniteQuery(subgroupReviewsQueryOptions(subgroupId)),
      ]),
  ],
];

const prefetchPageData = (queryClient: QueryClient, pathname: string) => {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const [pattern, prefetch] of FIRST_PAGE_DATA) {
    const match = pattern.exec(path);
    if (match) return prefetch(queryClient, Number(match[1]));
  }
  return undefined;
};

/**
 * Ask for everything the first page needs at once, before React renders: who is signed in, and, on a page that
 * needs a session, the settings the shell words things with and the page's own data. Without this each waits on
 * the one before (the session, then the page, then its data). Someone not signed in is answered 401 for the
 * settings and the data as for the session; a 401 ends the session (see `createAppQueryClient`), which is what the
 * session's own answer says then, and `RequireSignIn` sends them to sign in as before. Settles (never rejects)
 * when every answer has come.
 */
export function prefetchFirstPage(queryClient: QueryClient, { pathname, needsSession }: { pathname: string; needsSession: boolean }): Promise<unknown> {
  const me = queryClient.prefetchQuery(meQueryOptions());
  if (!needsSession) return me;
  return Promise.all([me, queryClient.prefetchQuery(settingsQueryOptions()), prefetchPageData(queryClient, pathname)]);
}
