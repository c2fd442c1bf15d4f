import { render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '@lrt/contracts';
import { AppProvider } from '@/app/provider';
import { createAppQueryClient } from '@/app/query-client';
import { routes } from '@/app/router';
import { makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse } from '@/test/render';
import { makeCandidates, makeRespondView } from './test-factories';

/** The whole app at a URL, as a browser opens it: the session comes from `GET /api/auth/me` (401: nobody). */
function openApp(url: string, me: Me | null) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/auth/me') {
      return me
        ? jsonResponse(me)
        : jsonResponse({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in', code: 'auth.unauthenticated' }, { status: 401 });
    }
    if (path.startsWith('/api/respond/')) return jsonResponse(makeRespondView());
    if (path === '/api/settings') return jsonResponse({ partnershipName: 'Northshire Safeguarding Children Partnership', replyLinkGraceDays: 14 });
    if (path === '/api/chase/candidates') return jsonResponse(makeCandidates([]));
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <AppProvider queryClient={createAppQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, fetchMock };
}

describe('chase routes', () => {
  it('opens a reply link for someone who has never signed in, without sending them to sign in', async () => {
    const { router } = openApp('/respond/Zt9_kQ-7vLw3', null);
    expect(await screen.findByRole('heading', { level: 1, name: 'Updates asked of West Midlands Police' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/respond/Zt9_kQ-7vLw3');
    // No menu for someone with no session.
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
  });

  it('offers "Chase updates" in the menu to those who may chase', async () => {
    openApp('/chase', makeMe());
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    const item = await within(menu).findByRole('link', { name: 'Chase updates' });
    expect(item).toHaveAttribute('href', '/chase');
    expect(item).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Chase updates' })).toBeInTheDocument();
  });

  it('keeps chasing out of the menu of an agency lead', async () => {
    const lead = makeAgencyLeadMe();
    openApp('/chase', { ...lead, capabilities: { ...lead.capabilities, chase: false } });
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    await waitFor(() => expect(within(menu).getByRole('link', { name: 'My agency' })).toBeInTheDocument());
    expect(within(menu).queryByRole('link', { name: 'Chase updates' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot chase updates' })).toBeInTheDocument();
  });
});
