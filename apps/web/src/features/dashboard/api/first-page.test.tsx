import type { Me } from '@lrt/contracts';
import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { createAppQueryClient, prefetchFirstPage } from '@/app/query-client';
import { firstPage, routes, startLoadingFirstPage } from '@/app/router';
import { makeMe } from '@/test/factories';
import { jsonResponse } from '@/test/render';
import { makeDashboard } from '../test-factories';

const settings = { partnershipName: 'Northshire Safeguarding Children Partnership', updateCadenceDays: 56, dueSoonDays: 28, version: 1 };
const unauthenticated = () =>
  jsonResponse({ type: 'about:blank', title: 'Sign in', status: 401, detail: 'Sign in to use the tracker.', code: 'auth.unauthenticated' }, { status: 401 });

/** The API, with the answer to who is signed in held back until `answerMe` is called. */
function api(me: Me | null) {
  let answerMe: () => void = () => undefined;
  const meAnswered = new Promise<void>((resolve) => (answerMe = resolve));
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/auth/me') {
      await meAnswered;
      return me ? jsonResponse(me) : unauthenticated();
    }
    if (!me) return unauthenticated();
    if (path === '/api/settings') return jsonResponse(settings);
    if (path === '/api/dashboard') return jsonResponse(makeDashboard());
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found', code: 'route.not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  const asked = () => fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost').pathname);
  const askedWithQuery = () => fetchMock.mock.calls.map(([input]) => decodeURIComponent(String(input)));
  return { answerMe, asked, askedWithQuery };
}

/** What main.tsx does: ask for the first page's session, data and code, then render the app. */
function openApp(url: string) {
  const queryClient = createAppQueryClient();
  const first = firstPage(new URL(url, 'http://localhost').pathname);
  startLoadingFirstPage(first.routes, prefetchFirstPage(queryClient, first));
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const renderApp = () =>
    render(
      <AppProvider queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProvider>,
    );
  return { router, renderApp };
}

// The pages these tests open, transformed once before they run, so that none is still loading when they end.
beforeAll(async () => {
  await Promise.all([
    import('@/features/auth/pages/sign-in-page'),
    import('@/features/dashboard/pages/overview-page'),
    import('@/features/dashboard/pages/subgroup-page'),
  ]);
});
afterEach(() => vi.unstubAllGlobals());

describe('the first page opened', () => {
  it('asks for the overview’s figures and the settings with the session, not after it, and shows the BRAG counts', async () => {
    const { answerMe, asked } = api(makeMe({ roles: ['independent_chair'] }));
    const { renderApp } = openApp('/overview');

    // Before anything renders, and before the API has said who is signed in.
    expect(asked()).toEqual(['/api/auth/me', '/api/settings', '/api/dashboard']);

    renderApp();
    expect(await screen.findByText(/Loading the tracker/)).toBeInTheDocument();
    answerMe();

    const counts = await screen.findByRole('list', { name: 'Actions by BRAG rating' });
    expect(within(counts).getByText('Red')).toBeInTheDocument();
    expect(within(counts).getByRole('link', { name: /3\s*red actions/i })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(await within(screen.getByRole('banner')).findByText(settings.partnershipName)).toBeInTheDocument();
    // The page used what was asked for: nothing was asked twice.
    expect(asked().filter((path) => path === '/api/dashboard')).toHaveLength(1);
    expect(asked().filter((path) => path === '/api/settings')).toHaveLength(1);
    expect(asked().filter((path) => path === '/api/auth/me')).toHaveLength(1);
  });

  it('still sends someone not signed in to sign in, to come back to the overview', async () => {
    const { answerMe } = api(null);
    const { router, renderApp } = openApp('/overview');
    answerMe();
    renderApp();

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe('/sign-in?returnTo=%2Foverview');
    expect(screen.queryByRole('list', { name: 'Actions by BRAG rating' })).not.toBeInTheDocument();
  });

  it('asks for a subgroup’s figures and reviews with the session on its view, the home of its chair', () => {
    const { askedWithQuery } = api(makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }));
    openApp('/subgroups/4');

    expect(askedWithQuery()).toEqual(['/api/auth/me', '/api/settings', '/api/dashboard?subgroupId=4', '/api/reviews?subgroupId=4&limit=20']);
  });

  it('asks only who is signed in on a page that needs no session', async () => {
    const { answerMe, asked } = api(null);
    const { renderApp } = openApp('/sign-in');
    answerMe();
    renderApp();

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(asked()).not.toContain('/api/settings');
    expect(asked()).not.toContain('/api/dashboard');
    expect(asked()).toContain('/api/auth/me');
  });
});
