import type { Me } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authKeys } from '@/features/auth/api/keys';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { recoveryCodesText } from '../components/recovery-codes';
import { AccountPage } from './account-page';

const CODES = ['abcde-fghij', 'klmno-pqrst', 'uvwxy-z2345', 'aaaaa-bbbbb', 'ccccc-ddddd', 'eeeee-fffff', 'ggggg-hhhhh', 'iiiii-jjjjj', 'kkkkk-lllll', 'mmmmm-nnnnn'];
const QR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';
const problem = (status: number, code: string, detail: string, errors?: { path: string; message: string }[]) =>
  jsonResponse({ type: 'about:blank', title: 'Refused', status, detail, code, ...(errors ? { errors } : {}) }, { status });

type Handler = (body: unknown) => Response;

/** The account page, with an API that answers `GET /auth/me` with whatever `session.me` is now. */
function renderAccount(me: Me, handlers: Record<string, Handler> = {}) {
  const session = { me };
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const { pathname } = new URL(String(input), 'http://localhost');
    const key = `${init?.method ?? 'GET'} ${pathname}`;
    if (key === 'GET /api/auth/me') return jsonResponse(session.me);
    if (key === 'GET /api/auth/sessions' && !handlers[key]) {
      const at = '2026-11-30T09:00:00.000Z';
      return jsonResponse({ items: [{ ref: 'a', current: true, createdAt: at, lastSeenAt: at, expiresAt: at, ip: '198.51.100.7', userAgent: 'Firefox/133.0 (Windows NT 10.0)' }] });
    }
    const handler = handlers[key];
    if (handler) return handler(init?.body ? JSON.parse(String(init.body)) : undefined);
    return problem(404, 'route.not_found', `No ${key}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  return { fetchMock, user, session, ...renderAt(<AccountPage />, { url: '/account', me }) };
}

const sent = (fetchMock: ReturnType<typeof renderAccount>['fetchMock'], method: string, path: string) =>
  fetchMock.mock.calls
    .filter(([input, init]) => String(input) === `/api${path}` && (init?.method ?? 'GET') === method)
    .map(([, init]) => (init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined));

/** The error summary of the form's section, once it shows. */
const summaryOf = async (form: HTMLElement) => (await within(form.closest('section')!).findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;

afterEach(() => vi.unstubAllGlobals());

describe('AccountPage', () => {
  it('says who you are and whether two-factor sign-in is on', () => {
    renderAccount(makeMe({ name: 'Alex Morgan', roles: ['admin', 'independent_chair'] }));
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    expect(document.title).toBe('Your account – Learning Review Tracker');
    const rows = screen.getAllByRole('term').map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      'Name: Alex Morgan',
      'Email address: alex.morgan@partnership.example',
      'Roles: Business unit (administrator), Independent chair',
      'Two-factor sign-in: Off',
    ]);
  });

  describe('changing the password', () => {
    it('checks the fields before sending: the current one, the new one against the policy, and the same twice', async () => {
      const { fetchMock, user } = renderAccount(makeMe());
      const form = screen.getByRole('form', { name: 'Change your password' });
      await user.click(within(form).getByRole('button', { name: 'Change password' }));
      expect(within(await summaryOf(form)).getAllByRole('link').map((link) => link.textContent)).toEqual(['Enter your current password', 'Enter a new password']);

      await user.type(screen.getByLabelText('Current password'), 'my current passphrase');
      await user.type(screen.getByLabelText('New password'), 'too short');
      await user.click(within(form).getByRole('button', { name: 'Change password' }));
      expect(await within(await summaryOf(form)).findByRole('link', { name: 'New password must be at least 12 characters' })).toHaveAttribute('href', '#account-new-password');

      await user.clear(screen.getByLabelText('New password'));
      await user.type(screen.getByLabelText('New password'), 'river lantern orchard 7');
      await user.type(screen.getByLabelText('Confirm new password'), 'river lantern orchard 8');
      await user.click(within(form).getByRole('button', { name: 'Change password' }));
      expect(await within(await summaryOf(form)).findByRole('link', { name: 'The passwords do not match: type the same new password in both' })).toHaveAttribute(
        'href',
        '#account-confirm-password',
      );
      expect(sent(fetchMock, 'POST', '/auth/password')).toEqual([]);
    });

    it('sends the current and the new password, says other sessions ended, and empties the form', async () => {
      const { fetchMock, user } = renderAccount(makeMe(), { 'POST /api/auth/password': () => new Response(null, { status: 204 }) });
      await user.type(screen.getByLabelText('Current password'), 'my current passphrase');
      await user.type(screen.getByLabelText('New password'), 'river lantern orchard 7');
      await user.type(screen.getByLabelText('Confirm new password'), 'river lantern orchard 7');
      await user.click(screen.getByRole('button', { name: 'Change password' }));
      expect(await screen.findByText('Your password has been changed')).toBeInTheDocument();
      expect(screen.getByText('You have been signed out on your other devices.')).toBeInTheDocument();
      expect(sent(fetchMock, 'POST', '/auth/password')).toEqual([{ currentPassword: 'my current passphrase', newPassword: 'river lantern orchard 7' }]);
      expect(screen.getByLabelText('Current password')).toHaveValue('');
      expect(screen.getByLabelText('Confirm new password')).toHaveValue('');
    });

    it('shows the API’s refusal next to its field', async () => {
      const { user } = renderAccount(makeMe(), {
        'POST /api/auth/password': () =>
          problem(422, 'auth.wrong_password', 'currentPassword: is not your current password', [{ path: 'currentPassword', message: 'is not your current password' }]),
      });
      await user.type(screen.getByLabelText('Current password'), 'not my passphrase');
      await user.type(screen.getByLabelText('New password'), 'river lantern orchard 7');
      await user.type(screen.getByLabelText('Confirm new password'), 'river lantern orchard 7');
      await user.click(screen.getByRole('button', { name: 'Change password' }));
      expect(await screen.findByRole('link', { name: 'Current password is not your current password' })).toHaveAttribute('href', '#account-current-password');
      expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Error: Current password is not your current password');
      await waitFor(() => expect(document.title).toBe('Error: Your account – Learning Review Tracker'));
    });
  });

  describe('two-factor sign-in', () => {
    it('sets up an authenticator app: a QR code as an image, the key as text, a code, then the recovery codes once', async () => {
      const createObjectURL = vi.fn(() => 'blob:recovery-codes');
      vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
      let confirms = 0;
      const me = makeMe();
      const { fetchMock, user, session, queryClient } = renderAccount(me, {
        'POST /api/auth/mfa/totp': () => jsonResponse({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrSvg: QR }),
        'POST /api/auth/mfa/totp/confirm': () => {
          confirms += 1;
          if (confirms === 1) return problem(422, 'auth.mfa_invalid', 'The code is not right.', [{ path: 'code', message: 'is not the code your authenticator app shows now' }]);
          session.me = { ...me, secondFactor: { enabled: true, required: false, enabledAt: '2026-03-02T10:00:00.000Z', recoveryCodesLeft: 10 } };
          return jsonResponse({ recoveryCodes: CODES });
        },
      });
      const section = screen.getByRole('region', { name: 'Two-factor sign-in' });
      expect(within(section).getByText('Off')).toBeInTheDocument();
      await user.click(within(section).getByRole('button', { name: 'Set up two-factor sign-in' }));

      expect(await within(section).findByRole('heading', { level: 3, name: '1. Add the tracker to your authenticator app' })).toHaveFocus();
      const image = within(section).getByRole('img', { name: /QR code for your authenticator app/ });
      expect(image.getAttribute('src')).toBe(`data:image/svg+xml;base64,${btoa(QR)}`);
      // The SVG is never put into the page itself.
      expect(section.querySelector('svg')).toBeNull();
      expect(within(section).getByTestId('totp-key')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

      const code = within(section).getByLabelText('6-digit code from your authenticator app');
      expect(code).toHaveAttribute('autocomplete', 'one-time-code');
      await user.click(within(section).getByRole('button', { name: 'Turn on two-factor sign-in' }));
      expect(await within(section).findByRole('link', { name: 'Enter the 6-digit code from your authenticator app' })).toBeInTheDocument();
      await user.type(code, '111111');
      await user.click(within(section).getByRole('button', { name: 'Turn on two-factor sign-in' }));
      expect(await within(section).findByRole('link', { name: /The code is not right/ })).toHaveAttribute('href', '#two-factor-code');
      await user.type(within(section).getByLabelText('6-digit code from your authenticator app'), '222222');
      await user.click(within(section).getByRole('button', { name: 'Turn on two-factor sign-in' }));

      expect(await screen.findByText('Two-factor sign-in is on')).toBeInTheDocument();
      expect(sent(fetchMock, 'POST', '/auth/mfa/totp/confirm')).toEqual([{ code: '111111' }, { code: '222222' }]);
      const list = within(section).getByRole('list', { name: 'Recovery codes' });
      expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(CODES);
      expect(within(section).getByText(/These codes are shown only this once/)).toBeInTheDocument();
      await user.click(within(section).getByRole('button', { name: 'Download recovery codes' }));
      expect(createObjectURL).toHaveBeenCalledOnce();
      expect(recoveryCodesText(CODES, me.user.email)).toContain('abcde-fghij\nklmno-pqrst');

      await user.click(within(section).getByRole('button', { name: 'I have saved my recovery codes' }));
      expect(within(section).queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
      expect(await within(section).findByText('On')).toBeInTheDocument();
      expect(within(section).getByText(/On since 2 March 2026/)).toBeInTheDocument();
      expect(within(section).getByText(/You have 10 recovery codes left/)).toBeInTheDocument();
      expect(queryClient.getQueryData<Me>(authKeys.me())?.secondFactor.enabled).toBe(true);
      expect(screen.getByText('Two-factor sign-in', { selector: 'dt' }).nextElementSibling).toHaveTextContent('On');
    });

    it('turns it off with the password, saying when the password is wrong', async () => {
      const on = makeMe({}, {}, { secondFactor: { enabled: true, required: false, enabledAt: '2026-02-01T10:00:00.000Z', recoveryCodesLeft: 2 } });
      let tries = 0;
      const { fetchMock, user, session } = renderAccount(on, {
        'DELETE /api/auth/mfa': () => {
          tries += 1;
          if (tries === 1) return problem(422, 'auth.wrong_password', 'currentPassword: is not your current password', [{ path: 'currentPassword', message: 'is not your current password' }]);
          session.me = { ...on, secondFactor: { enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 } };
          return new Response(null, { status: 204 });
        },
      });
      const section = screen.getByRole('region', { name: 'Two-factor sign-in' });
      expect(within(section).getByText('You are running out of recovery codes. Make new ones and keep them safe.')).toBeInTheDocument();
      await user.click(within(section).getByRole('button', { name: 'Turn off two-factor sign-in' }));
      expect(within(section).getByRole('heading', { name: 'Turn off two-factor sign-in' })).toHaveFocus();
      await user.type(within(section).getByLabelText('Your password'), 'not my passphrase');
      await user.click(within(section).getByRole('button', { name: 'Turn off two-factor sign-in' }));
      expect(await within(section).findByRole('link', { name: 'The password is not right: enter your current password' })).toBeInTheDocument();
      await user.type(within(section).getByLabelText('Your password'), 'my current passphrase');
      await user.click(within(section).getByRole('button', { name: 'Turn off two-factor sign-in' }));
      expect(await screen.findByText('Two-factor sign-in is off')).toBeInTheDocument();
      expect(await within(section).findByRole('button', { name: 'Set up two-factor sign-in' })).toBeInTheDocument();
      expect(sent(fetchMock, 'DELETE', '/auth/mfa')).toEqual([{ currentPassword: 'not my passphrase' }, { currentPassword: 'my current passphrase' }]);
    });

    it('cannot be turned off while the partnership requires it; new recovery codes need the password', async () => {
      const on = makeMe({}, {}, { secondFactor: { enabled: true, required: true, enabledAt: '2026-02-01T10:00:00.000Z', recoveryCodesLeft: 8 } });
      const { user } = renderAccount(on, { 'POST /api/auth/mfa/recovery-codes': () => jsonResponse({ recoveryCodes: CODES }) });
      const section = screen.getByRole('region', { name: 'Two-factor sign-in' });
      expect(within(section).queryByRole('button', { name: 'Turn off two-factor sign-in' })).not.toBeInTheDocument();
      expect(within(section).getByText(/requires two-factor sign-in for your role, so you cannot turn it off/)).toBeInTheDocument();
      await user.click(within(section).getByRole('button', { name: 'Make new recovery codes' }));
      await user.click(within(section).getByRole('button', { name: 'Make new recovery codes' }));
      expect(await within(section).findByRole('link', { name: 'Enter your password' })).toBeInTheDocument();
      await user.type(within(section).getByLabelText('Your password'), 'my current passphrase');
      await user.click(within(section).getByRole('button', { name: 'Make new recovery codes' }));
      expect(await screen.findByText('You have new recovery codes')).toBeInTheDocument();
      expect(within(within(section).getByRole('list', { name: 'Recovery codes' })).getAllByRole('listitem')).toHaveLength(10);
    });
  });
});

describe('AccountPage: where you are signed in', () => {
  it('lists this session and says there is nowhere else', async () => {
    renderAccount(makeMe());
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    expect(list).toHaveTextContent('This session');
    expect(screen.getByText('You are not signed in anywhere else.')).toBeInTheDocument();
  });
});
