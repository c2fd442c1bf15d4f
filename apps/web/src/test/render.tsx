import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import type { Me } from '@lrt/contracts';
import { AppProvider } from '@/app/provider';
import { authKeys } from '@/features/auth/api/keys';
import { makeMe } from './factories';

/** Shows the current URL, so tests can check what a form wrote into it. */
export function LocationDisplay() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Render a piece of UI at a URL, inside the app's providers, with a query client that does not retry. Someone is
 * signed in (the business unit, unless `me` says who, or `null` for nobody), as inside the app's `RequireSignIn`.
 */
export function renderAt(
  ui: ReactNode,
  { url = '/', path = '*', me = makeMe() }: { url?: string; path?: string; me?: Me | null } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  queryClient.setQueryData(authKeys.me(), me);
  const router = createMemoryRouter(
    [
      {
        path,
        element: (
          <>
            {ui}
            <LocationDisplay />
          </>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  return { queryClient, router, ...render(<AppProvider queryClient={queryClient}>
    <RouterProvider router={router} />
  </AppProvider>) };
}

/** A fetch Response carrying JSON, as the API sends it. */
export function jsonResponse(body: unknown, init: { status?: number; contentType?: string } = {}) {
  const status = init.status ?? 200;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': init.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json') },
  });
}
