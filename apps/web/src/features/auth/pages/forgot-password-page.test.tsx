import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderAt } from '@/test/render';
import { ForgotPasswordPage } from './forgot-password-page';

const ANSWER = 'If an account uses that address, we have emailed it a link to set a new password. The link works for one hour.';

function renderPage(respond: () => Response = () => jsonResponse({ message: ANSWER, linkHours: 1 }, { status: 202 })) {
  const fetchMock = vi.fn<typeof fetch>(async () => respond());
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  renderAt(<ForgotPasswordPage />, { url: '/forgot-password', me: null });
  return { fetchMock, user };
}

const errorSummary = () => screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;

describe('ForgotPasswordPage', () => {
  it('asks for the email address, and says what is wrong with it without asking the API', async () => {
    const { fetchMock, user } = renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('autocomplete', 'username');
    expect(document.title).toBe('Reset your password – Learning Review Tracker');

    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await within(await screen.findByRole('alert')).findByRole('link', { name: 'Enter your email address' })).toHaveAttribute(
      'href',
      '#forgot-password-email',
    );
    await waitFor(() => expect(errorSummary()).toHaveFocus());
    expect(document.title).toBe('Error: Reset your password – Learning Review Tracker');

    await user.type(screen.getByLabelText('Email address'), 'sam at police');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByLabelText('Email address')).toHaveAccessibleDescription(
      'Error: Enter an email address in the correct format, like name@example.org',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the address and gives the one answer the API gives for every address, starting there', async () => {
    const { fetchMock, user } = renderPage();
    await user.type(screen.getByLabelText('Email address'), ' Sam.Patel@Police.example ');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Check your email' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(ANSWER)).toBeInTheDocument();
    expect(document.title).toBe('Check your email – Learning Review Tracker');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('/api/auth/password-reset');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'sam.patel@police.example' });
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in');

    await user.click(screen.getByRole('button', { name: 'try another email address' }));
    const field = await screen.findByLabelText('Email address');
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveValue('');
  });

  it('says so when the request could not be sent, and keeps what was typed', async () => {
    const { user } = renderPage(() =>
      jsonResponse({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'Something went wrong.', code: 'internal' }, { status: 500 }),
    );
    await user.type(screen.getByLabelText('Email address'), 'sam@police.example');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await within(await screen.findByRole('alert')).findByText('Your request could not be sent. Try again in a moment.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveValue('sam@police.example');
    expect(screen.queryByRole('heading', { name: 'Check your email' })).not.toBeInTheDocument();
  });
});
