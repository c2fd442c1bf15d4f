import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderAt } from '@/test/render';
import { SetPasswordPage } from './set-password-page';

const TOKEN = 'q3W9xYtN0aB7cD2eF5gH8iJ1kL4mN6oP9rS2tU5vW8x';
const LINK = { purpose: 'invitation', name: 'Jo Lead', email: 'jo.lead@northmoor.example', expiresAt: '2026-03-09T10:00:00.000Z' };

const problem = (status: number, code: string, detail: string) => jsonResponse({ type: 'about:blank', title: 'This link no longer works', status, detail, code }, { status });

function renderPage({ view = () => jsonResponse(LINK), set = () => new Response(null, { status: 204 }) }: { view?: () => Response; set?: (body: unknown) => Response } = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    if (String(input) !== `/api/auth/password-reset/${TOKEN}`) return jsonResponse(null);
    return init?.method === 'POST' ? set(JSON.parse(String(init.body))) : view();
  });
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  renderAt(<SetPasswordPage />, { url: `/set-password/${TOKEN}`, path: '/set-password/:token', me: null });
  return { fetchMock, user };
}

const posts = (fetchMock: ReturnType<typeof renderPage>['fetchMock']) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as unknown);

async function fillIn(user: ReturnType<typeof userEvent.setup>, password: string, confirm: string) {
  const send = await screen.findByRole('button', { name: 'Set password' });
  if (password) await user.type(screen.getByLabelText('New password'), password);
  if (confirm) await user.type(screen.getByLabelText('Confirm new password'), confirm);
  await user.click(send);
}

describe('SetPasswordPage', () => {
  it('greets the person by name, with the account and how long the link works, and the password rules', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Set your password, Jo Lead' })).toBeInTheDocument();
    expect(screen.getByText('Set up your account')).toBeInTheDocument();
    expect(screen.getByText('jo.lead@northmoor.example')).toBeInTheDocument();
    expect(screen.getByText('once, until 9 March 2026 at 10:00am')).toBeInTheDocument();
    const password = screen.getByLabelText('New password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters'));
    expect(document.title).toBe('Set your password, Jo Lead – Learning Review Tracker');
  });

  it('sets the password, then sends them to sign in', async () => {
    const { fetchMock, user } = renderPage();
    await fillIn(user, 'heron quay bicycle 48', 'heron quay bicycle 48');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Your password has been set' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(posts(fetchMock)).toEqual([{ password: 'heron quay bicycle 48' }]);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(screen.getByText(/If you use two-factor sign-in, you will be asked for a code/)).toBeInTheDocument();
  });

  it('says what is missing or does not match, beside the fields, without asking the API', async () => {
    const { fetchMock, user } = renderPage();
    await fillIn(user, '', '');
    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getByRole('link', { name: 'Enter a new password' })).toHaveAttribute('href', '#set-password-new');
    await waitFor(() => expect(summary).toHaveFocus());

    await fillIn(user, 'too short', '');
    expect(await screen.findByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Error: New password must be at least 12 characters'));

    await user.clear(screen.getByLabelText('New password'));
    await fillIn(user, 'heron quay bicycle 48', 'heron quay bicycle 84');
    expect(await screen.findByRole('link', { name: 'The passwords do not match: type the same new password in both' })).toHaveAttribute(
      'href',
      '#set-password-confirm',
    );
    expect(document.title).toBe('Error: Set your password, Jo Lead – Learning Review Tracker');
    expect(posts(fetchMock)).toEqual([]);
  });

  it('shows the API’s refusal of a weak password beside the field', async () => {
    const { user } = renderPage({
      set: () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Cannot be done',
            status: 422,
            detail: 'password: must not contain your name',
            code: 'user.weak_password',
            errors: [{ path: 'password', message: 'must not contain your name' }],
          },
          { status: 422 },
        ),
    });
    await fillIn(user, 'jo lead forever more', 'jo lead forever more');
    expect(await screen.findByRole('link', { name: 'New password must not contain your name' })).toHaveAttribute('href', '#set-password-new');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Error: New password must not contain your name'));
  });

  it('explains an expired link, with the way to a new one', async () => {
    renderPage({ view: () => problem(410, 'account_link.expired', 'This link has expired.') });
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toBeInTheDocument();
    expect(screen.getByText(/A link to reset a password works for one hour, and an invitation for 7 days/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.getByRole('link', { name: 'sign in' })).toHaveAttribute('href', '/sign-in');
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
    expect(document.title).toBe('This link has expired – Learning Review Tracker');
  });

  it('explains a link used meanwhile (in another tab) when the form is sent', async () => {
    const { user } = renderPage({ set: () => problem(410, 'account_link.used', 'This link has already been used.') });
    await fillIn(user, 'heron quay bicycle 48', 'heron quay bicycle 48');
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has already been used' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('explains a replaced link, a deactivated account and a link it does not know', async () => {
    for (const [response, title] of [
      [problem(410, 'account_link.superseded', 'A newer link has been sent.'), 'This link has been replaced'],
      [problem(410, 'account_link.account_deactivated', 'Deactivated.'), 'This account has been deactivated'],
      [problem(404, 'account_link.not_found', 'Not recognised.'), 'This link does not work'],
    ] as const) {
      renderPage({ view: () => response.clone() });
      expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
      // Nobody can ask for a link to a deactivated account's password: the business unit decides.
      if (title === 'This account has been deactivated') expect(screen.queryByRole('link', { name: 'Ask for a new link' })).not.toBeInTheDocument();
      else expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
      cleanup();
    }
  });
});
