import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgency, makeMe, makeUser } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminUsersPage } from './users-page';

const subgroup = { id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 };

function stubApi(onCreate?: (body: unknown) => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (init?.method === 'POST' && url.pathname === '/api/users' && onCreate) return onCreate(JSON.parse(String(init.body)));
    if (url.pathname === '/api/users')
      return jsonResponse({
        items: [
          makeUser(),
          makeUser({ id: 5, name: 'Sam Patel', email: 'sam@police.example', roles: ['agency_lead'], agencyIds: [1], active: false, lastSignInAt: null }),
        ],
        nextCursor: null,
      });
    if (url.pathname === '/api/agencies')
      return jsonResponse({ items: [makeAgency(), makeAgency({ id: 2, name: 'Old Trust', shortName: 'OT', kind: 'health', active: false })], nextCursor: null });
    if (url.pathname === '/api/subgroups') return jsonResponse({ items: [subgroup], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const posts = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as unknown);

describe('AdminUsersPage', () => {
  it('lists users with their roles in words, agencies, status and last sign-in, and filters by role and status', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminUsersPage />, { url: '/admin/users' });

    const table = await screen.findByRole('table', { name: '2 users' });
    const sam = within(table).getByRole('row', { name: /Sam Patel/ });
    expect(within(sam).getByRole('link', { name: 'Sam Patel' })).toHaveAttribute('href', '/admin/users/5');
    expect(sam).toHaveTextContent('Agency lead');
    expect(await within(sam).findByTitle('West Midlands Police')).toHaveTextContent('WMP');
    expect(sam).toHaveTextContent('Deactivated');
    expect(sam).toHaveTextContent('Never');
    expect(within(table).getByRole('row', { name: /Alex Morgan/ })).toHaveTextContent('Business unit (administrator)');

    await user.selectOptions(screen.getByLabelText('Role'), 'Agency lead');
    await user.selectOptions(screen.getByLabelText('Status'), 'Active');
    await user.click(screen.getByRole('button', { name: 'Show users' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/users?role=agency_lead&active=true');
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/users?role=agency_lead&active=true&limit=200'),
    );
  });

  it('reveals agencies and subgroups when those roles are ticked, and sends the right body', async () => {
    const fetchMock = stubApi((body) => jsonResponse(makeUser({ id: 9, name: 'Jo Smith', ...(body as object) }), { status: 201 }));
    const user = userEvent.setup();
    renderAt(<AdminUsersPage />, { url: '/admin/users?add=true' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Add a user' })).toBeInTheDocument();
    await user.click(await screen.findByRole('radio', { name: 'Type a password to give them' }));
    expect(await screen.findByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters'));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('Common passwords'));
    expect(screen.getByRole('group', { name: 'Roles' })).toBeInTheDocument();

    const agencyLead = screen.getByRole('checkbox', { name: 'Agency lead' });
    expect(agencyLead).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('group', { name: 'Which agencies do they lead for?' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Full name'), 'Jo Smith');
    await user.type(screen.getByLabelText('Email address'), 'Jo.Smith@Police.example');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(agencyLead);

    expect(agencyLead).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Agencies they lead for are shown below Agency lead')).toHaveAttribute('role', 'status');
    const agencies = screen.getByRole('group', { name: 'Which agencies do they lead for?' });
    expect(agencyLead.getAttribute('aria-controls')).toBe(agencies.closest('.govuk-checkboxes__conditional')?.id);
    // Inactive agencies are not offered for new links.
    expect(within(agencies).queryByRole('checkbox', { name: /Old Trust/ })).not.toBeInTheDocument();
    await user.click(within(agencies).getByRole('checkbox', { name: 'West Midlands Police (WMP)' }));

    await user.click(screen.getByRole('checkbox', { name: 'Subgroup chair' }));
    const subgroups = screen.getByRole('group', { name: 'Which subgroups do they chair?' });
    await user.click(within(subgroups).getByRole('checkbox', { name: 'Learning and Practice Review subgroup' }));
    // Unticked again: the subgroup stays ticked underneath but is not sent.
    await user.click(screen.getByRole('checkbox', { name: 'Subgroup chair' }));
    expect(screen.queryByRole('group', { name: 'Which subgroups do they chair?' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add user' }));

    expect(await screen.findByText('An account has been created for Jo Smith')).toBeInTheDocument();
    expect(posts(fetchMock)).toEqual([
      {
        email: 'jo.smith@police.example',
        name: 'Jo Smith',
        password: 'correct horse battery staple',
        sendInvitation: false,
        roles: ['agency_lead'],
        agencyIds: [1],
        subgroupIds: [],
      },
    ]);
    expect(screen.getByRole('link', { name: 'See Jo Smith’s account' })).toHaveAttribute('href', '/admin/users/9');
  });

  it('checks the form against the shared schema, and shows the API’s password and role errors next to their fields', async () => {
    const fetchMock = stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Cannot be done',
          status: 422,
          detail: 'password: is one of the most common passwords: choose another',
          code: 'user.weak_password',
          errors: [{ path: 'password', message: 'is one of the most common passwords: choose another' }],
        },
        { status: 422 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<AdminUsersPage />, { url: '/admin/users?add=true' });

    await user.click(await screen.findByRole('radio', { name: 'Type a password to give them' }));
    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const summary = screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getByRole('link', { name: 'Enter an email address in the correct format, like name@example.org' })).toHaveAttribute(
      'href',
      '#user-add-email',
    );
    expect(within(summary).getByRole('link', { name: 'Enter the person’s full name' })).toHaveAttribute('href', '#user-add-name');
    expect(within(summary).getByRole('link', { name: 'Password must be at least 12 characters' })).toHaveAttribute('href', '#user-add-password');
    expect(within(summary).getByRole('link', { name: 'Select at least one role' })).toHaveAttribute('href', '#user-add-roles');
    expect(screen.getByRole('group', { name: 'Roles' })).toHaveAccessibleDescription(expect.stringContaining('Error: Select at least one role'));
    expect(posts(fetchMock)).toEqual([]);

    await user.type(screen.getByLabelText('Full name'), 'Jo Smith');
    await user.type(screen.getByLabelText('Email address'), 'jo@example.org');
    await user.type(screen.getByLabelText('Password'), 'password1234');
    await user.click(screen.getByRole('checkbox', { name: 'Viewer' }));
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    expect(
      await screen.findByRole('link', { name: 'Password is one of the most common passwords: choose another' }),
    ).toHaveAttribute('href', '#user-add-password');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Password is one of the most common passwords: choose another'),
    );
  });

  it('invites by email unless told otherwise: no password is typed, and the banner says how long the link works', async () => {
    const fetchMock = stubApi((body) =>
      jsonResponse(
        {
          ...makeUser({ id: 9, name: 'Jo Smith', email: 'jo.smith@police.example', roles: ['viewer'] }),
          invitation: { state: 'open', createdAt: '2026-03-02T10:00:00.000Z', expiresAt: '2026-03-09T10:00:00.000Z', usedAt: null, sentAt: null, invitedBy: 'Alex Morgan' },
          ...(body as object),
        },
        { status: 201 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<AdminUsersPage />, { url: '/admin/users?add=true' });

    const method = await screen.findByRole('group', { name: 'How will they get their password?' });
    expect(within(method).getByRole('radio', { name: 'Email them an invitation' })).toBeChecked();
    expect(method).toHaveAccessibleDescription(expect.stringContaining('it works once, for 7 days'));
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Full name'), 'Jo Smith');
    await user.type(screen.getByLabelText('Email address'), 'jo.smith@police.example');
    await user.click(screen.getByRole('checkbox', { name: 'Viewer' }));
    await user.click(screen.getByRole('button', { name: 'Add user and send invitation' }));

    expect(await screen.findByText('An invitation has been emailed to Jo Smith')).toBeInTheDocument();
    expect(screen.getByText(/They choose their own password with its link, which works once, until 9 March 2026 at 10:00am/)).toBeInTheDocument();
    expect(posts(fetchMock)).toEqual([
      { email: 'jo.smith@police.example', name: 'Jo Smith', sendInvitation: true, roles: ['viewer'], agencyIds: [], subgroupIds: [] },
    ]);
  });

  it('is hidden from anyone who may not manage users', () => {
    const fetchMock = stubApi();
    renderAt(<AdminUsersPage />, { url: '/admin/users', me: makeMe({ roles: ['independent_chair'] }, { manageUsers: false }) });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
