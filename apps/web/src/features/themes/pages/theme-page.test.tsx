import type { ThemeMatrix } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ThemePage } from './theme-page';

const matrix: ThemeMatrix = {
  themes: [{ id: 3, name: 'Professional curiosity' }],
  reviews: [
    { id: 3, code: 'SD-2022', title: 'Learning review: SD', childPseudonym: 'SD' },
    { id: 11, code: 'LCSPR-R', title: 'Child R', childPseudonym: 'Child R' },
  ],
  cells: [
    { themeId: 3, reviewId: 3, reviewTagged: true, actions: 1, open: 1, overdue: 1 },
    { themeId: 3, reviewId: 11, reviewTagged: false, actions: 2, open: 0, overdue: 0 },
  ],
  byTheme: [{ themeId: 3, reviews: 2, actions: 3, open: 1, overdue: 1, recurs: true }],
};

function stubApi({ theme = true }: { theme?: boolean } = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/themes/3')
      return theme
        ? jsonResponse({ id: 3, name: 'Professional curiosity', description: 'Asking, not assuming.', version: 2 })
        : jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No theme 3', code: 'theme.not_found' }, { status: 404 });
    if (url.pathname === '/api/themes/matrix') return jsonResponse(matrix);
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

    const actionsCall = fetchMock.mock.calls.map(([input]) => String(input)).find((url) => url.startsWith('/api/actions'));
    expect(actionsCall).toBe('/api/actions?themeId=3&sort=attention&limit=50');
  });

  it('says the page is not found for a theme that does not exist', async () => {
    stubApi({ theme: false });
    renderAt(<ThemePage />, { url: '/themes/3', path: '/themes/:themeId' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});
