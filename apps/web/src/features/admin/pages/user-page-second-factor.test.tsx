import type { User } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgency, makeUser } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminUserPage } from './user-page';

const on = makeUser({ id: 5, name: 'Sam Patel', email: 'sam@police.example', roles: ['agency_lead'], agencyIds: [1], secondFactorEnabledAt: '2026-02-01T10:00:00.000Z', version: 3 });

function stubApi() {
  let user: User = on;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/users/5/mfa' && init?.method === 'DELETE') {
      user = { ...user, secondFactorEnabledAt: null, version: 4 };
      return jsonResponse({ sessionsEnded: 2 });
    }
    if (url.pathname === '/api/users/5') return jsonResponse(user);
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const resets = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.filter(([input, init]) => String(input) === '/api/users/5/mfa' && init?.method === 'DELETE');

describe("AdminUserPage: a user's two-factor sign-in", () => {
  it('says since when it is on, and resets it only once confirmed', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminUserPage />, { url: '/admin/users/5', path: '/admin/users/:userId' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Patel' })).toBeInTheDocument();
    expect(screen.getByText('Two-factor sign-in', { selector: 'dt' }).nextElementSibling).toHaveTextContent('On since 1 February 2026');
    const section = screen.getByRole('region', { name: 'Reset two-factor sign-in' });
    await user.click(within(section).getByRole('button', { name: 'Reset two-factor sign-in' }));
    expect(within(section).getByText(/Are you sure\?/)).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Cancel' }));
    expect(resets(fetchMock)).toHaveLength(0);

    await user.click(within(section).getByRole('button', { name: 'Reset two-factor sign-in' }));
    const confirm = within(section).getByRole('button', { name: 'Yes, reset two-factor sign-in' });
    expect(confirm).toHaveFocus();
    await user.click(confirm);
    expect(await screen.findByText('Sam Patel’s two-factor sign-in has been reset')).toBeInTheDocument();
    expect(screen.getByText(/2 sessions ended/)).toBeInTheDocument();
    expect(resets(fetchMock)).toHaveLength(1);
    expect(await screen.findByText('Off', { selector: 'dd' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Reset two-factor sign-in' })).not.toBeInTheDocument();
  });

  it('offers no reset while it is off', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const url = new URL(String(input), 'http://localhost');
        if (url.pathname === '/api/users/5') return jsonResponse({ ...on, secondFactorEnabledAt: null });
        return jsonResponse({ items: [], nextCursor: null });
      }),
    );
    renderAt(<AdminUserPage />, { url: '/admin/users/5', path: '/admin/users/:userId' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Patel' })).toBeInTheDocument();
    expect(screen.getByText('Two-factor sign-in', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Off');
    expect(screen.queryByRole('button', { name: 'Reset two-factor sign-in' })).not.toBeInTheDocument();
  });
});
