import type { Me, User } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgency, makeAgencyLeadMe, makeUser } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminUserPage } from './user-page';

const sam = makeUser({ id: 5, name: 'Sam Patel', email: 'sam@police.example', roles: ['agency_lead'], agencyIds: [1], version: 3 });

function stubApi(onPatch: (body: Record<string, unknown>) => Response = (body) => jsonResponse({ ...sam, ...body, version: sam.version + 1 })) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/users/5' && init?.method === 'PATCH') return onPatch(JSON.parse(String(init.body)));
    if (url.pathname === '/api/users/5/sessions' && init?.method === 'DELETE') return jsonResponse({ sessionsEnded: 2 });
    if (url.pathname === '/api/users/5/invitation') return jsonResponse({ invitation: null });
    if (url.pathname === '/api/users/5') return jsonResponse(sam);
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const patches = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH').map(([, init]) => JSON.parse(String(init?.body)) as unknown);

const renderPage = (me?: Me) => renderAt(<AdminUserPage />, { url: '/admin/users/5', path: '/admin/users/:userId', ...(me ? { me } : {}) });

describe('AdminUserPage', () => {
  it('changes name, email and roles with the version it loaded, and handles a conflict by re-applying on the saved one', async () => {
    const current: User = { ...sam, name: 'Samira Patel', version: 4 };
    const fetchMock = stubApi((body) =>
      body.version === 3
        ? jsonResponse(
            { type: 'about:blank', title: 'Changed by someone else', status: 409, detail: 'Someone else changed the user', code: 'user.version_conflict', current },
            { status: 409 },
          )
        : jsonResponse({ ...current, ...body, version: 5 }),
    );
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Patel' })).toBeInTheDocument();
    const email = await screen.findByLabelText('Email address');
    await user.clear(email);
    await user.type(email, 'sam.patel@police.example');
    await user.click(screen.getByRole('checkbox', { name: 'Viewer' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const panel = (await screen.findByText(/Someone else changed this user/)).closest('.govuk-notification-banner') as HTMLElement;
    // The name was changed by someone else and not here: it takes their value, and re-applying keeps it.
    expect(within(panel).getByRole('row', { name: /Full name/ })).toHaveTextContent('Samira PatelSamira Patel');
    expect(within(panel).getByRole('row', { name: /Email address/ })).toHaveTextContent('Different');
    expect(within(panel).getByRole('row', { name: /Roles/ })).toHaveTextContent('Agency lead, Viewer');
    expect(patches(fetchMock)[0]).toEqual({
      version: 3,
      name: 'Sam Patel',
      email: 'sam.patel@police.example',
      roles: ['agency_lead', 'viewer'],
      agencyIds: [1],
      subgroupIds: [],
    });

    await user.click(within(panel).getByRole('button', { name: 'Save what I entered' }));
    expect(await screen.findByText('Changes to Samira Patel’s account have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)[1]).toMatchObject({ version: 4, name: 'Samira Patel', email: 'sam.patel@police.example', roles: ['agency_lead', 'viewer'] });
  });

  it('shows the API’s field errors next to the field', async () => {
    stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'another user has this email address',
          code: 'user.email_taken',
          errors: [{ path: 'email', message: 'another user has this email address' }],
        },
        { status: 409 },
      ),
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('link', { name: 'Another user has this email address' })).toHaveAttribute('href', '#user-edit-email');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(expect.stringContaining('Error: Another user has this email address'));
  });

  it('sets a new password, checking it against the shared schema first', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    const password = await screen.findByLabelText('New password');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters'));
    await user.type(password, 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('link', { name: 'Password must be at least 12 characters' })).toHaveAttribute('href', '#user-password-password');
    expect(patches(fetchMock)).toEqual([]);

    await user.type(password, ' and a longer tail');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('A new password has been set for Sam Patel')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([{ version: 3, password: 'short and a longer tail' }]);
  });

  it('deactivates the account, saying sessions end at once, and ends all sessions', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByText(/signs them out at once: every session they have open ends/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Deactivate account' }));
    expect(await screen.findByText('Sam Patel’s account has been deactivated')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([{ version: 3, active: false }]);

    await user.click(screen.getByRole('button', { name: 'End all sessions' }));
    expect(await screen.findByText('2 sessions of Sam Patel ended')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([input, init]) => String(input) === '/api/users/5/sessions' && init?.method === 'DELETE')).toBe(true);
  });

  it('is hidden from anyone but the business unit', () => {
    const fetchMock = stubApi();
    renderPage(makeAgencyLeadMe());
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
