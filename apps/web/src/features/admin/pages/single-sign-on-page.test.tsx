import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SsoDomain } from '@lrt/contracts';
import { makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminSingleSignOnPage } from './single-sign-on-page';

const ISSUER = 'https://login.microsoftonline.com/0000-tenant/v2.0';
const REDIRECT = 'https://tracker.northshire.example/api/auth/oidc/callback';
const agencies = [
  { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1 },
  { id: 2, name: 'Northshire NHS Trust', shortName: 'NNT', kind: 'health', active: true, version: 1 },
];

function stubApi({ enabled = true, domains = [] as SsoDomain[], onCreate }: { enabled?: boolean; domains?: SsoDomain[]; onCreate?: (body: Record<string, unknown>) => Response } = {}) {
  let current = [...domains];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/auth/oidc/status') return jsonResponse(enabled ? { enabled, issuer: ISSUER, redirectUri: REDIRECT } : { enabled, redirectUri: REDIRECT });
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/sso-domains' && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      if (onCreate) return onCreate(body);
      const created = { ...body, createdAt: '2026-03-02T10:00:00.000Z' } as SsoDomain;
      current = [...current, created];
      return jsonResponse(created, { status: 201 });
    }
    if (url.pathname === '/api/sso-domains') return jsonResponse({ items: current });
    if (url.pathname.startsWith('/api/sso-domains/') && method === 'DELETE') {
      const domain = decodeURIComponent(url.pathname.split('/').pop()!);
      current = current.filter((d) => d.domain !== domain);
      return new Response(null, { status: 204 });
    }
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const sent = (fetchMock: ReturnType<typeof stubApi>, method: string) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === method).map(([input, init]) => ({ url: String(input), body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined }));

describe('AdminSingleSignOnPage', () => {
  it('says single sign-on is on, with which provider, and the redirect address to register', async () => {
    stubApi();
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    expect(screen.getByRole('heading', { level: 1, name: 'Single sign-on' })).toBeInTheDocument();
    expect(await screen.findByText(ISSUER)).toBeInTheDocument();
    expect(screen.getByText(/Single sign-on is on/)).toBeInTheDocument();
    expect(screen.getByText(REDIRECT)).toBeInTheDocument();
    expect(await screen.findByText('No domain opens accounts yet.')).toBeInTheDocument();
    expect(document.title).toBe('Single sign-on – Learning Review Tracker');
  });

  it('says how to turn it on when it is off', async () => {
    stubApi({ enabled: false });
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    expect(await screen.findByText(/Single sign-on is off/)).toHaveTextContent('OIDC_ISSUER_URL');
  });

  it('lists the domains with the roles their accounts get', async () => {
    stubApi({
      domains: [
        { domain: 'council.example', roles: ['viewer'], agencyId: null, createdAt: '2026-03-01T10:00:00.000Z' },
        { domain: 'west-midlands.police.uk', roles: ['agency_lead'], agencyId: 1, createdAt: '2026-03-01T10:00:00.000Z' },
      ],
    });
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    const table = await screen.findByRole('table', { name: 'Domains that open accounts' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(within(table).getByRole('rowheader', { name: 'west-midlands.police.uk' })).toBeInTheDocument();
    expect(rows.map((cells) => cells[0])).toEqual(['Viewer', 'Agency lead for West Midlands Police']);
    expect(within(table).getByRole('button', { name: 'Remove council.example' })).toBeInTheDocument();
  });

  it('checks a new domain against the shared schema: an agency lead needs an agency', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    await user.type(await screen.findByLabelText('Email domain'), 'someone@police.uk');
    await user.click(screen.getByLabelText('Agency lead'));
    await user.click(screen.getByLabelText('Viewer'));
    await user.click(screen.getByRole('button', { name: 'Add domain' }));
    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Enter the email domain, the part after @, like northmoor.police.uk',
      'Choose the agency an agency lead speaks for',
    ]);
    expect(sent(fetchMock, 'POST')).toEqual([]);
  });

  it('adds a domain for agency leads of an agency, and removes one', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    await user.type(await screen.findByLabelText('Email domain'), 'NHS.Northshire.example');
    await user.click(screen.getByLabelText('Viewer'));
    await user.click(screen.getByLabelText('Agency lead'));
    await user.selectOptions(await screen.findByLabelText('Which agency do they lead for?'), 'Northshire NHS Trust');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));

    expect(await screen.findByText('Accounts will be opened for nhs.northshire.example')).toBeInTheDocument();
    expect(sent(fetchMock, 'POST')).toEqual([{ url: '/api/sso-domains', body: { domain: 'nhs.northshire.example', roles: ['agency_lead'], agencyId: 2 } }]);
    const table = await screen.findByRole('table', { name: 'Domains that open accounts' });
    expect(within(table).getByText('Agency lead for Northshire NHS Trust')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Remove nhs.northshire.example' }));
    expect(await screen.findByText('Accounts are no longer opened for nhs.northshire.example')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('No domain opens accounts yet.')).toBeInTheDocument());
    expect(sent(fetchMock, 'DELETE').map((call) => call.url)).toEqual(['/api/sso-domains/nhs.northshire.example']);
  });

  it('shows the API’s refusal beside the field', async () => {
    stubApi({
      onCreate: () =>
        jsonResponse(
          { type: 'about:blank', title: 'Already exists', status: 409, detail: 'domain: taken', code: 'sso_domain.taken', errors: [{ path: 'domain', message: 'accounts are already opened for this domain; remove it first to change its roles' }] },
          { status: 409 },
        ),
    });
    const user = userEvent.setup();
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on' });
    await user.type(await screen.findByLabelText('Email domain'), 'council.example');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));
    expect(await screen.findByLabelText('Email domain')).toHaveAccessibleDescription(expect.stringContaining('Accounts are already opened for this domain'));
  });

  it('is for those who manage users', () => {
    stubApi();
    renderAt(<AdminSingleSignOnPage />, { url: '/admin/single-sign-on', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
  });
});
