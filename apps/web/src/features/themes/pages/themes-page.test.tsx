import type { ThemeMatrix } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ThemesPage } from './themes-page';

/** Three themes, by name as the API sends them; only "Professional curiosity" recurs. */
const matrix: ThemeMatrix = {
  themes: [
    { id: 1, name: "Child's voice" },
    { id: 2, name: 'Hidden men' },
    { id: 3, name: 'Professional curiosity' },
  ],
  reviews: [
    { id: 10, code: 'SD-2022', title: 'Learning review: SD', childPseudonym: 'SD', date: '2025-06-01' },
    { id: 11, code: 'LCSPR-R', title: 'Child R', childPseudonym: 'Child R', date: '2024-02-10' },
  ],
  reviewCount: 2,
  nextCursor: null,
  previousCursor: null,
  cells: [
    { themeId: 1, reviewId: 10, reviewTagged: true, actions: 0, open: 0, overdue: 0 },
    { themeId: 3, reviewId: 10, reviewTagged: true, actions: 3, open: 2, overdue: 1 },
    { themeId: 3, reviewId: 11, reviewTagged: false, actions: 1, open: 1, overdue: 0 },
  ],
  byTheme: [
    { themeId: 1, reviews: 1, actions: 0, open: 0, overdue: 0, recurs: false },
    { themeId: 2, reviews: 0, actions: 0, open: 0, overdue: 0, recurs: false },
    { themeId: 3, reviews: 2, actions: 4, open: 3, overdue: 1, recurs: true },
  ],
};

function stubApi(body: ThemeMatrix | ((url: URL) => ThemeMatrix) = matrix) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/themes/matrix') return jsonResponse(typeof body === 'function' ? body(url) : body);
    if (url.pathname === '/api/subgroups')
      return jsonResponse({ items: [{ id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const calls = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.map(([input]) => String(input));

describe('ThemesPage', () => {
  it('shows the matrix in words, with scoped headers, and links each cell to its filtered actions', async () => {
    stubApi();
    renderAt(<ThemesPage />, { url: '/themes', me: makeAgencyLeadMe() });

    const table = await screen.findByRole('table', { name: '3 themes across 2 reviews' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['Theme', 'Across reviews', 'SD-2022Child: SD', 'LCSPR-RChild: Child R']);
    expect(within(headers[2]!).getByRole('link', { name: 'SD-2022' })).toHaveAttribute('href', '/reviews/10');

    const row = within(table).getByRole('row', { name: /Professional curiosity/ });
    expect(within(row).getByRole('rowheader', { name: 'Professional curiosity' })).toBeInTheDocument();
    const [summary, sd, r] = within(row).getAllByRole('cell');
    expect(summary).toHaveTextContent('In 2 reviews');
    expect(within(summary!).getByText('Recurs')).toBeInTheDocument();
    expect(within(summary!).getByRole('link', { name: '4 actions under Professional curiosity in all reviews' })).toHaveAttribute(
      'href',
      '/actions?themeId=3',
    );
    expect(sd).toHaveTextContent('Tagged');
    expect(sd).toHaveTextContent('2 open, 1 overdue');
    expect(within(sd!).getByRole('link', { name: '3 actions under Professional curiosity in SD-2022' })).toHaveAttribute(
      'href',
      '/actions?themeId=3&reviewId=10',
    );
    expect(r).toHaveTextContent('Not tagged');
    expect(r).toHaveTextContent('1 open');
    expect(within(r!).getByRole('link', { name: /1 action under Professional curiosity in LCSPR-R/ })).toHaveAttribute(
      'href',
      '/actions?themeId=3&reviewId=11',
    );

    const voice = within(table).getByRole('row', { name: /Child's voice/ });
    const [, voiceSd, voiceR] = within(voice).getAllByRole('cell');
    expect(voiceSd).toHaveTextContent('TaggedNo actions');
    expect(voiceR).toHaveTextContent('Not found');
    expect(within(voice).queryByText('Recurs')).not.toBeInTheDocument();
  });

  it('puts the themes that recur first, then those found in more reviews', async () => {
    stubApi();
    renderAt(<ThemesPage />, { url: '/themes' });

    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Professional curiosity',
      "Child's voice",
      'Hidden men',
    ]);
    expect(screen.getByText(/1 of 3 themes recurs: it is found in two or more of the 2 reviews/)).toBeInTheDocument();
  });

  it('filters by subgroup through the URL and the API', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<ThemesPage />, { url: '/themes' });
    await screen.findByRole('table');
    expect(calls(fetchMock)).toContain('/api/themes/matrix');

    await screen.findByRole('option', { name: 'Learning and Practice Review subgroup' });
    await user.selectOptions(screen.getByLabelText('Reviews overseen by'), 'Learning and Practice Review subgroup');
    await user.click(screen.getByRole('button', { name: 'Show themes' }));

    expect(await screen.findByRole('table', { name: '3 themes across 2 reviews overseen by Learning and Practice Review subgroup' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/themes?subgroupId=4');
    expect(calls(fetchMock)).toContain('/api/themes/matrix?subgroupId=4');
  });

  it('shows a page of the newest reviews, says how many in all, and pages older and newer through the URL', async () => {
    // 41 reviews in all; the API gives this page's two, with cursors either side.
    const page = (cursor: string | null): ThemeMatrix => ({
      ...matrix,
      reviewCount: 41,
      reviews: cursor === 'older-1' ? [{ ...matrix.reviews[1]!, id: 12, code: 'OLD-2019', date: '2019-03-04' }] : matrix.reviews,
      cells: cursor === 'older-1' ? [] : matrix.cells,
      nextCursor: cursor === 'older-1' ? null : 'older-1',
      previousCursor: cursor === 'older-1' ? 'newer-1' : null,
    });
    const fetchMock = stubApi((url) => page(url.searchParams.get('cursor')));
    const user = userEvent.setup();
    renderAt(<ThemesPage />, { url: '/themes?subgroupId=4' });

    const table = await screen.findByRole('table', {
      name: '3 themes across 2 of 41 reviews overseen by Learning and Practice Review subgroup, 1 June 2025 back to 10 February 2024',
    });
    expect(table).toBeInTheDocument();
    expect(screen.getByText(/1 of 3 themes recurs: it is found in two or more of the 41 reviews/)).toBeInTheDocument();
    expect(screen.getByText(/counts all 41 reviews/)).toBeInTheDocument();
    const pages = screen.getByRole('navigation', { name: 'Pages of reviews' });
    expect(within(pages).queryByRole('link', { name: 'Newer reviews' })).not.toBeInTheDocument();

    await user.click(within(pages).getByRole('link', { name: 'Older reviews' }));
    expect(await screen.findByRole('link', { name: 'OLD-2019' })).toHaveAttribute('href', '/reviews/12');
    expect(screen.getByTestId('location')).toHaveTextContent('/themes?subgroupId=4&cursor=older-1');
    expect(calls(fetchMock)).toContain('/api/themes/matrix?subgroupId=4&cursor=older-1');
    // The theme's totals are still those of every review, though this page holds one.
    const curiosity = within(screen.getByRole('table')).getByRole('row', { name: /Professional curiosity/ });
    expect(within(curiosity).getAllByRole('cell')[0]).toHaveTextContent('In 2 reviews');
    expect(within(curiosity).getAllByRole('cell')[1]).toHaveTextContent('Not found');

    const back = within(screen.getByRole('navigation', { name: 'Pages of reviews' })).getByRole('link', { name: 'Newer reviews' });
    expect(back).toHaveAttribute('href', '/themes?subgroupId=4&cursor=newer-1');
    expect(screen.queryByRole('link', { name: 'Older reviews' })).not.toBeInTheDocument();
  });

  it('shows no paging when every review is on the page', async () => {
    stubApi();
    renderAt(<ThemesPage />, { url: '/themes' });
    await screen.findByRole('table', { name: '3 themes across 2 reviews' });
    expect(screen.queryByRole('navigation', { name: 'Pages of reviews' })).not.toBeInTheDocument();
  });

  it('says so when there are no themes, and when the API fails', async () => {
    stubApi({ themes: [], reviews: [], reviewCount: 0, nextCursor: null, previousCursor: null, cells: [], byTheme: [] });
    renderAt(<ThemesPage />, { url: '/themes' });
    expect(await screen.findByText('There are no themes yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add the themes the partnership looks for' })).toHaveAttribute('href', '/admin/themes');
  });

  it('offers to try again when the matrix cannot be loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () =>
        jsonResponse({ type: 'about:blank', title: 'Server error', status: 500, detail: 'Something failed', code: 'server.error' }, { status: 500 }),
      ),
    );
    renderAt(<ThemesPage />, { url: '/themes' });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
