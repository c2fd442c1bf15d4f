import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { settingsKeys } from '@/features/settings/api/get-settings';
import { jsonResponse, renderAt } from '@/test/render';
import { makeDashboard, makeTotals } from '../test-factories';
import { OverviewPage } from './overview-page';

// The charts load in their own chunk: on a busy machine that takes more than the default second.

function stubApi(dashboard = makeDashboard()) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/dashboard') return jsonResponse(dashboard);
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not here', code: 'not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** A link's target as path and parsed query, so the order of parameters does not matter. */
function target(link: HTMLElement) {
  const url = new URL(link.getAttribute('href') ?? '', 'http://localhost');
  return { path: url.pathname, params: Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)])) };
}

describe('OverviewPage', () => {
  it('asks the API once, for the dashboard, and nothing else', async () => {
    const fetchMock = stubApi();
    renderAt(<OverviewPage />, { url: '/overview' });
    await screen.findByRole('heading', { name: 'Progress by agency' });
    // Charts load lazily; let them arrive before counting requests.
    await screen.findAllByRole('img', { name: /Actions of each agency by BRAG rating/ });
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toEqual(['/api/dashboard']);
    expect(document.title).toBe('Overview – Learning Review Tracker');
  });

  it('shows BRAG counts as words, each a link to the list it counts', async () => {
    stubApi();
    renderAt(<OverviewPage />, { url: '/overview' });
    const list = await screen.findByRole('list', { name: 'Actions by BRAG rating' });
    const expected = { red: 3, amber: 4, green: 7, blue: 5 } as const;
    for (const [brag, count] of Object.entries(expected)) {
      const word = brag.charAt(0).toUpperCase() + brag.slice(1);
      const item = within(list).getByText(word).closest('li')!;
      const link = within(item).getByRole('link', { name: `${count} ${brag} actions` });
      expect(target(link)).toEqual({ path: '/actions', params: { brag: [brag] } });
    }
  });

  it('links overdue, stale, due soon and status counts to the filtered actions list', async () => {
    stubApi();
    const { queryClient } = renderAt(<OverviewPage />, { url: '/overview' });
    // The shell holds the settings; the overview reads them from the cache and never asks for them.
    queryClient.setQueryData(settingsKeys.all, { partnershipName: 'Sandwell Partnership', updateCadenceDays: 56, dueSoonDays: 14, version: 1 });
    const attention = await screen.findByRole('list', { name: 'Actions needing attention' });
    expect(target(within(attention).getByRole('link', { name: '2 overdue actions' }))).toEqual({ path: '/actions', params: { overdue: ['true'] } });
    expect(target(within(attention).getByRole('link', { name: '4 stale actions' }))).toEqual({ path: '/actions', params: { stale: ['true'] } });
    expect(await within(attention).findByText('Open and due in the next 14 days')).toBeInTheDocument();
    expect(target(within(attention).getByRole('link', { name: '1 action due soon' }))).toEqual({
      path: '/actions',
      params: { dueSoon: ['true'] },
    });
    expect(target(screen.getByRole('link', { name: '2 actions completed' }))).toEqual({ path: '/actions', params: { status: ['completed'] } });
    expect(screen.getByText('Sandwell Partnership')).toBeInTheDocument();
  });

  it('gives each agency and review its numbers as links, beside the charts', async () => {
    stubApi();
    renderAt(<OverviewPage />, { url: '/overview' });
    const agencies = await screen.findByRole('table', { name: /Progress by agency/ });
    const police = within(agencies).getByRole('row', { name: /West Midlands Police/ });
    expect(within(police).getByRole('rowheader')).toHaveTextContent('West Midlands Police (WMP)');
    expect(target(within(police).getByRole('link', { name: '1 overdue actions of West Midlands Police' }))).toEqual({
      path: '/actions',
      params: { agencyId: ['3'], overdue: ['true'] },
    });
    expect(within(police).getByRole('link', { name: '1 actions due soon of West Midlands Police' })).toHaveAttribute('href', '/actions?agencyId=3&dueSoon=true');
    expect(target(within(police).getByRole('link', { name: '3 red actions of West Midlands Police' }))).toEqual({
      path: '/actions',
      params: { brag: ['red'], agencyId: ['3'] },
    });

    const reviews = screen.getByRole('table', { name: /Reviews needing most attention/ });
    expect(target(within(reviews).getByRole('link', { name: '2 actions completed of review SD-2022' }))).toEqual({
      path: '/actions',
      params: { status: ['completed'], reviewId: ['2'] },
    });
    expect(target(within(reviews).getByRole('link', { name: '4 stale actions of review SD-2022' }))).toEqual({
      path: '/actions',
      params: { stale: ['true'], reviewId: ['2'] },
    });
    // Every review is in the table: there is nothing more to see.
    expect(screen.getByText('The one review with actions.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'See all reviews' })).not.toBeInTheDocument();

    const chart = await screen.findByRole('img', { name: /Actions of each agency by BRAG rating/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('West Midlands Police has the most red actions'));
    const trend = await screen.findByRole('img', { name: /Open, completed and assured actions by month/ });
    expect(trend.querySelector('desc')).toHaveTextContent(/from April 2024 to March 2026/);
    const numbers = screen.getByRole('table', { name: 'Open, completed and assured actions at the end of each month' });
    const march = within(numbers).getByRole('row', { name: /March 2026/ });
    expect(within(march).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['33', '3', '11']);
  });

  it('shows the reviews needing most attention in the order the API gives, says of how many, and links to all of them', async () => {
    const review = (reviewId: number, code: string, red: number) => ({
      reviewId,
      code,
      title: `Review ${code}`,
      ...makeTotals({ byBrag: { blue: 0, green: 1, amber: 0, red } }),
    });
    stubApi(makeDashboard({ byReview: [review(9, 'ZZ-2026', 5), review(4, 'AA-2020', 2), review(7, 'MM-2023', 1)], reviewCount: 3000 }));
    renderAt(<OverviewPage />, { url: '/overview' });
    const table = await screen.findByRole('table', { name: /Reviews needing most attention/ });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.querySelector('a')?.textContent)).toEqual(['ZZ-2026', 'AA-2020', 'MM-2023']);
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Review',
      'Actions',
      'Not started',
      'In progress',
      'Completed',
      'Assured',
      'Red',
      'Overdue',
      'Stale',
    ]);
    expect(
      screen.getByText(/^The 3 reviews needing most attention, of 3,000 with actions: the most red actions first, then the most overdue, then the most stale\./),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See all reviews' })).toHaveAttribute('href', '/reviews');
  });

  it("names each agency's leads with their email addresses, and says when an agency has none", async () => {
    stubApi();
    renderAt(<OverviewPage />, { url: '/overview' });
    const agencies = await screen.findByRole('table', { name: /Progress by agency/ });
    const police = within(agencies).getByRole('row', { name: /West Midlands Police/ });
    expect(police).toHaveTextContent('DI Sam Patel');
    expect(within(police).getByRole('link', { name: 'sam.patel@police.example' })).toHaveAttribute('href', 'mailto:sam.patel@police.example');
    const trust = within(agencies).getByRole('row', { name: /Sandwell Children’s Trust/ });
    expect(trust).toHaveTextContent('No lead');
  });

  it('sorts the agency table by a column when its heading is pressed, keeping the sort in the URL', async () => {
    const row = (agencyId: number, name: string, overdue: number, red: number, actions: number) => ({
      agencyId,
      name,
      shortName: name.slice(0, 3).toUpperCase(),
      ...makeTotals({ actions, overdue, byBrag: { blue: 0, green: 1, amber: 1, red } }),
      leads: [],
    });
    stubApi(
      makeDashboard({
        byAgency: [row(1, 'Acorn Academy', 0, 2, 5), row(2, 'Birch Health', 4, 0, 9), row(3, 'Cedar Council', 2, 5, 7)],
      }),
    );
    const user = userEvent.setup();
    renderAt(<OverviewPage />, { url: '/overview' });
    const table = await screen.findByRole('table', { name: /Progress by agency/ });
    const order = () => within(table).getAllByRole('rowheader').map((cell) => cell.textContent?.replace(/ \(.*\)$/, ''));
    const header = (name: string) => within(table).getByRole('button', { name }).closest('th')!;

    expect(order()).toEqual(['Acorn Academy', 'Birch Health', 'Cedar Council']);
    expect(header('Agency')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Overdue')).toHaveAttribute('aria-sort', 'none');

    await user.click(within(table).getByRole('button', { name: 'Overdue' }));
    await waitFor(() => expect(order()).toEqual(['Birch Health', 'Cedar Council', 'Acorn Academy']));
    expect(screen.getByTestId('location')).toHaveTextContent('/overview?agencySort=-overdue');
    expect(header('Overdue')).toHaveAttribute('aria-sort', 'descending');
    expect(header('Agency')).toHaveAttribute('aria-sort', 'none');
    expect(table).toHaveAccessibleName(expect.stringContaining('sorted by overdue actions, most first'));
    // Focus stays on the heading's button, so a keyboard user can press it again.
    expect(within(table).getByRole('button', { name: 'Overdue' })).toHaveFocus();

    await user.keyboard('{Enter}');
    await waitFor(() => expect(order()).toEqual(['Acorn Academy', 'Cedar Council', 'Birch Health']));
    expect(screen.getByTestId('location')).toHaveTextContent('/overview?agencySort=overdue');
    expect(header('Overdue')).toHaveAttribute('aria-sort', 'ascending');

    // Back to the agencies A to Z, the default, which the URL does not need to say; then Z to A.
    await user.click(within(table).getByRole('button', { name: 'Agency' }));
    await waitFor(() => expect(order()).toEqual(['Acorn Academy', 'Birch Health', 'Cedar Council']));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/overview$/);
    await user.click(within(table).getByRole('button', { name: 'Agency' }));
    await waitFor(() => expect(order()).toEqual(['Cedar Council', 'Birch Health', 'Acorn Academy']));
    expect(screen.getByTestId('location')).toHaveTextContent('/overview?agencySort=-name');
  });

  it('opens the agency table sorted as the link says', async () => {
    const base = makeDashboard();
    stubApi(
      makeDashboard({
        byAgency: [
          { ...base.byAgency[0]!, byBrag: { blue: 0, green: 0, amber: 0, red: 1 } },
          { ...base.byAgency[1]!, byBrag: { blue: 0, green: 0, amber: 0, red: 6 } },
        ],
      }),
    );
    renderAt(<OverviewPage />, { url: '/overview?agencySort=-red' });
    const table = await screen.findByRole('table', { name: /Progress by agency/ });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Sandwell Children’s Trust (SCT)',
      'West Midlands Police (WMP)',
    ]);
    expect(within(table).getByRole('button', { name: 'Red' }).closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByText('Sorted by red actions, most first. Select a column heading to sort by it.')).toBeInTheDocument();
  });

  it('says so when there are no actions yet', async () => {
    stubApi(makeDashboard({ totals: { ...makeDashboard().totals, actions: 0 }, byAgency: [], byReview: [] }));
    renderAt(<OverviewPage />, { url: '/overview' });
    expect(await screen.findByText('There are no actions yet')).toBeInTheDocument();
  });

  it('offers to try again when the dashboard cannot be loaded', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse({ type: 'about:blank', title: 'Server error', status: 500, detail: 'Try later', code: 'server.error' }, { status: 500 })));
    renderAt(<OverviewPage />, { url: '/overview' });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
