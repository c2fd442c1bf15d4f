import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';
import { Loading } from '@/components/states';

/**
 * The routes of the SPA. Each page is its own chunk, loaded when first visited, so the first page's
 * JavaScript stays small. The API serves `index.html` for every one of these paths.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: () => <Loading label="Loading the tracker" />,
    children: [
      { index: true, element: <Navigate to="/reviews" replace /> },
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
];

export const createAppRouter = () => createBrowserRouter(routes);
