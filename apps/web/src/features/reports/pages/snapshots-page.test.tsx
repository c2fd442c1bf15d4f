import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '@lrt/contracts';
import { londonToday } from '@lrt/domain';
import { makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { makeSnapshot } from '../test-factories';
import { SnapshotsPage } from './snapshots-page';

const problem = (status: number, code: string, errors: { path: string; message: string }[]) =>
  jsonResponse({ type: 'about:blank', title: 'Refused', status, detail: 'Refused', code, errors }, { status });

function stubApi(onCreate: (body: { name: string; asAt: string }) => Response) {
  const snapshots: Snapshot[] = [makeSnapshot()];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/snapshots' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { name: string; asAt: string };
      const response = onCreate(body);
      if (response.status === 201) snapshots.unshift(makeSnapshot({ id: 9, name: body.name, asAt: body.asAt }));
      return response;
    }
    if (url.pathname === '/api/snapshots') return jsonResponse({ items: snapshots, nextCursor: null });
    return jsonResponse({ code: 'not_found', status: 404, title: 'Not found', detail: 'Not found', type: 'about:blank' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('board snapshots', () => {
  it('lists each snapshot with its counts in words and a link to the report compared with it; only the business unit takes them', async () => {
    stubApi(() => jsonResponse({}, { status: 201 }));
    renderAt(<SnapshotsPage />, { me: makeMe({ roles: ['independent_chair'] }, { managePlans: false }) });
    const table = await screen.findByRole('table', { name: 'Every board snapshot, newest first' });
    const row = within(table).getByRole('rowheader', { name: 'Board, 12 December 2025' }).closest('tr')!;
    expect(row).toHaveTextContent('12 December 2025');
    expect(row).toHaveTextContent('Alex Morgan');
    expect(row).toHaveTextContent('Red 1, Amber 5, Green 3, Blue 1; 1 withdrawn');
    expect(within(row).getByRole('link', { name: 'Report compared with this snapshot: Board, 12 December 2025' })).toHaveAttribute(
      'href',
      '/reports?compareTo=4',
    );
    expect(screen.getByText(/cannot be changed or deleted once it is taken/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Take a snapshot' })).not.toBeInTheDocument();
  });

  it('the business unit takes a snapshot as at today, and sees it listed', async () => {
    const fetchMock = stubApi((body) => jsonResponse(makeSnapshot({ id: 9, ...body }), { status: 201 }));
    const user = userEvent.setup();
    renderAt(<SnapshotsPage />);
    const form = await screen.findByRole('form', { name: 'Take a snapshot' });
    await user.type(within(form).getByLabelText('Name'), 'Board, 12 March 2026');
    await user.click(within(form).getByRole('button', { name: 'Take the snapshot' }));
    await screen.findByText('Snapshot “Board, 12 March 2026” taken');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'Board, 12 March 2026', asAt: londonToday(new Date()) });
    const table = screen.getByRole('table', { name: 'Every board snapshot, newest first' });
    await waitFor(() => expect(within(table).getByRole('rowheader', { name: 'Board, 12 March 2026' })).toBeInTheDocument());
    expect(within(form).getByLabelText('Name')).toHaveValue('');
  });

  it('shows a name already taken, and a date the API refuses, beside their fields', async () => {
    let answer = problem(409, 'snapshot.name_taken', [{ path: 'name', message: 'is already the name of a snapshot' }]);
    stubApi(() => answer);
    const user = userEvent.setup();
    renderAt(<SnapshotsPage />);
    const form = await screen.findByRole('form', { name: 'Take a snapshot' });
    await user.type(within(form).getByLabelText('Name'), 'Board, 12 December 2025');
    await user.click(within(form).getByRole('button', { name: 'Take the snapshot' }));
    const summary = await screen.findByRole('alert');
    const message = 'There is already a snapshot called “Board, 12 December 2025”: choose another name';
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', '#snapshot-name');
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(document.title).toBe('Error: Board snapshots – Learning Review Tracker');

    answer = problem(422, 'validation.failed', [{ path: 'asAt', message: 'must not be before the partnership’s first record' }]);
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Board, 1 January 2001');
    await user.click(within(form).getByRole('button', { name: 'Take the snapshot' }));
    await waitFor(() =>
      expect(within(screen.getByRole('alert')).getByRole('link', { name: 'The as-at date must not be before the partnership’s first record' })).toHaveAttribute(
        'href',
        '#snapshot-as-at',
      ),
    );
  });

  it('asks for a name and an as-at date no later than today before sending anything', async () => {
    const fetchMock = stubApi(() => jsonResponse({}, { status: 201 }));
    const user = userEvent.setup();
    renderAt(<SnapshotsPage />);
    const form = await screen.findByRole('form', { name: 'Take a snapshot' });
    const year = within(screen.getByRole('group', { name: 'As at' })).getByLabelText('Year');
    await user.clear(year);
    await user.type(year, String(new Date().getFullYear() + 1));
    await user.click(within(form).getByRole('button', { name: 'Take the snapshot' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Enter a name for the snapshot',
      expect.stringMatching(/^The as-at date must be today \(.+\) or earlier$/),
    ]);
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });
});
