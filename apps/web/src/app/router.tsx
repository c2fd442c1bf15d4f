import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';
import { Loading } from '@/components/states';
import { HomeRedirect, RequireSignIn } from '@/features/auth/components/require-sign-in';

/**
 * The routes of the SPA. Each page is its own chunk, loaded when first visited, so the first page's
 * JavaScript stays small. The API serves `index.html` for every one of these paths. Every page but
 * sign-in needs a session: `RequireSignIn` sends anyone without one to `/sign-in?returnTo=…`.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: () => <Loading label="Loading the tracker" />,
    children: [
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('@/features/auth/pages/sign-in-page')).SignInPage }),
      },
      {
        Component: RequireSignIn,
        children: [
          // Agency leads land on their agency's actions; everyone else on the reviews (a dashboard comes later).
          { index: true, Component: HomeRedirect },
          {
            path: 'reviews',
            lazy: async () => ({ Component: (await import('@/features/reviews/pages/reviews-page')).ReviewsPage }),
          },
          {
            path: 'reviews/:reviewId',
            lazy: async () => ({ Component: (await import('@/features/reviews/pages/review-page')).ReviewPage }),
          },
          {
            path: 'actions',
            lazy: async () => ({ Component: (await import('@/features/actions/pages/actions-page')).ActionsPage }),
          },
          {
            path: 'actions/:actionId',
            lazy: async () => ({ Component: (await import('@/features/actions/pages/action-page')).ActionPage }),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
