import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import type { createAppRouter } from './router';
import { AppProvider } from './provider';

/**
 * The whole SPA: its providers around the router. The query client and router are made (and the first page's
 * requests started) before React renders, in main.tsx, so nothing waits on a render to be asked for.
 */
export function App({ queryClient, router }: { queryClient: QueryClient; router: ReturnType<typeof createAppRouter> }) {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
