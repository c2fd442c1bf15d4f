import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChaseDetail } from '@lrt/contracts';
import { setCsrfToken } from '@/lib/api-client';
import { jsonResponse, renderAt } from '@/test/render';
import { makeChaseDetail, makeRecipient } from '../test-factories';
import { ChaseDetailPage } from './chase-detail-page';

const agencies = [{ id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1 }];

const detail = makeChaseDetail({
  mail: { queued: 1, retrying: 1, sent: 1 },
  byAgency: [
    {
      agency: { id: 1, name: 'West Midlands Police', shortName: 'WMP' },
      recipients: [
        makeRecipient({ linkLastUsedAt: '2026-03-05T09:30:00.000Z' }),
        makeRecipient({
          id: 31,
          userId: 6,
          name: 'Chris Doyle',
          email: 'chris.doyle@police.example',
          emails: [
            {
              id: 82,
              kind: 'chase',
              status: 'queued',
              createdAt: '2026-03-03T14:05:00.000Z',
              sentAt: null,
              attempts: 2,
              lastError: '421 mail server busy',
              nextAttemptAt: '2026-03-03T15:00:00.000Z',
            },
            { id: 83, kind: 'reminder', status: 'queued', createdAt: '2026-03-14T08:00:00.000Z', sentAt: null, attempts: 0, lastError: null, nextAttemptAt: '2026-03-14T08:00:00.000Z' },
          ],
        }),
        makeRecipient({ id: 32, userId: 7, name: 'Lee Grant', email: 'lee.grant@police.example', linkStatus: 'revoked', revokedAt: '2026-03-04T11:00:00.000Z', revokedByName: 'Alex Morgan' }),
        makeRecipient({ id: 33, userId: 8, name: 'Mo Khan', email: 'mo.khan@police.example', linkStatus: 'expired', linkExpiresOn: '2026-03-02' }),
      ],
      escalations: [
        {
          id: 90,
          kind: 'escalation',
          status: 'logged',
          createdAt: '2026-03-24T08:00:00.000Z',
          sentAt: null,
          attempts: 0,
          lastError: null,
          nextAttemptAt: '2026-03-24T08:00:00.000Z',
          toName: 'Jo Reid',
          toAddress: 'jo.reid@police.example',
        },
      ],
      actions: [
        { id: 7, ref: 'SD-2022/A3', state: 'answered', answeredAt: '2026-03-05T09:30:00.000Z' },
        { id: 8, ref: 'SD-2022/A4', state: 'requested', answeredAt: null },
        { id: 9, ref: 'SD-2022/A5', state: 'reply_overdue', answeredAt: null },
      ],
    },
    {
      agency: { id: 2, name: 'Northshire Primary School', shortName: 'NPS' },
      recipients: [],
      escalations: [],
      actions: [{ id: 20, ref: 'R-2023/A1', state: 'requested', answeredAt: null }],
    },
  ],
});

function stubApi({ chase = detail, onRevoke }: { chase?: ChaseDetail | null; onRevoke?: (url: string) => Response } = {}) {
  let current = chase;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/reviews' || url.pathname === '/api/subgroups') return jsonResponse({ items: [], nextCursor: null });
    if (url.pathname.endsWith('/revoke') && method === 'POST') {
      if (onRevoke) return onRevoke(url.pathname);
      current = revokedFirst();
      return jsonResponse(current);
    }
    if (url.pathname === '/api/chase/12' && current) return jsonResponse(current);
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No such update request', code: 'chase.not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const revokedFirst = (): ChaseDetail => ({
  ...detail,
  byAgency: detail.byAgency.map((entry, index) =>
    index === 0
      ? {
          ...entry,
          recipients: entry.recipients.map((r) =>
            r.id === 30 ? { ...r, linkStatus: 'revoked' as const, revokedAt: '2026-03-06T10:00:00.000Z', revokedByName: 'Alex Morgan' } : r,
          ),
        }
      : entry,
  ),
});

const recipientItem = (name: string) => screen.getByRole('heading', { level: 4, name: new RegExp(`^${name},`) }).closest('li')!;

describe('ChaseDetailPage', () => {
  it('shows the request, who was asked with their link and each email’s status, escalations and each action’s state in words', async () => {
    stubApi();
    renderAt(<ChaseDetailPage />, { url: '/chase/12', path: '/chase/:chaseId' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Chase sent 3 March 2026 at 2:05pm' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Chase sent 3 March 2026/));
    expect(document.body).toHaveTextContent('Sent byAlex Morgan');
    expect(document.body).toHaveTextContent('Reply by17 March 2026');
    await waitFor(() => expect(document.body).toHaveTextContent('What it asked aboutActions of agency West Midlands Police'));
    expect(document.body).toHaveTextContent('Answers1 of 2 actions answered');
    expect(document.body).toHaveTextContent('Email1 sent, 1 queued, 1 retrying');

    const sam = recipientItem('Sam Patel');
    expect(sam).toHaveTextContent('Personal linkActive Works until the end of 31 March 2026');
    expect(sam).toHaveTextContent('Link last used5 March 2026 at 9:30am');
    expect(sam).toHaveTextContent('Update request of 3 March 2026: Sent Sent 3 March 2026 at 2:06pm');
    expect(within(sam).getByRole('button', { name: 'Revoke the link sent to Sam Patel' })).toBeInTheDocument();

    const chris = recipientItem('Chris Doyle');
    expect(chris).toHaveTextContent('Link last usedNot used yet');
    expect(chris).toHaveTextContent('Retrying 2 attempts failed (last error: 421 mail server busy). Next try 3 March 2026 at 3:00pm');
    expect(chris).toHaveTextContent('Reminder of 14 March 2026: Queued');

    const lee = recipientItem('Lee Grant');
    expect(lee).toHaveTextContent('Revoked Revoked 4 March 2026 at 11:00am by Alex Morgan');
    expect(within(lee).queryByRole('button')).not.toBeInTheDocument();
    const mo = recipientItem('Mo Khan');
    expect(mo).toHaveTextContent('Expired Stopped working at the end of 2 March 2026');
    expect(within(mo).queryByRole('button')).not.toBeInTheDocument();

    const police = screen.getByRole('region', { name: 'West Midlands Police (WMP)' });
    expect(police).toHaveTextContent('To Jo Reid (jo.reid@police.example) on 24 March 2026: Kept in the outbox');
    expect(within(police).getByRole('link', { name: 'SD-2022/A3' })).toHaveAttribute('href', '/actions/7');
    expect(within(police).getByRole('link', { name: 'SD-2022/A3' }).closest('.govuk-summary-list__row')).toHaveTextContent('Answered on 5 March 2026');
    expect(within(police).getByRole('link', { name: 'SD-2022/A4' }).closest('.govuk-summary-list__row')).toHaveTextContent('Requested');
    expect(within(police).getByRole('link', { name: 'SD-2022/A5' }).closest('.govuk-summary-list__row')).toHaveTextContent('Reply overdue');

    const school = screen.getByRole('region', { name: 'Northshire Primary School (NPS)' });
    expect(school).toHaveTextContent('No lead — nobody was asked');
  });

  it('says the requests were sent when it is opened straight after sending', async () => {
    stubApi();
    const { router } = renderAt(<ChaseDetailPage />, { url: '/chase/1', path: '/chase/:chaseId' });
    await router.navigate('/chase/12', { state: { sent: { messages: 3, agenciesWithoutLead: ['Northshire Primary School'] } } });
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Update requests sent: 3 messages');
    expect(banner).toHaveTextContent('No one was asked for Northshire Primary School: no lead is named.');
    await waitFor(() => expect(banner).toHaveFocus());
  });

  it('revokes a link after asking, then says so; cancelling goes back to the button', async () => {
    const fetchMock = stubApi();
    setCsrfToken('csrf-token-of-the-session');
    const user = userEvent.setup();
    renderAt(<ChaseDetailPage />, { url: '/chase/12', path: '/chase/:chaseId' });
    const button = await screen.findByRole('button', { name: 'Revoke the link sent to Sam Patel' });

    await user.click(button);
    const question = screen.getByRole('heading', { name: 'Revoke the link sent to Sam Patel?' });
    await waitFor(() => expect(question).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Revoke the link sent to Sam Patel' })).toHaveFocus());
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revoke the link sent to Sam Patel' }));
    await user.click(screen.getByRole('button', { name: 'Yes, revoke the link' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The link sent to Sam Patel is revoked');
    await waitFor(() => expect(banner).toHaveFocus());
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe('/api/chase/12/recipients/30/revoke');
    expect(JSON.parse(String(post[1]?.body))).toEqual({});
    expect(new Headers(post[1]?.headers).get('X-CSRF-Token')).toBe('csrf-token-of-the-session');
    await waitFor(() => expect(recipientItem('Sam Patel')).toHaveTextContent('Revoked 6 March 2026 at 10:00am by Alex Morgan'));
    expect(screen.queryByRole('button', { name: 'Revoke the link sent to Sam Patel' })).not.toBeInTheDocument();
    setCsrfToken(null);
  });

  it('shows why a link could not be revoked, and leaves it as it was', async () => {
    stubApi({
      onRevoke: () =>
        jsonResponse({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'You may not revoke links of this request.', code: 'auth.forbidden' }, { status: 403 }),
    });
    const user = userEvent.setup();
    renderAt(<ChaseDetailPage />, { url: '/chase/12', path: '/chase/:chaseId' });
    await user.click(await screen.findByRole('button', { name: 'Revoke the link sent to Sam Patel' }));
    await user.click(screen.getByRole('button', { name: 'Yes, revoke the link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You may not revoke links of this request.');
    expect(recipientItem('Sam Patel')).toHaveTextContent('Personal linkActive');
  });

  it('says the page is not found for a request that does not exist', async () => {
    stubApi({ chase: null });
    renderAt(<ChaseDetailPage />, { url: '/chase/12', path: '/chase/:chaseId' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});
