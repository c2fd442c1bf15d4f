import type { Me } from '@lrt/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AccountPasswordPage } from './password-page';

function renderPage(me: Me) {
  const session = { me };
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const { pathname } = new URL(String(input), 'http://localhost');
    if (pathname === '/api/auth/me') return jsonResponse(session.me);
    if (pathname === '/api/auth/password' && init?.method === 'POST') {
      session.me = { ...session.me, mustChangePassword: false };
      return new Response(null, { status: 204 });
    }
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, user: userEvent.setup(), ...renderAt(<AccountPasswordPage />, { url: '/account/password', me }) };
}

async function changePassword(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Current password'), 'the one my admin gave me');
  await user.type(screen.getByLabelText('New password'), 'river lantern orchard 7');
  await user.type(screen.getByLabelText('Confirm new password'), 'river lantern orchard 7');
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('AccountPasswordPage', () => {
  it('asks someone whose password an administrator set to choose their own, then goes home', async () => {
    const { user } = renderPage(makeMe({}, {}, { mustChangePassword: true }));
    expect(screen.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.getByText(/Your administrator set this one/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Your account' })).not.toBeInTheDocument();
    expect(document.title).toBe('Choose a new password – Learning Review Tracker');
    await changePassword(user);
    expect(await screen.findByText('/')).toBeInTheDocument();
  });

  it('lets anyone change their password, and stays to say it is done', async () => {
    const { user } = renderPage(makeMe());
    expect(screen.getByRole('heading', { level: 1, name: 'Change your password' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
    await changePassword(user);
    expect(await screen.findByText('Your password has been changed')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/account/password');
  });
});
