import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authKeys } from '@/features/auth/api/keys';
import { setCsrfToken } from '@/lib/api-client';
import { makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AppLayout } from './layout';

function renderLayout(me = makeAgencyLeadMe()) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const { pathname } = new URL(String(input), 'http://localhost');
    if (pathname === '/api/settings') {
      return jsonResponse({ partnershipName: 'Northshire Safeguarding Children Partnership', updateCadenceDays: 56, dueSoonDays: 28, version: 1 });
    }
    if (pathname === '/api/auth/logout') return new Response(null, { status: 204 });
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken(me.csrfToken);
  const user = userEvent.setup();
  return { fetchMock, user, ...renderAt(<AppLayout />, { url: '/reviews', me }) };
}

describe('the header', () => {
  it('names the signed-in person and their role', async () => {
    renderLayout();
    const banner = screen.getByRole('banner');
    expect(banner).toHaveTextContent('Signed in as Sam Patel, Agency lead');
    expect(await within(banner).findByText('Northshire Safeguarding Children Partnership')).toBeInTheDocument();
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(banner).getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
  });

  it('names every role of someone who has several', () => {
    renderLayout(makeMe({ name: 'Priya Shah', roles: ['subgroup_chair', 'agency_lead'] }));
    expect(screen.getByRole('banner')).toHaveTextContent('Priya Shah, Subgroup chair, Agency lead');
  });

  it('gives agency leads a "My agency" menu item first, and no administration', () => {
    renderLayout();
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(menu).getAllByRole('link').map((link) => link.textContent)).toEqual(['My agency', 'Overview', 'Reviews', 'Actions', 'Themes']);
    expect(within(menu).getByRole('link', { name: 'My agency' })).toHaveAttribute('href', '/my-agency');
    expect(within(menu).getByRole('link', { name: 'Reviews' })).toHaveAttribute('aria-current', 'page');
  });

  it('gives the business unit chasing and administration, and subgroup chairs their subgroup', () => {
    renderLayout(makeMe({ roles: ['admin', 'subgroup_chair'], subgroupIds: [4] }));
    const admin = within(screen.getByRole('navigation', { name: 'Menu' })).getAllByRole('link').map((link) => link.textContent);
    expect(admin).toEqual(['Overview', 'Reviews', 'Actions', 'Themes', 'Chase updates', 'Board report', 'Administration']);
    cleanup();
    renderLayout(makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, manageReferenceData: false, manageUsers: false }));
    const menu = within(screen.getByRole('navigation', { name: 'Menu' }));
    expect(menu.getByRole('link', { name: 'My subgroup' })).toHaveAttribute('href', '/subgroups/4');
    expect(menu.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
  });

  it('signs out: tells the API, forgets the session and goes to the sign-in page', async () => {
    const { fetchMock, user, queryClient } = renderLayout();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/sign-in$/));
    const logout = fetchMock.mock.calls.find(([input]) => String(input) === '/api/auth/logout');
    expect(logout).toBeDefined();
    const init = logout![1]!;
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('csrf-token-of-the-session');
    await waitFor(() => expect(queryClient.getQueryData(authKeys.me())).toBeNull());
    expect(screen.queryByText('Sam Patel')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
    // Nothing fetched while signed in is kept: only that this was a sign-out, for the sign-in page to say so.
    const kept = queryClient.getQueryCache().findAll().filter((query) => query.state.data !== undefined);
    expect(kept.map((query) => query.queryKey)).toEqual([authKeys.me(), authKeys.signedOut()]);
  });
});
