import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '@lrt/contracts';
import { addMonths, londonToday } from '@lrt/domain';
import { makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminPage } from './admin-page';
import { AdminApiTokensPage } from './api-tokens-page';

const agencies = [
  { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1 },
  { id: 2, name: 'Old Trust', shortName: 'OT', kind: 'health', active: false, version: 1 },
];
const subgroups = [{ id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }];

const token = (overrides: Partial<ApiToken> = {}): ApiToken => ({
  id: 1,
  name: 'Board dashboard (Power BI)',
  prefix: 'Ab3dE5gH',
  createdAt: '2026-03-02T10:00:00.000Z',
  createdByName: 'Alex Morgan',
  expiresOn: '2026-12-31',
  subgroupId: null,
  agencyId: null,
  revokedAt: null,
  lastUsedAt: null,
  status: 'active',
  ...overrides,
});

const SECRET = `lrt_${'S'.repeat(43)}`;

function stubApi({ tokens = [] as ApiToken[], onCreate }: { tokens?: ApiToken[]; onCreate?: (body: Record<string, unknown>) => Response } = {}) {
  let current = [...tokens];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/subgroups') return jsonResponse({ items: subgroups, nextCursor: null });
    if (url.pathname === '/api/tokens' && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      if (onCreate) return onCreate(body);
      const made = token({ id: 7, subgroupId: null, agencyId: null, ...body, prefix: 'SSSSSSSS' });
      current = [made, ...current];
      return jsonResponse({ ...made, token: SECRET }, { status: 201 });
    }
    if (url.pathname === '/api/tokens') return jsonResponse({ items: current, nextCursor: null });
    if (url.pathname.startsWith('/api/tokens/') && method === 'DELETE') {
      const id = Number(url.pathname.split('/').pop());
      current = current.map((t) => (t.id === id ? { ...t, status: 'revoked', revokedAt: '2026-03-03T09:00:00.000Z' } : t));
      return new Response(null, { status: 204 });
    }
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const sent = (fetchMock: ReturnType<typeof stubApi>, method: string) =>
  fetchMock.mock.calls
    .filter(([, init]) => init?.method === method)
    .map(([input, init]) => ({ url: String(input), body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined }));

const typeDate = async (user: ReturnType<typeof userEvent.setup>, date: string) => {
  const [year, month, day] = date.split('-');
  await user.type(screen.getByLabelText('Day'), String(Number(day)));
  await user.type(screen.getByLabelText('Month'), String(Number(month)));
  await user.type(screen.getByLabelText('Year'), year!);
};

describe('AdminApiTokensPage', () => {
  it('lists tokens with what they read, how they start, their last use and their status in words', async () => {
    stubApi({
      tokens: [
        token({ lastUsedAt: '2026-03-02T14:05:00.000Z' }),
        token({ id: 2, name: 'Police returns (Excel)', agencyId: 1, status: 'expired', expiresOn: '2026-02-28' }),
        token({ id: 3, name: 'LPR subgroup pack', subgroupId: 4, status: 'revoked', revokedAt: '2026-03-01T09:00:00.000Z', createdByName: null }),
      ],
    });
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens' });
    expect(screen.getByRole('heading', { level: 1, name: 'API tokens for reporting tools' })).toBeInTheDocument();
    expect(document.title).toMatch(/^API tokens for reporting tools/);

    const table = await screen.findByRole('table', { name: 'API tokens (3)' });
    const board = within(table).getByRole('row', { name: /Board dashboard/ });
    expect(board).toHaveTextContent('Everything a viewer can read');
    expect(board).toHaveTextContent('lrt_Ab3dE5gH…');
    expect(board).toHaveTextContent('2 March 2026 by Alex Morgan');
    expect(board).toHaveTextContent('31 December 2026');
    expect(board).toHaveTextContent('2 March 2026 at 2:05pm');
    expect(board).toHaveTextContent('Active');
    expect(within(board).getByRole('button', { name: 'Revoke Board dashboard (Power BI)' })).toBeInTheDocument();

    const police = within(table).getByRole('row', { name: /Police returns/ });
    expect(await within(police).findByText('Agency: West Midlands Police')).toBeInTheDocument();
    expect(police).toHaveTextContent('Expired');
    expect(police).toHaveTextContent('Never');
    expect(within(police).queryByRole('button')).not.toBeInTheDocument();

    const lpr = within(table).getByRole('row', { name: /LPR subgroup pack/ });
    expect(lpr).toHaveTextContent('Subgroup: Learning and Practice Review subgroup');
    expect(lpr).toHaveTextContent('Revoked');
    expect(lpr).toHaveTextContent('on 1 March 2026');
    // The token itself is never in the list.
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it('makes a token and shows it once, read-only, with a warning and a Copy button', async () => {
    const fetchMock = stubApi();
    // user-event puts a clipboard of its own on navigator for the test.
    const user = userEvent.setup();
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens' });
    expect(await screen.findByText('There are no tokens yet')).toBeInTheDocument();

    const scope = await screen.findByLabelText('What it can read');
    expect(within(scope).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Everything a viewer can read',
      'Only the subgroup Learning and Practice Review subgroup',
      'Only the agency West Midlands Police',
    ]);
    const latest = addMonths(londonToday(new Date()), 12);
    expect(screen.getByRole('group', { name: 'Last day it works' })).toHaveAccessibleDescription(expect.stringContaining('At most a year from today'));

    await user.type(screen.getByLabelText('Name'), 'Police returns (Excel)');
    await typeDate(user, latest);
    await user.selectOptions(scope, 'Only the agency West Midlands Police');
    await user.click(screen.getByRole('button', { name: 'Make token' }));

    await waitFor(() => expect(sent(fetchMock, 'POST')).toEqual([{ url: '/api/tokens', body: { name: 'Police returns (Excel)', expiresOn: latest, agencyId: 1 } }]));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveFocus();
    expect(within(banner).getByText('Token made: Police returns (Excel)')).toBeInTheDocument();
    expect(banner).toHaveTextContent('It will not be shown again');
    const field = within(banner).getByLabelText('The token for Police returns (Excel)');
    expect(field).toHaveValue(SECRET);
    expect(field).toHaveAttribute('readonly');

    await user.click(within(banner).getByRole('button', { name: 'Copy the token' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(banner).getByRole('status')).toHaveTextContent('The token is copied.');

    // The new token joins the list, without its secret; the form is empty again.
    const table = await screen.findByRole('table', { name: 'API tokens (1)' });
    expect(table).not.toHaveTextContent(SECRET);
    expect(screen.getByLabelText('Name')).toHaveValue('');

    await user.click(within(banner).getByRole('button', { name: 'I have copied it: hide it' }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('says what is missing before sending, in an error summary linked to the fields', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens' });
    await user.click(await screen.findByRole('button', { name: 'Make token' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a name for the token' })).toHaveAttribute('href', '#api-token-name');
    expect(within(summary).getByRole('link', { name: 'Enter the last day the token works' })).toHaveAttribute('href', '#api-token-expires');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining('Enter a name for the token'));
    expect(document.title).toMatch(/^Error: API tokens/);
    expect(sent(fetchMock, 'POST')).toEqual([]);

    await user.type(screen.getByLabelText('Day'), '31');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '2027');
    await user.click(screen.getByRole('button', { name: 'Make token' }));
    expect(await screen.findByRole('link', { name: 'Last day it works must be a real date, for example 31 3 2027' })).toBeInTheDocument();
  });

  it('shows the API’s refusal beside the field it names', async () => {
    stubApi({
      onCreate: () =>
        jsonResponse(
          {
            type: 'x',
            title: 'Cannot be done',
            status: 422,
            detail: 'expiresOn: must be at most a year ahead (2027-03-02 at the latest)',
            code: 'api_token.invalid',
            errors: [{ path: 'expiresOn', message: 'must be at most a year ahead (2027-03-02 at the latest)' }],
          },
          { status: 422 },
        ),
    });
    const user = userEvent.setup();
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens' });
    await user.type(await screen.findByLabelText('Name'), 'Too long');
    await typeDate(user, '2030-01-01');
    await user.click(screen.getByRole('button', { name: 'Make token' }));
    const message = 'Last day it works must be at most a year ahead (2027-03-02 at the latest)';
    expect(await screen.findByRole('link', { name: message })).toHaveAttribute('href', '#api-token-expires');
    expect(screen.getByRole('group', { name: 'Last day it works' })).toHaveAccessibleDescription(expect.stringContaining(message));
  });

  it('asks before revoking; Cancel goes back to the button, Yes revokes and says so', async () => {
    const fetchMock = stubApi({ tokens: [token()] });
    const user = userEvent.setup();
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens' });
    const revoke = await screen.findByRole('button', { name: 'Revoke Board dashboard (Power BI)' });

    await user.click(revoke);
    const question = screen.getByRole('heading', { name: 'Revoke Board dashboard (Power BI)?' });
    expect(question).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Revoke Board dashboard (Power BI)?' })).toHaveTextContent('It stops working at once');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: 'Revoke Board dashboard (Power BI)?' })).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();
    expect(sent(fetchMock, 'DELETE')).toEqual([]);

    await user.click(revoke);
    await user.click(screen.getByRole('button', { name: 'Yes, revoke it' }));
    await waitFor(() => expect(sent(fetchMock, 'DELETE')).toEqual([{ url: '/api/tokens/1', body: undefined }]));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Board dashboard (Power BI) is revoked');
    const row = await screen.findByRole('row', { name: /Board dashboard/ });
    await waitFor(() => expect(row).toHaveTextContent('Revoked'));
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('is for those who manage accounts, and the administration home links to it', async () => {
    const fetchMock = stubApi();
    renderAt(<AdminApiTokensPage />, { url: '/admin/tokens', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    renderAt(<AdminPage />, { url: '/admin' });
    expect(screen.getByRole('link', { name: 'API tokens for reporting tools' })).toHaveAttribute('href', '/admin/tokens');
  });
});
