import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminThemesPage } from './themes-page';

const voice = { id: 1, name: "Child's voice", description: 'Was the child seen and heard?', version: 1 };

function stubApi(onWrite: (method: string, body: Record<string, unknown>) => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    if (init?.method === 'POST' || init?.method === 'PATCH') return onWrite(init.method, JSON.parse(String(init.body)));
    if (String(input).startsWith('/api/themes')) return jsonResponse({ items: [voice], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('AdminThemesPage', () => {
  it('adds a theme with its description after checking it with the shared schema', async () => {
    const fetchMock = stubApi((_method, body) => jsonResponse({ id: 2, version: 1, ...body }, { status: 201 }));
    const user = userEvent.setup();
    renderAt(<AdminThemesPage />, { url: '/admin/themes' });
    const table = await screen.findByRole('table', { name: 'Themes (1)' });
    expect(within(table).getByRole('row', { name: /Child's voice/ })).toHaveTextContent('Was the child seen and heard?');

    await user.click(screen.getByRole('button', { name: 'Add theme' }));
    expect(await screen.findByRole('link', { name: 'Enter the name of the theme' })).toHaveAttribute('href', '#theme-add-name');

    await user.type(screen.getByLabelText('Name'), 'Hidden men');
    await user.type(screen.getByLabelText('Description (optional)'), 'Men in the household unknown to agencies.');
    await user.click(screen.getByRole('button', { name: 'Add theme' }));
    expect(await screen.findByText('Hidden men has been added')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'Hidden men', description: 'Men in the household unknown to agencies.' });
  });

  it('handles a version conflict when changing a theme', async () => {
    const current = { ...voice, description: 'Seen, heard and helped.', version: 2 };
    stubApi(() => jsonResponse({ type: 'about:blank', title: 'Changed', status: 409, detail: 'Changed', code: 'theme.version_conflict', current }, { status: 409 }));
    const user = userEvent.setup();
    renderAt(<AdminThemesPage />, { url: '/admin/themes?edit=1' });
    await user.type(await screen.findByLabelText('Name'), '!');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const panel = (await screen.findByText(/Someone else changed this theme/)).closest('.govuk-notification-banner') as HTMLElement;
    expect(within(panel).getByRole('row', { name: /Description/ })).toHaveTextContent('Seen, heard and helped.');
  });

  it('is hidden from non-admins', () => {
    stubApi(() => jsonResponse({}));
    renderAt(<AdminThemesPage />, { url: '/admin/themes', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
  });
});
