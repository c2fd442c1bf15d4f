import type { ThemeMatrix } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ThemePage } from './theme-page';

const matrix: ThemeMatrix = {
  themes: [{ id: 3, name: 'Professional curiosity' }],
  reviews: [
    { id: 3, code: 'SD-2022', title: 'Learning review: SD', childPseudonym: 'SD', date: '2025-06-01' },
    { id: 11, code: 'LCSPR-R', title: 'Child R', childPseudonym: 'Child R', date: '2024-02-10' },
  ],
  reviewCount: 2,
  nextCursor: null,
  previousCursor: null,
  cells: [
    { themeId: 3, reviewId: 3, reviewTagged: true, actions: 1, open: 1, overdue: 1 },
    { themeId: 3, reviewId: 11, reviewTagged: false, actions: 2, open: 0, overdue: 0 },
  ],
  byTheme: [{ themeId: 3, reviews: 2, actions: 3, open: 1, overdue: 1, recurs: true }],
};

function stubApi({ theme = true, body = matrix }: { theme?: boolean; body?: ThemeMatrix } = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/themes/3')
      return theme
        ? jsonResponse({ id: 3, name: 'Professional curiosity', description: 'Asking, not assuming.', version: 2 })
        : jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No theme 3', code: 'theme.not_found' }, { status: 404 });
    if (url.pathname === '/api/themes/matrix') return jsonResponse(body);
    if (url.pathname === '/api/actions')
      return jsonResponse({
        items: [makeAction({ brag: 'red', bragReason: 'overdue since 31 March 2026', overdue: true, themeIds: [3] })],
        nextCursor: null,
      });
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('ThemePage', () => {
  it('shows the theme, the reviews it is found in and the actions under it', async () => {
    const fetchMock = stubApi();
    renderAt(<ThemePage />, { url: '/themes/3', path: '/themes/:themeId' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Professional curiosity' })).toBeInTheDocument();
    expect(screen.getByText('Asking, not assuming.')).toBeInTheDocument();

    const reviews = await screen.findByRole('table', { name: 'Reviews where Professional curiosity is found' });
    const sd = within(reviews).getByRole('row', { name: /SD-2022/ });
    expect(sd).toHaveTextContent('Tagged');
    expect(within(sd).getByRole('link', { name: '1 action under Professional curiosity in SD-2022' })).toHaveAttribute(
      'href',
      '/actions?themeId=3&reviewId=3',
    );
    expect(within(reviews).getByRole('row', { name: /LCSPR-R/ })).toHaveTextContent('Not tagged: found through its actions');
    expect(screen.getByText('Recurs')).toBeInTheDocument();

    const actions = await screen.findByRole('table', { name: /1 action under this theme/ });
    const row = within(actions).getByRole('row', { name: /SD-2022\/A3/ });
    expect(within(row).getByRole('link', { name: 'SD-2022/A3' })).toHaveAttribute('href', '/actions/7');
    expect(within(row).getByText('Red')).toBeInTheDocument();
    expect(within(row).getByText('In progress')).toBeInTheDocument();
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(within(row).getByTitle('West Midlands Police')).toHaveTextContent('WMP');
    expect(within(row).getByText('31 March 2026')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See these actions in the actions list' })).toHaveAttribute('href', '/actions?themeId=3');

    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls.find((url) => url.startsWith('/api/actions'))).toBe('/api/actions?themeId=3&sort=attention&limit=50');
    // One request for the reviews it is found in, narrowed to this theme.
    expect(urls.filter((url) => url.startsWith('/api/themes/matrix'))).toEqual(['/api/themes/matrix?themeId=3&limit=100']);
  });

  it('counts every review the theme is found in, showing the newest with a link to older ones', async () => {
    stubApi({ body: { ...matrix, reviewCount: 150, nextCursor: 'older-1', byTheme: [{ ...matrix.byTheme[0]!, reviews: 150 }] } });
    renderAt(<ThemePage />, { url: '/themes/3', path: '/themes/:themeId' });
    await screen.findByRole('table', { name: 'Reviews where Professional curiosity is found' });
    expect(screen.getByText(/^Found in 150 reviews/)).toHaveTextContent('Found in 150 reviews Recurs This page shows 2 of them, newest first.');
    const pages = screen.getByRole('navigation', { name: 'Pages of reviews' });
    expect(within(pages).getByRole('link', { name: 'Older reviews' })).toHaveAttribute('href', '/themes/3?cursor=older-1');
    expect(within(pages).queryByRole('link', { name: 'Newer reviews' })).not.toBeInTheDocument();
  });

  it('says the page is not found for a theme that does not exist', async () => {
    stubApi({ theme: false });
    renderAt(<ThemePage />, { url: '/themes/3', path: '/themes/:themeId' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});
