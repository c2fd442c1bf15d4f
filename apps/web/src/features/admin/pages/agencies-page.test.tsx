import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAgency, makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { AdminAgenciesPage } from './agencies-page';

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  jsonResponse({ type: 'about:blank', title: 'Problem', status, detail: 'Refused', code, ...extra }, { status });

function stubApi(answer: (method: string, url: URL, body: unknown) => Response | undefined = () => undefined) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const answered = answer(method, url, body);
    if (answered) return answered;
    if (url.pathname === '/api/agencies') return jsonResponse({ items: [makeAgency()], nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const sent = (fetchMock: ReturnType<typeof stubApi>, method: string) =>
  fetchMock.mock.calls
    .filter(([, init]) => init?.method === method)
    .map(([input, init]) => ({ url: String(input), body: JSON.parse(String(init?.body)) as unknown }));

describe('AdminAgenciesPage', () => {
  it('lists the agencies in words', async () => {
    stubApi();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies' });
    const table = await screen.findByRole('table', { name: 'Agencies (1)' });
    const row = within(table).getByRole('row', { name: /West Midlands Police/ });
    expect(within(row).getByRole('rowheader')).toHaveTextContent('West Midlands Police');
    expect(row).toHaveTextContent('WMP');
    expect(row).toHaveTextContent('Police');
    expect(row).toHaveTextContent('Active');
    expect(within(row).getByRole('link', { name: 'Change West Midlands Police' })).toHaveAttribute('href', '/admin/agencies?edit=1');
  });

  it('checks a new agency against the shared schema before sending it', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies' });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Short name'), 'A short name far too long');
    await user.click(screen.getByRole('button', { name: 'Add agency' }));

    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getByRole('link', { name: 'Enter the name of the agency' })).toHaveAttribute('href', '#agency-add-name');
    expect(within(summary).getByRole('link', { name: 'Short name must be at most 20 characters' })).toHaveAttribute(
      'href',
      '#agency-add-shortName',
    );
    expect(within(summary).getByRole('link', { name: 'Select the kind of agency' })).toHaveAttribute('href', '#agency-add-kind');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining('Error: Enter the name of the agency'));
    await waitFor(() => expect(document.title).toMatch(/^Error: Agencies/));
    expect(sent(fetchMock, 'POST')).toEqual([]);
  });

  it('adds an agency, and shows the API’s field errors next to the field', async () => {
    let taken = true;
    const fetchMock = stubApi((method, url) => {
      if (method !== 'POST' || url.pathname !== '/api/agencies') return undefined;
      if (taken) {
        taken = false;
        return problem(409, 'agency.name_taken', { errors: [{ path: 'name', message: 'another agency has this name' }] });
      }
      return jsonResponse(makeAgency({ id: 2, name: 'Midlands Ambulance', shortName: 'WMAS', kind: 'health' }), { status: 201 });
    });
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies' });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Name'), 'Midlands Ambulance');
    await user.type(screen.getByLabelText('Short name'), 'WMAS');
    await user.selectOptions(screen.getByLabelText('Kind of agency'), 'Health');
    await user.click(screen.getByRole('button', { name: 'Add agency' }));

    expect(await screen.findByRole('link', { name: 'Another agency has this name' })).toHaveAttribute('href', '#agency-add-name');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining('Another agency has this name'));

    await user.click(screen.getByRole('button', { name: 'Add agency' }));
    expect(await screen.findByText('Midlands Ambulance has been added')).toBeInTheDocument();
    expect(sent(fetchMock, 'POST').at(-1)).toEqual({
      url: '/api/agencies',
      body: { name: 'Midlands Ambulance', shortName: 'WMAS', kind: 'health', active: true, seniorContactName: null, seniorContactEmail: null },
    });
  });

  it('shows each agency’s senior contact, or that none is named', async () => {
    stubApi((method, url) =>
      method === 'GET' && url.pathname === '/api/agencies'
        ? jsonResponse({
            items: [
              makeAgency({ seniorContactName: 'Dr Amira Hussain', seniorContactEmail: 'amira.hussain@police.example' }),
              makeAgency({ id: 2, name: 'Sandwell Children’s Trust', shortName: 'SCT', kind: 'local_authority' }),
            ],
            nextCursor: null,
          })
        : undefined,
    );
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies' });
    const table = await screen.findByRole('table', { name: 'Agencies (2)' });
    const police = within(table).getByRole('row', { name: /West Midlands Police/ });
    expect(police).toHaveTextContent('Dr Amira Hussain');
    expect(within(police).getByRole('link', { name: 'amira.hussain@police.example' })).toHaveAttribute('href', 'mailto:amira.hussain@police.example');
    expect(within(table).getByRole('row', { name: /Sandwell/ })).toHaveTextContent('Not named');
    expect(screen.getByText(/unanswered update requests are escalated to this person/)).toBeInTheDocument();
  });

  it('names a senior contact, refusing an email address that is not one', async () => {
    const saved = makeAgency({ seniorContactName: 'Dr Amira Hussain', seniorContactEmail: 'amira.hussain@police.example', version: 2 });
    let refuse = true;
    const fetchMock = stubApi((method, _url, body) => {
      if (method !== 'PATCH') return undefined;
      if (refuse) {
        refuse = false;
        return problem(422, 'validation.failed', { errors: [{ path: 'seniorContactEmail', message: 'must be an email address' }] });
      }
      return jsonResponse({ ...saved, ...(body as object), version: 3 });
    });
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies?edit=1' });

    const name = await screen.findByLabelText('Senior contact’s name (optional)');
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Unanswered update requests are escalated to this person'));
    const email = screen.getByLabelText('Senior contact’s email address (optional)');
    expect(email).toHaveAttribute('type', 'email');
    await user.type(name, 'Dr Amira Hussain');
    await user.type(email, 'amira.hussain at police');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    // Checked before sending: nothing goes to the API.
    const message = 'Enter the senior contact’s email address in the right format, like name@example.org';
    expect(await screen.findByRole('link', { name: message })).toHaveAttribute('href', '#agency-edit-seniorContactEmail');
    expect(email).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(sent(fetchMock, 'PATCH')).toEqual([]);

    // Refused by the API (422 naming the field): shown beside the field, the form kept as typed.
    await user.clear(email);
    await user.type(email, 'Amira.Hussain@Police.example');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('link', { name: 'Senior contact’s email address must be an email address' })).toHaveAttribute(
      'href',
      '#agency-edit-seniorContactEmail',
    );
    expect(email).toHaveValue('Amira.Hussain@Police.example');
    expect(sent(fetchMock, 'PATCH')[0]?.body).toMatchObject({ seniorContactName: 'Dr Amira Hussain', seniorContactEmail: 'amira.hussain@police.example' });

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('West Midlands Police has been saved')).toBeInTheDocument();
    expect(sent(fetchMock, 'PATCH')).toHaveLength(2);
  });

  it('clears a senior contact when both fields are emptied', async () => {
    const named = makeAgency({ seniorContactName: 'Dr Amira Hussain', seniorContactEmail: 'amira.hussain@police.example' });
    const fetchMock = stubApi((method, url, body) => {
      if (method === 'GET' && url.pathname === '/api/agencies') return jsonResponse({ items: [named], nextCursor: null });
      if (method === 'PATCH') return jsonResponse({ ...named, ...(body as object), version: 2 });
      return undefined;
    });
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies?edit=1' });
    const name = await screen.findByLabelText('Senior contact’s name (optional)');
    expect(name).toHaveValue('Dr Amira Hussain');
    await user.clear(name);
    await user.clear(screen.getByLabelText('Senior contact’s email address (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('West Midlands Police has been saved')).toBeInTheDocument();
    expect(sent(fetchMock, 'PATCH')[0]?.body).toMatchObject({ seniorContactName: null, seniorContactEmail: null });
  });

  it('changes an agency with the version it loaded, and after a conflict shows what is saved and lets them re-apply', async () => {
    const current = makeAgency({ shortName: 'WM Police', version: 2 });
    const fetchMock = stubApi((method, url, body) => {
      if (method !== 'PATCH') return undefined;
      const { version } = body as { version: number };
      if (version === 1) return problem(409, 'agency.version_conflict', { errors: [{ path: 'version', message: 'is not the current version' }], current });
      return jsonResponse({ ...current, ...(body as object), version: 3 });
    });
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies?edit=1' });

    expect(await screen.findByRole('heading', { level: 1, name: /West Midlands Police/ })).toBeInTheDocument();
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'West Midlands Police Force');
    await user.click(screen.getByRole('radio', { name: 'Inactive' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByText(/Someone else changed this agency while you were editing it/);
    const panel = alert.closest('.govuk-notification-banner') as HTMLElement;
    // Someone else changed the short name, which this person did not touch: it takes their value.
    const shortName = within(panel).getByRole('row', { name: /Short name/ });
    expect(shortName).toHaveTextContent('WM PoliceWM Police');
    expect(shortName).not.toHaveTextContent('Different');
    expect(within(panel).getByRole('row', { name: /^Name/ })).toHaveTextContent('West Midlands PoliceWest Midlands Police ForceDifferent');
    expect(screen.getByLabelText('Short name')).toHaveValue('WM Police');
    expect(sent(fetchMock, 'PATCH')[0]).toEqual({
      url: '/api/agencies/1',
      body: { version: 1, name: 'West Midlands Police Force', shortName: 'WMP', kind: 'police', active: false, seniorContactName: null, seniorContactEmail: null },
    });

    await user.click(within(panel).getByRole('button', { name: 'Save what I entered' }));
    expect(await screen.findByText('West Midlands Police Force has been saved')).toBeInTheDocument();
    expect(sent(fetchMock, 'PATCH')[1]?.body).toEqual({
      version: 2,
      name: 'West Midlands Police Force',
      shortName: 'WM Police',
      kind: 'police',
      active: false,
      seniorContactName: null,
      seniorContactEmail: null,
    });
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/agencies$/);
  });

  it('can take the saved values instead after a conflict', async () => {
    const current = makeAgency({ shortName: 'WM Police', version: 2 });
    stubApi((method) => (method === 'PATCH' ? problem(409, 'agency.version_conflict', { current }) : undefined));
    const user = userEvent.setup();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies?edit=1' });

    await user.type(await screen.findByLabelText('Short name'), 'X');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(await screen.findByRole('button', { name: 'Use what is saved now' }));

    expect(screen.getByLabelText('Short name')).toHaveValue('WM Police');
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });

  it('is hidden from anyone but the business unit, and asks the API nothing', async () => {
    const fetchMock = stubApi();
    renderAt(<AdminAgenciesPage />, { url: '/admin/agencies', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(screen.getByText(/error 403, forbidden/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add agency' })).not.toBeInTheDocument();
    await waitFor(() => expect(fetchMock).not.toHaveBeenCalled());
  });
});
