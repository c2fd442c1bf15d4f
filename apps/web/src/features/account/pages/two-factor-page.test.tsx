import type { Me } from '@lrt/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AccountTwoFactorPage } from './two-factor-page';

const CODES = Array.from({ length: 10 }, (_, n) => `abcd${'efghijklmn'[n]}-23456`);

function renderPage(me: Me) {
  const session = { me };
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const { pathname } = new URL(String(input), 'http://localhost');
    if (pathname === '/api/auth/me') return jsonResponse(session.me);
    if (pathname === '/api/auth/mfa/totp') return jsonResponse({ secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    if (pathname === '/api/auth/mfa/totp/confirm') {
      session.me = { ...session.me, secondFactor: { ...session.me.secondFactor, enabled: true, enabledAt: '2026-03-02T10:00:00.000Z', recoveryCodesLeft: 10 } };
      return jsonResponse({ recoveryCodes: CODES });
    }
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, user: userEvent.setup(), ...renderAt(<AccountTwoFactorPage />, { url: '/account/two-factor', me }) };
}

describe('AccountTwoFactorPage', () => {
  it('walks someone whose role requires it through setting it up, shows the recovery codes, then goes home', async () => {
    const { user } = renderPage(makeMe({}, {}, { secondFactor: { enabled: false, required: true, enabledAt: null, recoveryCodesLeft: 0 } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeInTheDocument();
    expect(document.title).toBe('Set up two-factor sign-in – Learning Review Tracker');
    expect(screen.getByText(/requires two-factor sign-in for your role: set it up before you carry on/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Your account' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    await user.type(await screen.findByLabelText('6-digit code from your authenticator app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    // The codes stay on screen although two-factor sign-in is no longer owed.
    expect(await screen.findByRole('heading', { level: 2, name: 'Save your recovery codes' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/account/two-factor');
    await user.click(screen.getByRole('button', { name: 'I have saved my recovery codes: continue' }));
    expect(await screen.findByText('/')).toBeInTheDocument();
  });

  it('shows its status to someone who has it on, with the way back to their account', () => {
    renderPage(makeMe({}, {}, { secondFactor: { enabled: true, required: false, enabledAt: '2026-02-01T10:00:00.000Z', recoveryCodesLeft: 10 } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
    expect(screen.getByText(/On since 1 February 2026/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off two-factor sign-in' })).toBeInTheDocument();
  });
});
