import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authKeys } from '@/features/auth/api/keys';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { SignInPage } from './sign-in-page';

function renderSignIn(url = '/sign-in') {
  const fetchMock = vi.fn<typeof fetch>();
  // Whether single sign-on is offered is asked on its own (organisation-sign-in.test.tsx); here it is off.
  const sso = jsonResponse({ enabled: false, redirectUri: 'http://localhost/api/auth/oidc/callback' });
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (String(input) === '/api/auth/oidc/status' ? Promise.resolve(sso.clone()) : fetchMock(input, init)));
  const user = userEvent.setup();
  const rendered = renderAt(<SignInPage />, { url, me: null });
  return { fetchMock, user, ...rendered };
}

const errorSummary = () => screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;
const location = () => screen.getByTestId('location').textContent;

async function fillIn(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  await user.type(screen.getByLabelText('Email address'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('has labelled fields the browser can fill in', () => {
    renderSignIn();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(document.title).toBe('Sign in – Learning Review Tracker');
  });

  it('offers a way to reset a forgotten password', () => {
    renderSignIn();
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
  });

  it('says what is missing, from the shared schema, without asking the API', async () => {
    const { fetchMock, user } = renderSignIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // The schema is loaded beside the page, so the first check may wait for it.
    await screen.findByText('There is a problem');
    const summary = errorSummary();
    expect(within(summary).getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#sign-in-email');
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#sign-in-password');
    // The summary takes focus once it has been painted (after the schema arrived, outside React's own act).
    await waitFor(() => expect(summary).toHaveFocus());
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Error: Enter your email address');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Error: Enter your password');
    expect(document.title).toBe('Error: Sign in – Learning Review Tracker');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the API’s answer to a wrong email or password in the error summary, and clears the password', async () => {
    const { fetchMock, user } = renderSignIn('/sign-in?returnTo=%2Factions%2F7');
    fetchMock.mockResolvedValue(
      jsonResponse(
        { type: 'about:blank', title: 'Not signed in', status: 401, detail: 'The email or password is not right.', code: 'auth.invalid_credentials' },
        { status: 401 },
      ),
    );
    await fillIn(user, 'sam.patel@police.example', 'not the password');

    expect(await within(errorSummary()).findByRole('link', { name: 'The email or password is not right.' })).toHaveAttribute(
      'href',
      '#sign-in-email',
    );
    expect(screen.getByLabelText('Email address')).toHaveValue('sam.patel@police.example');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(location()).toBe('/sign-in?returnTo=%2Factions%2F7');
  });

  it('says when there have been too many attempts', async () => {
    const { fetchMock, user } = renderSignIn();
    const detail = 'Too many failed sign-ins. Wait 15 minutes and try again, or ask your business unit to reset your password.';
    fetchMock.mockResolvedValue(
      jsonResponse({ type: 'about:blank', title: 'Too many attempts', status: 429, detail, code: 'auth.rate_limited' }, { status: 429 }),
    );
    await fillIn(user, 'sam.patel@police.example', 'not the password');
    expect(await within(errorSummary()).findByText(detail)).toBeInTheDocument();
  });

  it('sends the email and password, keeps the session, and goes back where the person was going', async () => {
    const { fetchMock, user, queryClient } = renderSignIn('/sign-in?returnTo=%2Factions%2F7%3Ftab%3Dhistory');
    const me = makeMe({ name: 'Sam Patel' });
    fetchMock.mockResolvedValue(jsonResponse(me));
    await fillIn(user, '  Sam.Patel@police.example ', 'correct horse battery staple');

    await waitFor(() => expect(location()).toBe('/actions/7?tab=history'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'Sam.Patel@police.example', password: 'correct horse battery staple' });
    expect(queryClient.getQueryData(authKeys.me())).toEqual(me);
  });

  it('sends the CSRF token of the new session with the next change', async () => {
    const { fetchMock, user } = renderSignIn();
    fetchMock.mockResolvedValueOnce(jsonResponse(makeMe()));
    await fillIn(user, 'alex.morgan@partnership.example', 'correct horse battery staple');
    await waitFor(() => expect(location()).toBe('/'));

    const { api } = await import('@/lib/api-client');
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await api.post('/auth/logout', undefined);
    const [, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('csrf-token-of-the-session');
  });

  it.each(['https://evil.example/', '//evil.example/actions', '/sign-in'])('goes home instead of to %j', async (returnTo) => {
    const { fetchMock, user } = renderSignIn(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    fetchMock.mockResolvedValue(jsonResponse(makeMe()));
    await fillIn(user, 'alex.morgan@partnership.example', 'correct horse battery staple');
    await waitFor(() => expect(location()).toBe('/'));
  });
});
