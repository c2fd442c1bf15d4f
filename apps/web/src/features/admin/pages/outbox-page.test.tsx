import type { OutboxEmail } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { OUTBOX_REFRESH_MS } from '../api/get-outbox';
import { AdminOutboxPage } from './outbox-page';

function makeEmail(overrides: Partial<OutboxEmail> = {}): OutboxEmail {
  return {
    id: 30,
    kind: 'chase',
    status: 'logged',
    createdAt: '2026-03-02T10:00:00.000Z',
    toName: 'DI Sam Patel',
    toAddress: 'police@demo.example',
    subject: 'Demo partnership: update requested on 2 actions by 16 March 2026',
    text: 'Dear DI Sam Patel,\n\nPlease post an update on each action:\nhttp://localhost:3000/respond/tok_abc123.\n\nDemo partnership',
    chaseId: 4,
    attempts: 0,
    lastError: null,
    nextAttemptAt: '2026-03-02T10:00:00.000Z',
    sentAt: null,
    ...overrides,
  };
}

type OutboxAnswer = { items: OutboxEmail[]; nextCursor: string | null; transport: 'smtp' | 'log' };

/** The outbox API at the network boundary: a list answer per query (by its status, kind, q and cursor) and the detail. */
function stubApi(list: (url: URL) => OutboxAnswer, html = '<!doctype html><html lang="en-GB"><body><h1>Update requested</h1></body></html>') {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/outbox') return jsonResponse(list(url));
    const detail = /^\/api\/outbox\/(\d+)$/.exec(url.pathname);
    if (detail) return jsonResponse({ ...makeEmail({ id: Number(detail[1]) }), html });
    return jsonResponse({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No', code: 'not_found' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const calls = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.map(([input]) => String(input));

const renderOutbox = (url = '/admin/outbox', me = makeMe()) => renderAt(<AdminOutboxPage />, { url, me });

const messageTitled = async (subject: string) => (await screen.findByRole('heading', { name: subject })).closest('li')!;
const valueOf = (item: HTMLElement, key: string) => within(item).getByText(key, { selector: 'dt' }).nextElementSibling as HTMLElement;

describe('AdminOutboxPage', () => {
  it('says that without an SMTP server messages are kept and logged, not sent, and lists them newest first', async () => {
    const fetchMock = stubApi(() => ({
      items: [
        makeEmail({ id: 32, subject: 'Reminder: reply by 16 March', kind: 'reminder', createdAt: '2026-03-13T09:00:00.000Z' }),
        makeEmail({ id: 31, subject: 'Set your password', kind: 'invitation', chaseId: null, toName: 'Pat Lee', toAddress: 'pat.lee@school.example' }),
        makeEmail(),
      ],
      nextCursor: null,
      transport: 'log',
    }));
    renderOutbox();

    expect(
      await screen.findByText(/No SMTP server is set \(SMTP_URL\): messages are kept here and written to the server log, not sent/),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: /3 messages, newest first/ });
    expect(within(list).getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Reminder: reply by 16 March',
      'Set your password',
      'Demo partnership: update requested on 2 actions by 16 March 2026',
    ]);

    const chase = await messageTitled('Demo partnership: update requested on 2 actions by 16 March 2026');
    expect(valueOf(chase, 'When')).toHaveTextContent('2 March 2026 at 10:00am');
    expect(valueOf(chase, 'Kind')).toHaveTextContent('Chase');
    expect(valueOf(chase, 'To')).toHaveTextContent('DI Sam Patel <police@demo.example>');
    expect(valueOf(chase, 'Status')).toHaveTextContent('Kept in the outbox (not sent)');
    expect(within(chase).getByRole('link', { name: /Open the update request/ })).toHaveAttribute('href', '/chase/4');
    const invitation = await messageTitled('Set your password');
    expect(valueOf(invitation, 'Kind')).toHaveTextContent('Invitation');
    expect(within(invitation).queryByText('Update request', { selector: 'dt' })).not.toBeInTheDocument();
    expect(calls(fetchMock)).toEqual(['/api/outbox?limit=50']);
    expect(document.title).toBe('Outbox – Learning Review Tracker');
  });

  it('says each status in words: queued, retrying with its attempt and last error, sending, and when it was sent', async () => {
    stubApi(() => ({
      items: [
        makeEmail({ id: 4, subject: 'Queued one', status: 'queued' }),
        makeEmail({ id: 3, subject: 'Failing one', status: 'queued', attempts: 2, lastError: 'connect ECONNREFUSED 127.0.0.1:2525', nextAttemptAt: '2026-03-02T10:08:00.000Z' }),
        makeEmail({ id: 2, subject: 'Leaving one', status: 'sending' }),
        makeEmail({ id: 1, subject: 'Sent one', status: 'sent', sentAt: '2026-03-02T10:01:00.000Z', text: 'Your link was sent to this address; it is not kept.' }),
      ],
      nextCursor: null,
      transport: 'smtp',
    }));
    renderOutbox();

    expect(await screen.findByText(/Messages are sent through the SMTP server set in SMTP_URL/)).toHaveTextContent(/is not kept here/);
    expect(screen.queryByText(/No SMTP server is set/)).not.toBeInTheDocument();
    expect(valueOf(await messageTitled('Queued one'), 'Status')).toHaveTextContent(/^Queued$/);
    expect(valueOf(await messageTitled('Failing one'), 'Status')).toHaveTextContent(
      'Retrying — attempt 2, last error: connect ECONNREFUSED 127.0.0.1:2525Next try 2 March 2026 at 10:08am',
    );
    expect(valueOf(await messageTitled('Leaving one'), 'Status')).toHaveTextContent(/^Sending$/);
    expect(valueOf(await messageTitled('Sent one'), 'Status')).toHaveTextContent('Sent on 2 March 2026 at 10:01am');
  });

  it('keeps itself current while a message is waiting to leave, then stops asking once nothing is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let answers = 0;
      const fetchMock = stubApi(() => {
        answers += 1;
        // The scheduler has kept the message (with its link) by the time the page asks a second time.
        return {
          items: [answers === 1 ? makeEmail({ status: 'queued', text: 'Post your updates:\n{{link}}' }) : makeEmail()],
          nextCursor: null,
          transport: 'log',
        };
      });
      renderOutbox();
      const message = await messageTitled(makeEmail().subject);
      expect(valueOf(message, 'Status')).toHaveTextContent(/^Queued$/);

      await vi.advanceTimersByTimeAsync(OUTBOX_REFRESH_MS + 100);
      await waitFor(() => expect(valueOf(message, 'Status')).toHaveTextContent('Kept in the outbox (not sent)'));
      expect(within(message).getByRole('link', { name: 'http://localhost:3000/respond/tok_abc123' })).toBeInTheDocument();

      const asked = calls(fetchMock).filter((url) => url.includes('/api/outbox?')).length;
      await vi.advanceTimersByTimeAsync(3 * OUTBOX_REFRESH_MS);
      expect(calls(fetchMock).filter((url) => url.includes('/api/outbox?')).length, 'no more asking once every message has left').toBe(asked);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a message to its plain text, with its reply link one to follow, and its HTML version on request', async () => {
    const fetchMock = stubApi(() => ({ items: [makeEmail()], nextCursor: null, transport: 'log' }));
    const user = userEvent.setup();
    renderOutbox();
    const item = await messageTitled('Demo partnership: update requested on 2 actions by 16 March 2026');

    await user.click(within(item).getByText('Read the message'));
    const link = within(item).getByRole('link', { name: 'http://localhost:3000/respond/tok_abc123' });
    expect(link).toHaveAttribute('href', 'http://localhost:3000/respond/tok_abc123');
    expect(link).toBeVisible();
    expect(within(item).getByText(/Please post an update on each action/)).toBeVisible();
    // The HTML part is asked for only when someone opens it.
    expect(calls(fetchMock)).not.toContain('/api/outbox/30');

    await user.click(within(item).getByText('See the HTML version'));
    const frame = await within(item).findByTitle('HTML version of the message to DI Sam Patel: Demo partnership: update requested on 2 actions by 16 March 2026');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame.getAttribute('srcdoc')).toContain('<h1>Update requested</h1>');
    expect(calls(fetchMock)).toContain('/api/outbox/30');
  });

  it('filters by status, kind and words, keeping them in the URL, and says when nothing matches', async () => {
    const fetchMock = stubApi((url) =>
      url.searchParams.get('kind') === 'escalation'
        ? { items: [], nextCursor: null, transport: 'log' }
        : { items: [makeEmail()], nextCursor: null, transport: 'log' },
    );
    const user = userEvent.setup();
    renderOutbox('/admin/outbox?status=sent&kind=nonsense');
    // A kind the outbox does not know is left out rather than sent.
    await screen.findByRole('heading', { name: /update requested/ });
    expect(calls(fetchMock)[0]).toBe('/api/outbox?status=sent&limit=50');
    expect(screen.getByLabelText('Status')).toHaveValue('sent');

    await user.selectOptions(screen.getByLabelText('Status'), 'Kept in the outbox (not sent)');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Escalation');
    await user.type(screen.getByLabelText('Name, address or subject'), 'police');
    await user.click(screen.getByRole('button', { name: 'Show messages' }));

    expect(await screen.findByText('No messages match these filters')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/outbox?status=logged&kind=escalation&q=police');
    expect(calls(fetchMock)).toContain('/api/outbox?status=logged&kind=escalation&q=police&limit=50');
    expect(screen.getByRole('link', { name: 'Show every message' })).toHaveAttribute('href', '/admin/outbox');
  });

  it('shows more messages a page at a time, moving focus to the first new one', async () => {
    const first = Array.from({ length: 2 }, (_, index) => makeEmail({ id: 60 - index, subject: `Message ${60 - index}` }));
    const fetchMock = stubApi((url) =>
      url.searchParams.get('cursor') === '59'
        ? { items: [makeEmail({ id: 58, subject: 'Message 58' })], nextCursor: null, transport: 'log' }
        : { items: first, nextCursor: '59', transport: 'log' },
    );
    const user = userEvent.setup();
    renderOutbox();
    expect(await screen.findByText(/The latest 2 messages, newest first/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    const added = await messageTitled('Message 58');
    await waitFor(() => expect(added).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    expect(screen.getByText(/^3 messages, newest first/)).toBeInTheDocument();
    expect(calls(fetchMock)).toContain('/api/outbox?cursor=59&limit=50');
  });

  it('is only for those who may change the settings, and asks the API nothing otherwise', async () => {
    const fetchMock = stubApi(() => ({ items: [], nextCursor: null, transport: 'log' }));
    renderOutbox('/admin/outbox', makeMe({ roles: ['viewer'] }, { manageSettings: false, manageUsers: false, manageReferenceData: false }));
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    await waitFor(() => expect(fetchMock).not.toHaveBeenCalled());
  });
});
