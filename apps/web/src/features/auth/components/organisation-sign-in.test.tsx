import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { SsoRefusal } from '@lrt/contracts';
import { SSO_REFUSALS } from '@lrt/contracts/constants';
import { AppProvider } from '@/app/provider';
import { authKeys } from '@/features/auth/api/keys';
import { endSession } from '@/features/auth/api/sign-out';
import { jsonResponse } from '@/test/render';
import { SignInPage } from '../pages/sign-in-page';
import { SSO_REFUSAL_MESSAGES } from './organisation-sign-in';

const ON = { enabled: true, issuer: 'https://login.microsoftonline.com/tenant/v2.0', redirectUri: 'http://localhost/api/auth/oidc/callback' };
const OFF = { enabled: false, redirectUri: 'http://localhost/api/auth/oidc/callback' };

/** The sign-in page at a URL (just after signing out, if said), the API saying whether SSO is on. */
function renderSignIn(url: string, { status = ON, signedOut = false }: { status?: typeof ON | typeof OFF; signedOut?: boolean } = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => (String(input) === '/api/auth/oidc/status' ? jsonResponse(status) : jsonResponse({}, { status: 500 })));
  vi.stubGlobal('fetch', fetchMock);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authKeys.me(), null);
  if (signedOut) endSession(queryClient);
  const router = createMemoryRouter([{ path: '*', element: <SignInPage /> }], { initialEntries: [url] });
  render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { fetchMock };
}

const organisationLink = () => screen.findByRole('link', { name: 'Sign in with your organisation' });

describe('Sign in with your organisation', () => {
  it('is offered above the password form when the tracker has a provider, keeping where the person was going', async () => {
    renderSignIn('/sign-in?returnTo=%2Factions%2F7%3Ftab%3Dhistory');
    const link = await organisationLink();
    // A full navigation to the API (never a fetch): it sends the browser on to the provider.
    expect(link).toHaveAttribute('href', '/api/auth/oidc/start?returnTo=%2Factions%2F7%3Ftab%3Dhistory');
    expect(screen.getByText('or')).toBeInTheDocument();
    expect(link.compareDocumentPosition(screen.getByLabelText('Email address')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('never carries a returnTo that would leave the tracker', async () => {
    renderSignIn('/sign-in?returnTo=%2F%2Fevil.example');
    expect(await organisationLink()).toHaveAttribute('href', '/api/auth/oidc/start');
  });

  it('is not there when single sign-on is off', async () => {
    const { fetchMock } = renderSignIn('/sign-in', { status: OFF });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('link', { name: 'Sign in with your organisation' })).toBeNull();
    expect(screen.queryByText('or')).toBeNull();
  });

  it.each(SSO_REFUSALS.map((reason) => [reason] as [SsoRefusal]))('says in words why a sign-in was refused: %s', async (reason) => {
    renderSignIn(`/sign-in?sso=${reason}`);
    const summary = (await screen.findByText('You could not be signed in with your organisation')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getByText(SSO_REFUSAL_MESSAGES[reason])).toBeInTheDocument();
    expect(summary).toHaveFocus();
    // They can try again straight away.
    expect(await organisationLink()).toBeInTheDocument();
  });

  it('ignores a reason it does not know', async () => {
    renderSignIn('/sign-in?sso=%3Cscript%3E');
    await organisationLink();
    expect(screen.queryByText('You could not be signed in with your organisation')).toBeNull();
  });

  it('says, after signing out, that the organisation’s sign-in may still be open', async () => {
    renderSignIn('/sign-in', { signedOut: true });
    expect(await screen.findByText('You are signed out of the tracker; you may still be signed in to your organisation.')).toBeInTheDocument();
  });

  it('says nothing of an organisation after signing out when there is no single sign-on', async () => {
    const { fetchMock } = renderSignIn('/sign-in', { status: OFF, signedOut: true });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText(/you may still be signed in to your organisation/)).toBeNull();
  });
});
