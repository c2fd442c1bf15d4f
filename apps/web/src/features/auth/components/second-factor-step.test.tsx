import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authKeys } from '@/features/auth/api/keys';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { SignInPage } from '../pages/sign-in-page';

const problem = (status: number, code: string, detail: string) => jsonResponse({ type: 'about:blank', title: 'Refused', status, detail, code }, { status });

/** The sign-in page, with an API whose password step asks for a code; `onCode` answers each code sent. */
function renderSignIn(onCode: (body: { mfaToken: string; code: string }) => Response, url = '/sign-in?returnTo=%2Factions%2F7') {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const { pathname } = new URL(String(input), 'http://localhost');
    if (pathname === '/api/auth/login') return jsonResponse({ mfaRequired: true, mfaToken: 'token-of-the-password-step' });
    if (pathname === '/api/auth/login/mfa') return onCode(JSON.parse(String(init?.body)));
    return problem(404, 'route.not_found', 'Not found');
  });
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  const rendered = renderAt(<SignInPage />, { url, me: null });
  return { fetchMock, user, ...rendered };
}

const codeCalls = (fetchMock: ReturnType<typeof renderSignIn>['fetchMock']) =>
  fetchMock.mock.calls.filter(([input]) => String(input) === '/api/auth/login/mfa').map(([, init]) => JSON.parse(String(init?.body)) as unknown);
const errorSummary = () => screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;
const location = () => screen.getByTestId('location').textContent;

async function passPasswordStep(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Email address'), 'alex.morgan@partnership.example');
  await user.type(screen.getByLabelText('Password'), 'a long enough password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByRole('heading', { level: 1, name: 'Enter the 6-digit code from your authenticator app' });
}

describe('signing in with two-factor sign-in', () => {
  it('asks for the code after the password, as a one-time code, and signs in with it', async () => {
    const { fetchMock, user, queryClient } = renderSignIn(() => jsonResponse(makeMe()));
    const heading = await passPasswordStep(user);
    expect(heading).toHaveFocus();
    expect(document.title).toBe('Enter your code – Learning Review Tracker');
    // No session yet: the password alone did not sign in.
    expect(queryClient.getQueryData(authKeys.me())).toBeNull();

    const field = screen.getByLabelText('Code from your authenticator app');
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    await user.type(field, '123 456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText('/actions/7')).toBeInTheDocument();
    expect(location()).toBe('/actions/7');
    expect(codeCalls(fetchMock)).toEqual([{ mfaToken: 'token-of-the-password-step', code: '123456' }]);
    expect(queryClient.getQueryData(authKeys.me())).toMatchObject({ user: { name: 'Alex Morgan' } });
  });

  it('says what is wrong with the code before sending it, through the error summary', async () => {
    const { fetchMock, user } = renderSignIn(() => jsonResponse(makeMe()));
    await passPasswordStep(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('There is a problem');
    expect(within(errorSummary()).getByRole('link', { name: 'Enter the 6-digit code from your authenticator app' })).toHaveAttribute('href', '#sign-in-code');
    expect(errorSummary()).toHaveFocus();
    expect(document.title).toBe('Error: Enter your code – Learning Review Tracker');
    await user.type(screen.getByLabelText('Code from your authenticator app'), '12345');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await within(errorSummary()).findByRole('link', { name: 'Enter the code as the 6 digits your authenticator app shows, like 123456' })).toBeInTheDocument();
    expect(codeCalls(fetchMock)).toEqual([]);
  });

  it('shows a wrong code refused by the API, and takes the next one', async () => {
    const detail = 'The code is not right. Enter the newest code your authenticator app shows (each code works once), or use a recovery code. 4 tries left.';
    let tries = 0;
    const { user } = renderSignIn(() => (++tries === 1 ? problem(401, 'auth.mfa_invalid', detail) : jsonResponse(makeMe())));
    await passPasswordStep(user);
    await user.type(screen.getByLabelText('Code from your authenticator app'), '000000');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await within(errorSummary()).findByRole('link', { name: detail })).toHaveAttribute('href', '#sign-in-code');
    expect(screen.getByLabelText('Code from your authenticator app')).toHaveAccessibleDescription(`Error: ${detail}`);
    expect(screen.getByLabelText('Code from your authenticator app')).toHaveValue('');
    await user.type(screen.getByLabelText('Code from your authenticator app'), '654321');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('/actions/7')).toBeInTheDocument();
  });

  it('takes a recovery code instead, and goes back to the app if asked', async () => {
    const { fetchMock, user } = renderSignIn(() => jsonResponse(makeMe()));
    await passPasswordStep(user);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Enter one of your recovery codes' })).toHaveFocus();
    const field = screen.getByLabelText('Recovery code');
    expect(field).toHaveAttribute('autocomplete', 'off');
    await user.click(screen.getByRole('button', { name: 'Use your authenticator app instead' }));
    expect(screen.getByLabelText('Code from your authenticator app')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'ABCDE-23456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('/actions/7')).toBeInTheDocument();
    expect(codeCalls(fetchMock)).toEqual([{ mfaToken: 'token-of-the-password-step', code: 'abcde23456' }]);
  });

  it('goes back to the password, saying why, when the sign-in has expired', async () => {
    const detail = 'This sign-in has expired or had too many wrong codes. Start again: sign in with your email address and password.';
    const { user } = renderSignIn(() => problem(401, 'auth.mfa_expired', detail));
    await passPasswordStep(user);
    await user.type(screen.getByLabelText('Code from your authenticator app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(within(errorSummary()).getByText(detail)).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveValue('alex.morgan@partnership.example');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });
});
