import type { ComponentType } from 'react';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';
import { Loading } from '@/components/states';
import { HomeRedirect, RequireSignIn } from '@/features/auth/components/require-sign-in';

/** What the first page opened waits for besides its code: its data, asked for at the same time (see main.tsx). */
const firstPageData = new WeakMap<RouteObject, Promise<unknown>>();

/**
 * A page loaded as its own chunk the first time someone opens it (or `startLoadingFirstPage` starts it). Asked
 * twice, it is loaded once; a load that failed (the network) is tried again when next asked. The first page is
 * shown once its data has come as well, so it renders complete and at once, not one answer at a time.
 */
function page<K extends string>(path: string, load: () => Promise<Record<K, ComponentType>>, name: K): RouteObject {
  let loading: Promise<{ Component: ComponentType }> | undefined;
  const route: RouteObject = { path };
  route.lazy = () =>
    (loading ??= Promise.all([load(), firstPageData.get(route)]).then(
      ([module]) => ({ Component: module[name] }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return route;
}

/**
 * The routes of the SPA. Each page is its own chunk, loaded when first visited, so the first page's
 * JavaScript stays small. The API serves `index.html` for every one of these paths. Every page but
 * sign-in and a reply link's needs a session: `RequireSignIn` sends anyone without one to `/sign-in?returnTo=…`.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: () => <Loading label="Loading the tracker" />,
    children: [
      page('sign-in', () => import('@/features/auth/pages/sign-in-page'), 'SignInPage'),
      // Asking for a password link, and the page an emailed link opens (invitation or reset): no session needed.
      page('forgot-password', () => import('@/features/auth/pages/forgot-password-page'), 'ForgotPasswordPage'),
      page('set-password/:token', () => import('@/features/auth/pages/set-password-page'), 'SetPasswordPage'),
      // A reply link from a chase message: its token is the credential, so it opens without a session.
      page('respond/:token', () => import('@/features/chase/pages/respond-page'), 'RespondPage'),
      {
        Component: RequireSignIn,
        children: [
          // Each kind of user lands on their own home: see features/auth/landing.ts.
          { index: true, Component: HomeRedirect },
          page('overview', () => import('@/features/dashboard/pages/overview-page'), 'OverviewPage'),
          page('subgroups/:subgroupId', () => import('@/features/dashboard/pages/subgroup-page'), 'SubgroupPage'),
          page('my-agency', () => import('@/features/my-agency/pages/my-agency-page'), 'MyAgencyPage'),
          page('reviews', () => import('@/features/reviews/pages/reviews-page'), 'ReviewsPage'),
          page('reviews/new', () => import('@/features/reviews/pages/new-review-page'), 'NewReviewPage'),
          page('reviews/:reviewId', () => import('@/features/reviews/pages/review-page'), 'ReviewPage'),
          page('reviews/:reviewId/edit', () => import('@/features/reviews/pages/edit-review-page'), 'EditReviewPage'),
          page('reviews/:reviewId/actions/new', () => import('@/features/plan-entry/pages/new-review-actions-page'), 'NewReviewActionsPage'),
          page('reviews/:reviewId/import', () => import('@/features/imports/pages/import-page'), 'ImportPage'),
          page('reviews/:reviewId/import/:importId', () => import('@/features/imports/pages/import-page'), 'ImportPage'),
          page('actions', () => import('@/features/actions/pages/actions-page'), 'ActionsPage'),
          page('actions/:actionId', () => import('@/features/actions/pages/action-page'), 'ActionPage'),
          page('actions/:actionId/edit', () => import('@/features/actions/pages/edit-action-page'), 'EditActionPage'),
          page('themes', () => import('@/features/themes/pages/themes-page'), 'ThemesPage'),
          page('themes/:themeId', () => import('@/features/themes/pages/theme-page'), 'ThemePage'),
          page('reports', () => import('@/features/reports/pages/reports-page'), 'ReportsPage'),
          page('reports/snapshots', () => import('@/features/reports/pages/snapshots-page'), 'SnapshotsPage'),
          page('chase', () => import('@/features/chase/pages/chase-page'), 'ChasePage'),
          page('chase/:chaseId', () => import('@/features/chase/pages/chase-detail-page'), 'ChaseDetailPage'),
          page('admin', () => import('@/features/admin/pages/admin-page'), 'AdminPage'),
          page('admin/agencies', () => import('@/features/admin/pages/agencies-page'), 'AdminAgenciesPage'),
          page('admin/subgroups', () => import('@/features/admin/pages/subgroups-page'), 'AdminSubgroupsPage'),
          page('admin/themes', () => import('@/features/admin/pages/themes-page'), 'AdminThemesPage'),
          page('admin/users', () => import('@/features/admin/pages/users-page'), 'AdminUsersPage'),
          page('admin/users/:userId', () => import('@/features/admin/pages/user-page'), 'AdminUserPage'),
          page('admin/tokens', () => import('@/features/admin/pages/api-tokens-page'), 'AdminApiTokensPage'),
          page('admin/settings', () => import('@/features/admin/pages/settings-page'), 'AdminSettingsPage'),
          page('admin/outbox', () => import('@/features/admin/pages/outbox-page'), 'AdminOutboxPage'),
          page('account', () => import('@/features/account/pages/account-page'), 'AccountPage'),
          page('account/password', () => import('@/features/account/pages/password-page'), 'AccountPasswordPage'),
          page('account/two-factor', () => import('@/features/account/pages/two-factor-page'), 'AccountTwoFactorPage'),
          page('admin/single-sign-on', () => import('@/features/admin/pages/single-sign-on-page'), 'AdminSingleSignOnPage'),
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

/** The pages (with their layouts) that `pathname` opens, and whether they need a session: every page inside `RequireSignIn`, unknown paths included. */
export function firstPage(pathname: string) {
  const matches = matchRoutes(routes, pathname) ?? [];
  return { pathname, needsSession: matches.length === 0 || matches.some(({ route }) => route.Component === RequireSignIn), routes: matches.map(({ route }) => route) };
}

/**
 * Start loading the code of the first page now, alongside its data, rather than when the router first renders;
 * the page is shown once `data` has settled too.
 */
export function startLoadingFirstPage(pages: readonly RouteObject[], data: Promise<unknown>) {
  for (const route of pages) {
    if (typeof route.lazy !== 'function') continue;
    firstPageData.set(route, data);
    // A failure is the router's to show, when it asks for the page itself.
    route.lazy().catch(() => undefined);
  }
}
