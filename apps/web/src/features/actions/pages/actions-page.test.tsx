import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ActionsPage } from './actions-page';

function stubApi(actionsPage: unknown) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/actions') return jsonResponse(actionsPage);
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('ActionsPage', () => {
  it('lists the actions the URL asks for, with BRAG words and flags, and links to the next page', async () => {
    const fetchMock = stubApi({
      items: [makeAction({ brag: 'red', bragReason: 'overdue since 31 March 2026', overdue: true, status: 'in_progress' })],
      nextCursor: 'next-page-cursor',
    });
    renderAt(<ActionsPage />, { url: '/actions?status=in_progress&overdue=true' });

    const table = await screen.findByRole('table', { name: /First 1 action/ });
    const row = within(table).getByRole('row', { name: /SD-2022\/A3/ });
    expect(within(row).getByRole('link', { name: 'SD-2022/A3' })).toHaveAttribute('href', '/actions/7');
    expect(within(row).getByText('Red')).toBeInTheDocument();
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(within(row).getByText('In progress')).toBeInTheDocument();
    expect(within(row).getByTitle('West Midlands Police')).toHaveTextContent('WMP');

    const next = screen.getByRole('link', { name: 'Next page of actions' });
    const nextUrl = new URL(next.getAttribute('href') ?? '', 'http://localhost');
    expect(nextUrl.searchParams.get('cursor')).toBe('next-page-cursor');
    expect(nextUrl.searchParams.getAll('status')).toEqual(['in_progress']);
    expect(nextUrl.searchParams.get('overdue')).toBe('true');

    const actionsCall = fetchMock.mock.calls.map(([input]) => String(input)).find((url) => url.startsWith('/api/actions'));
    expect(actionsCall).toBe('/api/actions?status=in_progress&overdue=true&sort=targetDate&limit=50');
  });

  it('shows a revised target date beside the original, and flags a returned action with its answer-due day', async () => {
    stubApi({
      items: [
        makeAction({
          id: 8,
          ref: 'SD-2022/A4',
          targetDate: '2027-01-31',
          targetDateHistory: [
            { targetDate: '2026-11-26', from: null, reason: null, decidedBy: null, on: '2025-06-01T09:00:00.000Z' },
            { targetDate: '2027-01-31', from: '2026-11-26', reason: 'Inspection.', decidedBy: 'Jo Chair', on: '2026-02-10T11:00:00.000Z' },
          ],
          brag: 'amber',
          returned: { on: '2026-02-24T10:00:00.000Z', question: 'Attach the re-audit.', replyBy: '2099-03-10' },
        }),
        makeAction(),
      ],
      nextCursor: null,
    });
    renderAt(<ActionsPage />, { url: '/actions' });

    const table = await screen.findByRole('table', { name: /2 actions/ });
    const revised = within(table).getByRole('row', { name: /SD-2022\/A4/ });
    const target = within(revised).getByText('31 January 2027', { exact: false }).closest('td')!;
    expect(target).toHaveTextContent('31 January 2027(revised from 26 November 2026)');
    expect(within(revised).getByText('Returned', { exact: false })).toHaveTextContent('Returned for more information');
    expect(within(revised).getByText('answer due by 10 March 2099')).toBeInTheDocument();

    const plain = within(table).getByRole('row', { name: /SD-2022\/A3/ });
    expect(within(plain).getByText('31 March 2026')).toBeInTheDocument();
    expect(plain).not.toHaveTextContent('revised from');
    expect(within(plain).queryByText(/Returned/)).not.toBeInTheDocument();
  });

  it('says so when no action matches the filters', async () => {
    stubApi({ items: [], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions?brag=blue' });

    expect(await screen.findByText('No actions match these filters')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clear the filters' })).toHaveAttribute('href', '/actions');
  });
});

describe('ActionsPage filters, search, sort, paging and export', () => {
  const url =
    '/actions?q=briefing&status=in_progress&brag=red&brag=amber&agencyId=1&overdue=true&dueBefore=2026-06-30&sort=-targetDate&cursor=page-2';

  it.each([
    ['Excel', 'xlsx'],
    ['CSV', 'csv'],
  ])('carries every filter and the sort into the %s link, but not the page', async (name, format) => {
    stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url });

    const link = await screen.findByRole('link', { name: `Download this view as ${name}` });
    expect(link).toHaveAttribute('download');
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe(`/api/exports/actions.${format}`);
    expect(href.searchParams.get('q')).toBe('briefing');
    expect(href.searchParams.getAll('brag')).toEqual(['red', 'amber']);
    expect(href.searchParams.getAll('agencyId')).toEqual(['1']);
    expect(href.searchParams.get('overdue')).toBe('true');
    expect(href.searchParams.get('dueBefore')).toBe('2026-06-30');
    expect(href.searchParams.get('sort')).toBe('-targetDate');
    expect(href.searchParams.has('cursor')).toBe(false);
  });

  it('keeps the filters on the next page and on the way back to the first', async () => {
    stubApi({ items: [makeAction()], nextCursor: 'page-3' });
    renderAt(<ActionsPage />, { url });

    const next = new URL((await screen.findByRole('link', { name: 'Next page of actions' })).getAttribute('href') ?? '', 'http://localhost');
    expect(next.searchParams.get('cursor')).toBe('page-3');
    const first = new URL(screen.getByRole('link', { name: 'Back to first page of actions' }).getAttribute('href') ?? '', 'http://localhost');
    expect(first.searchParams.has('cursor')).toBe(false);
    for (const page of [next, first]) {
      expect(page.searchParams.get('q')).toBe('briefing');
      expect(page.searchParams.getAll('brag')).toEqual(['red', 'amber']);
      expect(page.searchParams.get('dueBefore')).toBe('2026-06-30');
      expect(page.searchParams.get('sort')).toBe('-targetDate');
    }
  });

  it('says how many filters apply, lets each be removed, and clears them all', async () => {
    stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url });

    const selected = await screen.findByRole('region', { name: '7 filters applied' });
    const removeRed = within(selected).getByRole('link', { name: /Remove this filter: BRAG rating,\s*Red/ });
    const withoutRed = new URL(removeRed.getAttribute('href') ?? '', 'http://localhost').searchParams;
    expect(withoutRed.getAll('brag')).toEqual(['amber']);
    expect(withoutRed.get('q')).toBe('briefing');
    expect(await within(selected).findByRole('link', { name: /Agency,\s*West Midlands Police/ })).toBeInTheDocument();
    expect(within(selected).getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/actions?sort=-targetDate');
  });

  it('searches within the current filters, back on the first page', async () => {
    const user = userEvent.setup();
    stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url });

    const search = await screen.findByRole('searchbox', { name: 'Search actions' });
    await user.clear(search);
    await user.type(search, 'chronology');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    const params = new URL(screen.getByTestId('location').textContent ?? '', 'http://localhost').searchParams;
    expect(params.get('q')).toBe('chronology');
    expect(params.getAll('brag')).toEqual(['red', 'amber']);
    expect(params.has('cursor')).toBe(false);
  });

  it('sorts by a column heading, saying which way with aria-sort', async () => {
    const user = userEvent.setup();
    const fetchMock = stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions?brag=red' });

    const table = await screen.findByRole('table');
    const targetHeader = within(table).getByRole('columnheader', { name: 'Target date' });
    expect(targetHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(within(table).getByRole('columnheader', { name: 'Reference' })).toHaveAttribute('aria-sort', 'none');
    expect(within(table).getByRole('columnheader', { name: 'Owner' })).not.toHaveAttribute('aria-sort');

    await user.click(within(targetHeader).getByRole('button', { name: 'Target date' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/actions?brag=red&sort=-targetDate');
    expect(await screen.findByRole('columnheader', { name: 'Target date' })).toHaveAttribute('aria-sort', 'descending');
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/actions?brag=red&sort=-targetDate&limit=50'),
    );

    await user.click(screen.getByRole('button', { name: 'Reference' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/actions?brag=red&sort=ref');
  });

  it('sorts with the sort choice too', async () => {
    const user = userEvent.setup();
    stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions?brag=red&cursor=x' });

    await user.selectOptions(await screen.findByLabelText('Sort by'), 'Needing attention first');
    await user.click(screen.getByRole('button', { name: 'Sort' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/actions?brag=red&sort=attention');
  });

  it('shows and hides the filters', async () => {
    const user = userEvent.setup();
    stubApi({ items: [makeAction()], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions?brag=red' });

    const toggle = await screen.findByRole('button', { name: 'Hide filters' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Show filters (1 applied)' })).toHaveAttribute('aria-expanded', 'false');
    expect(document.getElementById('action-filters')).not.toBeVisible();
  });

  it('cuts long action texts to their first line in the table', async () => {
    const long = `${'Deliver briefings on the voice of the child '.repeat(6)}\nSecond line`;
    stubApi({ items: [makeAction({ action: long })], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions' });

    const row = await screen.findByRole('row', { name: /SD-2022\/A3/ });
    const text = within(row).getByText(/^Deliver briefings/);
    expect(text.textContent!.length).toBeLessThanOrEqual(140);
    expect(text.textContent).toMatch(/…$/);
    expect(row).not.toHaveTextContent('Second line');
  });
});
