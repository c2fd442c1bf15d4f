import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderAt } from '@/test/render';
import { describeBrowser, YourSessions } from './your-sessions';

const items = [
  {
    ref: 'a',
    current: true,
    createdAt: '2026-11-30T09:00:00.000Z',
    lastSeenAt: '2026-11-30T10:00:00.000Z',
    expiresAt: '2026-11-30T21:00:00.000Z',
    ip: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  },
  {
    ref: 'b',
    current: false,
    createdAt: '2026-11-29T08:00:00.000Z',
    lastSeenAt: '2026-11-29T08:30:00.000Z',
    expiresAt: '2026-11-29T20:00:00.000Z',
    ip: '203.0.113.5',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  },
];

function stubApi(onEnd: (body: { currentPassword: string }) => Response) {
  let list = items;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/auth/sessions/end-others') {
      const res = onEnd(JSON.parse(String(init?.body)));
      if (res.ok) list = items.filter((s) => s.current);
      return res;
    }
    if (url.pathname === '/api/auth/sessions') return jsonResponse({ items: list });
    return jsonResponse({});
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('YourSessions', () => {
  it('names each browser in words, marks this session, and signs out everywhere else with the password', async () => {
    const fetchMock = stubApi(() => jsonResponse({ sessionsEnded: 1 }));
    const user = userEvent.setup();
    renderAt(<YourSessions />, { url: '/account' });
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Firefox on Windows');
    expect(rows[0]).toHaveTextContent('This session');
    expect(rows[0]).toHaveTextContent('From 198.51.100.7.');
    expect(rows[1]).toHaveTextContent('Safari on iOS');
    expect(rows[1]).not.toHaveTextContent('This session');
    expect(rows[1]).toHaveTextContent('203.0.113.5');

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await screen.findByRole('link', { name: 'Enter your password' })).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([input]) => String(input).includes('end-others'))).toBe(false);

    await user.type(screen.getByLabelText('Your password'), 'plum orchard lantern 93');
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await screen.findByText('Signed out of 1 other session')).toBeInTheDocument();
    expect(await screen.findByText('You are not signed in anywhere else.')).toBeInTheDocument();
  });

  it('says so when the password is wrong, beside the field', async () => {
    stubApi(() =>
      jsonResponse(
        { type: 'x', title: 'Cannot be done', status: 422, detail: 'currentPassword: is not your current password', code: 'auth.wrong_password', errors: [{ path: 'currentPassword', message: 'is not your current password' }] },
        { status: 422 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<YourSessions />, { url: '/account' });
    await user.type(await screen.findByLabelText('Your password'), 'wrong one');
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await screen.findByRole('link', { name: 'Your password is not your current password' })).toBeInTheDocument();
  });

  it('describes browsers it cannot place by their own words', () => {
    expect(describeBrowser(null)).toBe('An unknown browser');
    expect(describeBrowser('curl/8.5.0')).toBe('curl/8.5.0');
  });
});
