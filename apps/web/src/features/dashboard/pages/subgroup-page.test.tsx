import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Action } from '@lrt/contracts';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { makeDashboard, makeProgressUpdate } from '../test-factories';
import { SubgroupPage } from './subgroup-page';

const page = <T,>(items: T[]) => ({ items, nextCursor: null });
const subgroup = { id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 };

/** Completed actions awaiting assurance: the first may be assured or returned by this chair, the second not. */
const assurable = makeAction({
  id: 11,
  ref: 'SD-2022/A1',
  status: 'completed',
  brag: 'green',
  version: 6,
  latestConfidence: 'on_track',
  latestUpdate: { id: 31, createdAt: '2026-02-27T15:30:00.000Z', authorName: 'Priya Shah', note: 'Audit complete: proposed as done.' },
  subgroupId: 4,
  permissions: { canEdit: false, canPostUpdate: true, statusChanges: ['assured', 'in_progress'], agencyIds: [], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false },
});
const notMine = makeAction({
  id: 12,
  ref: 'SD-2022/A2',
  status: 'completed',
  brag: 'green',
  subgroupId: 4,
  permissions: { canEdit: false, canPostUpdate: false, statusChanges: [], agencyIds: [], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false },
});
const red = makeAction({
  id: 13,
  ref: 'SD-2022/A5',
  brag: 'red',
  bragReason: 'overdue since 31 January 2026',
  overdue: true,
  latestConfidence: 'off_track',
  latestUpdate: { id: 30, createdAt: '2026-02-20T09:00:00.000Z', authorName: 'Sam Patel', note: 'Latest word on 13: training postponed to April.' },
  subgroupId: 4,
});
const redWithoutUpdates = makeAction({ id: 14, ref: 'SD-2022/A6', brag: 'red', overdue: true, latestConfidence: null, latestUpdate: null, subgroupId: 4 });

function stubApi({ awaiting = [assurable, notMine], post }: { awaiting?: Action[]; post?: (body: unknown) => Response } = {}) {
  const posted: unknown[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname;
    if (init?.method === 'POST' && path === '/api/actions/11/updates') {
      const body = JSON.parse(String(init.body));
      posted.push(body);
      return post ? post(body) : jsonResponse(makeProgressUpdate({ actionId: 11, statusChange: { from: 'completed', to: body.statusChange.to } }), { status: 201 });
    }
    if (path === '/api/dashboard') return jsonResponse(makeDashboard());
    if (path === '/api/subgroups') return jsonResponse(page([subgroup]));
    if (path === '/api/agencies') return jsonResponse(page([makeAgency()]));
    if (path === '/api/reviews' || path === '/api/recommendations') return jsonResponse(page([]));
    if (path === '/api/actions' && url.searchParams.get('status') === 'completed') return jsonResponse(page(awaiting));
    if (path === '/api/actions' && url.searchParams.get('brag') === 'red') return jsonResponse(page([red, redWithoutUpdates]));
    return jsonResponse(page([]));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, posted };
}

const chair = makeMe({ roles: ['subgroup_chair'], subgroupIds: [4] }, { managePlans: false, manageUsers: false, manageReferenceData: false });
const renderSubgroup = () => renderAt(<SubgroupPage />, { url: '/subgroups/4', path: '/subgroups/:subgroupId', me: chair });

async function awaitingItem(ref: string) {
  const section = await screen.findByRole('region', { name: /Completed actions awaiting assurance/ });
  const link = await within(section).findByRole('link', { name: `Action ${ref}` });
  return link.closest('li')!;
}

describe('SubgroupPage', () => {
  it('asks for what the subgroup oversees and shows its figures, red actions and their latest notes', async () => {
    const { fetchMock } = stubApi();
    renderSubgroup();
    expect(await screen.findByRole('heading', { level: 1, name: subgroup.name })).toBeInTheDocument();
    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/dashboard?subgroupId=4');
    expect(urls).toContain('/api/reviews?subgroupId=4&limit=200');
    expect(urls).toContain('/api/recommendations?subgroupId=4&limit=200');
    expect(urls).toContain('/api/actions?subgroupId=4&status=completed&sort=targetDate&limit=50');

    const brag = await screen.findByRole('list', { name: 'Actions by BRAG rating' });
    expect(within(brag).getByRole('link', { name: `3 red actions of ${subgroup.name}` })).toHaveAttribute('href', '/actions?brag=red&subgroupId=4');

    const redSection = screen.getByRole('region', { name: 'Red actions' });
    const redItem = (await within(redSection).findByRole('link', { name: 'Action SD-2022/A5' })).closest('li')!;
    expect(within(redItem).getByText('Red')).toBeInTheDocument();
    expect(document.title).toBe(`${subgroup.name} – Learning Review Tracker`);
  });

  it('shows each red action’s latest note as it comes with the list, with no request per action', async () => {
    const { fetchMock } = stubApi();
    renderSubgroup();
    const redSection = await screen.findByRole('region', { name: 'Red actions' });
    const redItem = (await within(redSection).findByRole('link', { name: 'Action SD-2022/A5' })).closest('li')!;
    // Shown at once with the list: no loading state in between.
    expect(within(redItem).getByText('Latest word on 13: training postponed to April.')).toBeInTheDocument();
    expect(within(redItem).getByText(/Latest update, .* by Sam Patel: off track/)).toBeInTheDocument();
    const quiet = within(redSection).getByRole('link', { name: 'Action SD-2022/A6' }).closest('li')!;
    expect(within(quiet).getByText('No progress update yet.')).toBeInTheDocument();

    const awaiting = await awaitingItem('SD-2022/A1');
    expect(within(awaiting).getByText('Audit complete: proposed as done.')).toBeInTheDocument();
    expect(within(await awaitingItem('SD-2022/A2')).getByText('No progress update yet.')).toBeInTheDocument();

    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/actions?subgroupId=4&brag=red&sort=attention&limit=10');
    expect(urls.filter((url) => url.includes('/updates'))).toEqual([]);
  });

  it('offers Assure and Return only on actions whose permissions allow them', async () => {
    stubApi();
    renderSubgroup();
    const mine = await awaitingItem('SD-2022/A1');
    expect(within(mine).getByRole('button', { name: 'Assure action SD-2022/A1' })).toBeInTheDocument();
    expect(within(mine).getByRole('button', { name: 'Return for more information action SD-2022/A1' })).toBeInTheDocument();
    const other = await awaitingItem('SD-2022/A2');
    expect(within(other).queryByRole('button')).not.toBeInTheDocument();
  });

  it('assures an action with evidence of impact and a note, after checking both are there', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    await user.click(within(item).getByRole('button', { name: 'Assure action SD-2022/A1' }));
    const impact = await within(item).findByLabelText('Evidence of impact');
    await waitFor(() => expect(impact).toHaveFocus());

    await user.click(within(item).getByRole('button', { name: 'Assure action' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the evidence of impact that shows practice changed' })).toHaveAttribute('href', '#decision-11-impact');
    expect(within(summary).getByRole('link', { name: 'Enter a note about the assurance' })).toBeInTheDocument();
    expect(posted).toHaveLength(0);
    expect(document.title).toMatch(/^Error: /);

    await user.type(impact, 'Audit of 20 cases in March: the child was seen alone in 19.');
    await user.type(within(item).getByLabelText('Note for the record'), 'Agreed at the March meeting.');
    await user.click(within(item).getByRole('button', { name: 'Assure action' }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      note: 'Agreed at the March meeting.',
      confidence: 'on_track',
      evidence: [],
      statusChange: { to: 'assured' },
      evidenceOfImpact: 'Audit of 20 cases in March: the child was seen alone in 19.',
      actionVersion: 6,
    });
    expect(await screen.findByText('Action SD-2022/A1 is assured')).toBeInTheDocument();
  });

  it('returns an action for more information with a note, and no evidence of impact', async () => {
    const user = userEvent.setup();
    const { posted } = stubApi();
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    const opener = within(item).getByRole('button', { name: 'Return for more information action SD-2022/A1' });
    await user.click(opener);
    const note = await within(item).findByLabelText('What more information is needed?');
    await waitFor(() => expect(note).toHaveFocus());
    expect(within(item).queryByLabelText('Evidence of impact')).not.toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(opener).toHaveFocus());

    await user.click(opener);
    await user.type(await within(item).findByLabelText('What more information is needed?'), 'Please attach the audit report.');
    await user.click(within(item).getByRole('button', { name: 'Return for more information' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      note: 'Please attach the audit report.',
      confidence: 'on_track',
      evidence: [],
      statusChange: { to: 'in_progress' },
      actionVersion: 6,
    });
    expect(await screen.findByText('Action SD-2022/A1 was returned for more information')).toBeInTheDocument();
  });

  it('shows the API’s field errors next to the fields and in the error summary', async () => {
    const user = userEvent.setup();
    stubApi({
      post: () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Invalid',
            status: 422,
            detail: 'The update is not valid',
            code: 'validation.failed',
            errors: [{ path: 'evidenceOfImpact', message: 'must say what changed in practice' }],
          },
          { status: 422 },
        ),
    });
    renderSubgroup();
    const item = await awaitingItem('SD-2022/A1');
    await user.click(within(item).getByRole('button', { name: 'Assure action SD-2022/A1' }));
    await user.type(await within(item).findByLabelText('Evidence of impact'), 'Training held.');
    await user.type(within(item).getByLabelText('Note for the record'), 'Signed off.');
    await user.click(within(item).getByRole('button', { name: 'Assure action' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Evidence of impact must say what changed in practice' })).toBeInTheDocument();
    expect(within(item).getByText('Evidence of impact must say what changed in practice', { selector: '.govuk-error-message' })).toBeInTheDocument();
  });
});
