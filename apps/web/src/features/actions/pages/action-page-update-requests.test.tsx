import type { ActionChase } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency, makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ActionPage } from './action-page';

const page = <T,>(items: T[]) => ({ items, nextCursor: null });

function makeChase(overrides: Partial<ActionChase> = {}): ActionChase {
  return {
    chaseId: 12,
    kind: 'chase',
    createdAt: '2026-02-20T14:05:00.000Z',
    createdByName: 'Alex Morgan',
    replyBy: '2026-03-06',
    agencyId: 1,
    agencyName: 'West Midlands Police',
    sentTo: ['DI Sam Patel', 'Jo Whitfield'],
    state: 'requested',
    answeredAt: null,
    ...overrides,
  };
}

/** The API at the network boundary: the action, its update requests, and empty lists for the rest. */
function stubApi(chases: Response | ActionChase[]) {
  const action = makeAction();
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === `/api/actions/${action.id}/chases`) return Array.isArray(chases) ? jsonResponse({ items: chases }) : chases.clone();
    if (path === `/api/actions/${action.id}`) return jsonResponse(action);
    if (path === '/api/agencies') return jsonResponse(page([makeAgency()]));
    return jsonResponse(page([]));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { action, fetchMock };
}

const renderPage = (me = makeMe()) => renderAt(<ActionPage />, { url: '/actions/7', path: '/actions/:actionId', me });

const itemTitled = async (name: string | RegExp) => {
  const list = await screen.findByRole('list', { name: 'Update requests, newest first' });
  return within(list).getByRole('heading', { name }).closest('li')!;
};

const valueOf = (item: HTMLElement, key: string) => within(item).getByText(key, { selector: 'dt' }).nextElementSibling;

describe('ActionPage update requests', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-03T10:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists each request with who sent it, to which agency and whom, the reply-by date and its state in words', async () => {
    const { fetchMock } = stubApi([
      makeChase({ chaseId: 14, kind: 'return', createdAt: '2026-03-01T09:30:00.000Z', createdByName: 'Jo Chair', sentTo: [], replyBy: '2026-03-15' }),
      makeChase({ chaseId: 12, state: 'answered', answeredAt: '2026-02-24T11:00:00.000Z' }),
      makeChase({ chaseId: 9, createdAt: '2026-01-05T10:00:00.000Z', replyBy: '2026-01-19', state: 'reply_overdue', agencyId: 2, agencyName: 'Sandwell Children’s Trust', sentTo: ['Pat Lee'] }),
    ]);
    renderPage();

    const returned = await itemTitled(/^Returned for more information sent 1 March 2026/);
    expect(valueOf(returned, 'Sent by')).toHaveTextContent('Jo Chair');
    expect(valueOf(returned, 'Agency')).toHaveTextContent('West Midlands Police');
    expect(valueOf(returned, 'Sent to')).toHaveTextContent('No lead');
    expect(valueOf(returned, 'Reply by')).toHaveTextContent('15 March 2026');
    expect(valueOf(returned, 'State')).toHaveTextContent('Requested');

    const answered = await itemTitled(/^Chase sent 20 February 2026/);
    expect(valueOf(answered, 'Sent to')).toHaveTextContent('DI Sam Patel, Jo Whitfield');
    expect(valueOf(answered, 'State')).toHaveTextContent('Answered on 24 February 2026');

    const late = await itemTitled(/^Chase sent 5 January 2026/);
    expect(valueOf(late, 'Agency')).toHaveTextContent('Sandwell Children’s Trust');
    expect(valueOf(late, 'State')).toHaveTextContent('Reply overdue');

    // Newest first, as the API sends them.
    const list = screen.getByRole('list', { name: 'Update requests, newest first' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent?.split(' sent ')[0])).toEqual([
      'Returned for more information',
      'Chase',
      'Chase',
    ]);
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/actions/7/chases');
  });

  it('links each request to its page for those who chase, and not for others', async () => {
    stubApi([makeChase()]);
    const first = renderPage();
    const item = await itemTitled(/^Chase sent 20 February 2026/);
    expect(within(item).getByRole('link', { name: /^Chase sent 20 February 2026/ })).toHaveAttribute('href', '/chase/12');
    first.unmount();

    stubApi([makeChase()]);
    renderPage(makeMe(makeAgencyLeadMe().user, { ...makeAgencyLeadMe().capabilities, chase: false }));
    const leadItem = await itemTitled(/^Chase sent 20 February 2026/);
    expect(within(leadItem).queryByRole('link')).not.toBeInTheDocument();
  });

  it('says when the action has never been asked about', async () => {
    stubApi([]);
    renderPage();
    const section = await screen.findByRole('region', { name: 'Update requests' });
    expect(await within(section).findByText('No update requests yet.')).toBeInTheDocument();
    expect(within(section).queryByRole('list')).not.toBeInTheDocument();
  });

  it('offers to try again when the requests cannot be loaded, and shows the rest of the action', async () => {
    stubApi(jsonResponse({ type: 'about:blank', title: 'Server error', status: 500, detail: 'Try later', code: 'server.error' }, { status: 500 }));
    renderPage();
    const section = await screen.findByRole('region', { name: 'Update requests' });
    expect(await within(section).findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Action SD-2022/A3' })).toBeInTheDocument();
  });
});
