import type { Me } from '@lrt/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProvider } from '@/app/provider';
import { authKeys } from '@/features/auth/api/keys';
import { makeMe } from '@/test/factories';
import { LocationDisplay } from '@/test/render';
import { RequireSignIn } from './require-sign-in';

/** The signed-in part of the app with three pages, opened at `url` by `me`. */
function openAs(me: Me, url: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  queryClient.setQueryData(authKeys.me(), me);
  const pageAt = (path: string, name: string) => ({ path, element: <h1>{name}</h1> });
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <RequireSignIn />
            <LocationDisplay />
          </>
        ),
        children: [pageAt('/actions/7', 'An action'), pageAt('/account/password', 'Choose a new password'), pageAt('/account/two-factor', 'Set up two-factor sign-in')],
      },
    ],
    { initialEntries: [url] },
  );
  render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}

const location = () => screen.getByTestId('location').textContent;
const off = { enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 };

describe('RequireSignIn', () => {
  it('lets a session with nothing owed go where it asked', () => {
    openAs(makeMe(), '/actions/7');
    expect(screen.getByRole('heading', { name: 'An action' })).toBeInTheDocument();
  });

  it('sends someone whose password an administrator set to choose their own, from every page', () => {
    openAs(makeMe({}, {}, { mustChangePassword: true }), '/actions/7');
    expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(location()).toBe('/account/password');
  });

  it('sends someone whose role requires two-factor sign-in to set it up, once the password is theirs', () => {
    openAs(makeMe({}, {}, { secondFactor: { ...off, required: true } }), '/actions/7');
    expect(location()).toBe('/account/two-factor');
  });

  it('asks for the password first when both are owed', () => {
    openAs(makeMe({}, {}, { mustChangePassword: true, secondFactor: { ...off, required: true } }), '/account/two-factor');
    expect(location()).toBe('/account/password');
  });

  it('lets someone who has set up the second factor their role requires go anywhere', () => {
    openAs(makeMe({}, {}, { secondFactor: { enabled: true, required: true, enabledAt: '2026-03-01T10:00:00.000Z', recoveryCodesLeft: 10 } }), '/actions/7');
    expect(location()).toBe('/actions/7');
  });
});
