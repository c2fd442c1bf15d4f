import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminSettingsPage } from './settings-page';

const settings = {
  partnershipName: 'Northshire Safeguarding Children Partnership',
  updateCadenceDays: 56,
  dueSoonDays: 28,
  replyPeriodDays: 28,
  evidenceMaxMegabytes: 20,
  requireMfaRoles: [],
  chaseMessageDetail: 'notes',
  replyLinkGraceDays: 14,
  reminderDaysBefore: 3,
  escalationDaysAfter: 7,
  version: 2,
};

function stubApi(onPatch: (body: Record<string, unknown>) => Response = (body) => jsonResponse({ ...settings, ...body, version: 3 })) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/settings' && init?.method === 'PATCH') return onPatch(JSON.parse(String(init.body)));
    if (url.pathname === '/api/settings') return jsonResponse(settings);
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const patches = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH').map(([, init]) => JSON.parse(String(init?.body)) as unknown);

describe('AdminSettingsPage', () => {
  it('checks the settings against the shared schema before sending them', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const cadence = await screen.findByLabelText('Update cadence, in days');
    expect(cadence).toHaveValue('56');
    await user.clear(screen.getByLabelText('Partnership name'));
    await user.clear(cadence);
    await user.type(cadence, '3');
    await user.clear(screen.getByLabelText('Due-soon window, in days'));
    await user.type(screen.getByLabelText('Due-soon window, in days'), 'soon');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Enter the name of the partnership',
      'The update cadence must be at least 7 days',
      'Enter the due-soon window as a whole number of days, like 28',
    ]);
    expect(cadence).toHaveAccessibleDescription(expect.stringContaining('Error: The update cadence must be at least 7 days'));
    expect(patches(fetchMock)).toEqual([]);
  });

  it('saves with the version it loaded and says so', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const cadence = await screen.findByLabelText('Update cadence, in days');
    await user.clear(cadence);
    await user.type(cadence, '42');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('The settings have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([
      {
        version: 2,
        partnershipName: 'Northshire Safeguarding Children Partnership',
        updateCadenceDays: 42,
        dueSoonDays: 28,
        replyPeriodDays: 28,
        evidenceMaxMegabytes: 20,
        chaseMessageDetail: 'notes',
        replyLinkGraceDays: 14,
        reminderDaysBefore: 3,
        escalationDaysAfter: 7,
        requireMfaRoles: [],
      },
    ]);
  });

  it('sets how update requests read and when reminders and escalations go, with what each does and its bounds', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const detail = (await screen.findByRole('group', { name: 'What update requests say of each action' })) as HTMLElement;
    expect(within(detail).getByLabelText('The latest note of each action')).toBeChecked();
    const grace = screen.getByLabelText('Grace period of reply links, in days');
    expect(grace).toHaveValue('14');
    expect(grace).toHaveAccessibleDescription(expect.stringContaining('Between 0 and 90 days'));
    const reminder = screen.getByLabelText('Reminder, in days before the reply-by date');
    expect(reminder).toHaveValue('3');
    expect(reminder).toHaveAccessibleDescription(expect.stringMatching(/0: no reminder\. Between 0 and 60 days/));
    const escalation = screen.getByLabelText('Escalation, in days after the reply-by date');
    expect(escalation).toHaveAccessibleDescription(expect.stringMatching(/escalated to its senior contact.*0: no escalation\. Between 0 and 90 days/));

    // Out of bounds or not a number: refused beside the field, nothing sent.
    await user.clear(grace);
    await user.type(grace, '91');
    await user.clear(reminder);
    await user.type(reminder, 'three');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['The grace period of reply links must be at most 90 days', '#settings-reply-link-grace'],
      ['Enter the reminder as a whole number of days, like 3', '#settings-reminder-days'],
    ]);
    expect(patches(fetchMock)).toEqual([]);

    await user.click(within(detail).getByLabelText('Only references, target dates and BRAG (for confidentiality)'));
    await user.clear(grace);
    await user.type(grace, '0');
    await user.clear(reminder);
    await user.type(reminder, '0');
    await user.clear(escalation);
    await user.type(escalation, '10');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('The settings have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([
      expect.objectContaining({ chaseMessageDetail: 'refs_only', replyLinkGraceDays: 0, reminderDaysBefore: 0, escalationDaysAfter: 10 }),
    ]);
    expect(within(detail).getByLabelText('Only references, target dates and BRAG (for confidentiality)')).toBeChecked();
  });

  it('requires two-factor sign-in for the roles ticked, in the order of the roles', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const group = (await screen.findByRole('group', { name: 'Require two-factor sign-in for' })) as HTMLElement;
    expect(within(group).getAllByRole('checkbox').map((box) => box.getAttribute('value'))).toEqual(['admin', 'agency_lead', 'subgroup_chair', 'independent_chair', 'viewer']);
    for (const box of within(group).getAllByRole('checkbox')) expect(box).not.toBeChecked();
    await user.click(within(group).getByLabelText('Independent chair'));
    await user.click(within(group).getByLabelText('Business unit (administrator)'));
    await user.click(within(group).getByLabelText('Subgroup chair'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('The settings have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([expect.objectContaining({ requireMfaRoles: ['admin', 'subgroup_chair', 'independent_chair'] })]);
    expect(within(group).getByLabelText('Independent chair')).toBeChecked();
    expect(within(group).getByLabelText('Agency lead')).not.toBeChecked();
  });

  it('shows a field error from the API next to its field', async () => {
    stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Invalid',
          status: 400,
          detail: 'dueSoonDays: must be at most 366',
          code: 'validation.failed',
          errors: [{ path: 'dueSoonDays', message: 'must be less than the update cadence' }],
        },
        { status: 400 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('link', { name: 'Due-soon window must be less than the update cadence' })).toHaveAttribute(
      'href',
      '#settings-due-soon',
    );
  });

  it('after a conflict shows what is saved now and lets them re-apply', async () => {
    const current = { ...settings, dueSoonDays: 14, version: 3 };
    const fetchMock = stubApi((body) =>
      body.version === 2
        ? jsonResponse({ type: 'about:blank', title: 'Changed', status: 409, detail: 'Changed', code: 'settings.version_conflict', current }, { status: 409 })
        : jsonResponse({ ...current, ...body, version: 4 }),
    );
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const cadence = await screen.findByLabelText('Update cadence, in days');
    await user.clear(cadence);
    await user.type(cadence, '42');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const panel = (await screen.findByText(/Someone else changed the settings/)).closest('.govuk-notification-banner') as HTMLElement;
    // Someone else changed the due-soon window, which was not touched here: it takes their value.
    expect(within(panel).getByRole('row', { name: /Due-soon window/ })).toHaveTextContent('1414');
    expect(within(panel).getByRole('row', { name: /Update cadence/ })).toHaveTextContent('5642Different');

    await user.click(within(panel).getByRole('button', { name: 'Save what I entered' }));
    expect(await screen.findByText('The settings have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)[1]).toEqual({
      version: 3,
      partnershipName: settings.partnershipName,
      updateCadenceDays: 42,
      dueSoonDays: 14,
      replyPeriodDays: 28,
      evidenceMaxMegabytes: 20,
      chaseMessageDetail: 'notes',
      replyLinkGraceDays: 14,
      reminderDaysBefore: 3,
      escalationDaysAfter: 7,
      requireMfaRoles: [],
    });
  });

  it('sets the reply period and the largest evidence document within the contract’s bounds', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });

    const reply = await screen.findByLabelText('Reply period, in days');
    const largest = screen.getByLabelText('Largest evidence document, in megabytes (MB)');
    expect(reply).toHaveValue('28');
    expect(largest).toHaveValue('20');
    expect(reply).toHaveAccessibleDescription(expect.stringContaining('Between 1 and 366 days'));
    expect(largest).toHaveAccessibleDescription(expect.stringContaining('Between 1 and 100 MB'));

    await user.clear(reply);
    await user.type(reply, '0');
    await user.clear(largest);
    await user.type(largest, '101');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'The reply period must be at least 1 day',
      'The largest evidence document must be at most 100 MB',
    ]);
    expect(largest).toHaveAccessibleDescription(expect.stringContaining('Error: The largest evidence document must be at most 100 MB'));
    expect(patches(fetchMock)).toEqual([]);

    await user.clear(reply);
    await user.type(reply, '21');
    await user.clear(largest);
    await user.type(largest, 'ten');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('link', { name: 'Enter the largest evidence document as a whole number of megabytes, like 20' })).toHaveAttribute(
      'href',
      '#settings-evidence-max',
    );

    await user.clear(largest);
    await user.type(largest, '50');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('The settings have been saved')).toBeInTheDocument();
    expect(patches(fetchMock)).toEqual([expect.objectContaining({ replyPeriodDays: 21, evidenceMaxMegabytes: 50 })]);
  });

  it('shows the API’s error about the evidence limit beside its field', async () => {
    stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Invalid',
          status: 422,
          detail: 'evidenceMaxMegabytes: must be at most 100',
          code: 'validation.failed',
          errors: [{ path: 'evidenceMaxMegabytes', message: 'must be at most 100' }],
        },
        { status: 422 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    await screen.findByText('There is a problem');
    expect(screen.getByLabelText('Largest evidence document, in megabytes (MB)')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Largest evidence document must be at most 100'),
    );
  });

  it('promises nothing the tracker does not do', async () => {
    stubApi();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings' });
    await screen.findByLabelText('Reply period, in days');
    // Chasing, reminders and escalation are the tracker's own; reports are not set here.
    expect(document.body).not.toHaveTextContent(/report/i);
  });

  it('is hidden from anyone who may not change the settings', () => {
    const fetchMock = stubApi();
    renderAt(<AdminSettingsPage />, { url: '/admin/settings', me: makeMe({ roles: ['viewer'] }, { manageSettings: false }) });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
