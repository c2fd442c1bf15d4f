import type { Invitation, User } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgency, makeUser } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminUserPage } from './user-page';

const sam = makeUser({ id: 5, name: 'Sam Patel', email: 'sam@police.example', roles: ['agency_lead'], agencyIds: [1], version: 3 });

const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  state: 'open',
  createdAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-09T10:00:00.000Z',
  usedAt: null,
  sentAt: '2026-03-02T10:00:05.000Z',
  invitedBy: 'Alex Morgan',
  ...overrides,
});

function stubApi({ user = sam, last = null, onSend }: { user?: User; last?: Invitation | null; onSend?: () => Response } = {}) {
  let current = last;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/users/5/invitation' && init?.method === 'POST') {
      const response = onSend?.() ?? jsonResponse(invitation({ createdAt: '2026-03-04T09:00:00.000Z', expiresAt: '2026-03-11T09:00:00.000Z', sentAt: null }), { status: 202 });
      if (response.ok) current = (await response.clone().json()) as Invitation;
      return response;
    }
    if (url.pathname === '/api/users/5/invitation') return jsonResponse({ invitation: current });
    if (url.pathname === '/api/users/5') return jsonResponse(user);
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const renderPage = () => renderAt(<AdminUserPage />, { url: '/admin/users/5', path: '/admin/users/:userId' });
const section = async () => (await screen.findByRole('heading', { level: 2, name: 'Invitation email' })).closest('section') as HTMLElement;
const sends = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.filter(([input, init]) => String(input) === '/api/users/5/invitation' && init?.method === 'POST');

describe('AdminUserPage: invitation email', () => {
  it('sends a first invitation, confirms where it went and when its link expires, then offers a new one', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    const invitations = await section();
    expect(await within(invitations).findByText('No invitation has been sent.')).toBeInTheDocument();
    expect(invitations).toHaveTextContent('The link works once, for 7 days.');
    await user.click(within(invitations).getByRole('button', { name: 'Send an invitation email' }));

    const banner = (await screen.findByText('An invitation has been emailed to Sam Patel')).closest('.govuk-notification-banner') as HTMLElement;
    await waitFor(() => expect(banner).toHaveFocus());
    expect(banner).toHaveTextContent('It goes to sam@police.example. Its link works once, until 11 March 2026 at 9:00am.');
    expect(sends(fetchMock)).toHaveLength(1);
    expect(await within(invitations).findByRole('button', { name: 'Send a new invitation' })).toBeInTheDocument();
    expect(invitations).toHaveTextContent('works until 11 March 2026 at 9:00am. It is waiting in the outbox to be sent.');
  });

  it('says what became of the last invitation, and that a new one stops the earlier link working', async () => {
    stubApi({ last: invitation() });
    renderPage();
    const invitations = await section();
    expect(
      await within(invitations).findByText('The invitation sent on 2 March 2026 at 10:00am by Alex Morgan works until 9 March 2026 at 10:00am.'),
    ).toBeInTheDocument();
    expect(invitations).toHaveTextContent('Sending a new one stops the link in the earlier invitation working.');
  });

  it('words a used, an expired and a replaced invitation', async () => {
    for (const [last, words] of [
      [invitation({ state: 'used', usedAt: '2026-03-03T08:30:00.000Z' }), 'Sam Patel set their password with the invitation sent on 2 March 2026 at 10:00am, on 3 March 2026 at 8:30am.'],
      [invitation({ state: 'expired' }), 'The invitation sent on 2 March 2026 at 10:00am by Alex Morgan expired on 9 March 2026 at 10:00am without being used.'],
      [invitation({ state: 'superseded' }), 'The invitation sent on 2 March 2026 at 10:00am by Alex Morgan no longer works: the password has been changed since.'],
    ] as const) {
      stubApi({ last });
      const { unmount } = renderPage();
      expect(await within(await section()).findByText(words)).toBeInTheDocument();
      unmount();
    }
  });

  it('offers no invitation to a deactivated account, and shows the API’s refusal in words', async () => {
    stubApi({ user: { ...sam, active: false } });
    const first = renderPage();
    const invitations = await section();
    expect(await within(invitations).findByText('An invitation cannot be sent while the account is deactivated: reactivate it first.')).toBeInTheDocument();
    expect(within(invitations).queryByRole('button', { name: /invitation/ })).not.toBeInTheDocument();
    first.unmount();

    const detail = "Sam Patel's account is deactivated, so no invitation was sent. Reactivate the account first.";
    stubApi({
      onSend: () =>
        jsonResponse(
          { type: 'about:blank', title: 'Cannot be done', status: 422, detail, code: 'account_link.user_deactivated', errors: [{ path: 'id', message: 'is a deactivated account' }] },
          { status: 422 },
        ),
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await within(await section()).findByRole('button', { name: 'Send an invitation email' }));
    expect(await within(await section()).findByRole('alert')).toHaveTextContent(detail);
  });
});
