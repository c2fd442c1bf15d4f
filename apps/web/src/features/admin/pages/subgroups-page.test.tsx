import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminSubgroupsPage } from './subgroups-page';

const lpr = { id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 };

function stubApi(onWrite: (method: string, body: Record<string, unknown>) => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    if (init?.method === 'POST' || init?.method === 'PATCH') return onWrite(init.method, JSON.parse(String(init.body)));
    if (String(input).startsWith('/api/subgroups')) return jsonResponse({ items: [lpr], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('AdminSubgroupsPage', () => {
  it('validates a new subgroup with the shared schema, then shows the API’s field error', async () => {
    const fetchMock = stubApi(() =>
      jsonResponse(
        { type: 'about:blank', title: 'Conflict', status: 409, detail: 'taken', code: 'subgroup.short_name_taken', errors: [{ path: 'shortName', message: 'another subgroup has this short name' }] },
        { status: 409 },
      ),
    );
    const user = userEvent.setup();
    renderAt(<AdminSubgroupsPage />, { url: '/admin/subgroups' });
    await screen.findByRole('table', { name: 'Subgroups (1)' });

    await user.click(screen.getByRole('button', { name: 'Add subgroup' }));
    expect(await screen.findByRole('link', { name: 'Enter the name of the subgroup' })).toHaveAttribute('href', '#subgroup-add-name');
    expect(screen.getByRole('link', { name: 'Enter a short name for the subgroup' })).toHaveAttribute('href', '#subgroup-add-shortName');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Name'), 'Child Exploitation subgroup');
    await user.type(screen.getByLabelText('Short name'), 'LPR');
    await user.click(screen.getByRole('button', { name: 'Add subgroup' }));
    expect(await screen.findByRole('link', { name: 'Another subgroup has this short name' })).toHaveAttribute('href', '#subgroup-add-shortName');
  });

  it('changes a subgroup and handles a version conflict', async () => {
    const current = { ...lpr, name: 'Learning and Practice subgroup', version: 2 };
    stubApi((_method, body) =>
      body.version === 1
        ? jsonResponse({ type: 'about:blank', title: 'Changed', status: 409, detail: 'Changed', code: 'subgroup.version_conflict', current }, { status: 409 })
        : jsonResponse({ ...current, ...body, version: 3 }),
    );
    const user = userEvent.setup();
    renderAt(<AdminSubgroupsPage />, { url: '/admin/subgroups?edit=4' });
    await user.type(await screen.findByLabelText('Short name'), 'S');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const panel = (await screen.findByText(/Someone else changed this subgroup/)).closest('.govuk-notification-banner') as HTMLElement;
    expect(within(panel).getByRole('row', { name: /^Name/ })).toHaveTextContent('Learning and Practice subgroup');
    await user.click(within(panel).getByRole('button', { name: 'Save what I entered' }));
    expect(await screen.findByText('Learning and Practice subgroup has been saved')).toBeInTheDocument();
  });

  it('is hidden from non-admins', () => {
    stubApi(() => jsonResponse({}));
    renderAt(<AdminSubgroupsPage />, { url: '/admin/subgroups', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
  });
});
