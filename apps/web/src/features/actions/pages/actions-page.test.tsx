import { screen, within } from '@testing-library/react';
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

  it('says so when no action matches the filters', async () => {
    stubApi({ items: [], nextCursor: null });
    renderAt(<ActionsPage />, { url: '/actions?brag=blue' });

    expect(await screen.findByText('No actions match these filters')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clear the filters' })).toHaveAttribute('href', '/actions');
  });
});
