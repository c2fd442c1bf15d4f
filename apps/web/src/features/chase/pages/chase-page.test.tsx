import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChaseCandidates, ChaseSummary } from '@lrt/contracts';
import { makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { makeCandidateAction, makeCandidateAgency, makeCandidates, makeChaseSummary, makeCreated } from '../test-factories';
import { ChasePage } from './chase-page';

const reviews = [{ id: 3, code: 'SD-2022', childPseudonym: 'SD', title: 'Child SD' }];
const subgroups = [
  { id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 },
  { id: 5, name: 'Child Exploitation subgroup', shortName: 'CE', version: 1 },
];
const agencies = [
  { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1 },
  { id: 2, name: 'Northshire Primary School', shortName: 'NPS', kind: 'education', active: true, version: 1 },
  { id: 3, name: 'Ambulance Service', shortName: 'AMB', kind: 'health', active: true, version: 1 },
];

const police = makeCandidateAgency({
  counts: { needingUpdate: 2, overdue: 2, stale: 0, dueSoon: 0, returned: 0 },
  actions: [makeCandidateAction(), makeCandidateAction({ id: 8, ref: 'SD-2022/A4', reasons: ['overdue', 'returned'], returnedQuestion: 'What did the audit find?' })],
  lastAskedAt: '2026-02-01T10:00:00.000Z',
  lastReplyBy: '2026-02-15',
  repliesOverdue: 2,
});
const school = makeCandidateAgency({
  agency: { id: 2, name: 'Northshire Primary School', shortName: 'NPS' },
  leads: [],
  seniorContact: null,
  counts: { needingUpdate: 3, overdue: 0, stale: 3, dueSoon: 1, returned: 0 },
  actions: [
    makeCandidateAction({ id: 20, ref: 'R-2023/A1', reasons: ['stale'], brag: 'amber', bragReason: 'no update for 90 days', latestNote: null, lastUpdateAt: null }),
    makeCandidateAction({ id: 21, ref: 'R-2023/A2', reasons: ['stale', 'due_soon'], brag: 'amber', bragReason: 'no update for 70 days' }),
    makeCandidateAction({ id: 22, ref: 'R-2023/A3', reasons: ['stale'], brag: 'amber', bragReason: 'no update for 60 days' }),
  ],
  lastAnsweredAt: null,
});
const ambulance = makeCandidateAgency({
  agency: { id: 3, name: 'Ambulance Service', shortName: 'AMB' },
  leads: [
    { userId: 9, name: 'Kim Lowe', email: 'kim.lowe@ambulance.example' },
    { userId: 10, name: 'Ravi Shah', email: 'ravi.shah@ambulance.example' },
  ],
  counts: { needingUpdate: 1, overdue: 1, stale: 1, dueSoon: 0, returned: 0 },
  actions: [makeCandidateAction({ id: 30, ref: 'C-2024/A1', reasons: ['overdue', 'stale'] })],
});

interface StubOptions {
  candidates?: ChaseCandidates;
  history?: ChaseSummary[][];
  onCreate?: (body: Record<string, unknown>) => Response;
}

function stubApi({ candidates = makeCandidates([police, school, ambulance]), history = [[]], onCreate }: StubOptions = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/reviews') return jsonResponse({ items: reviews, nextCursor: null });
    if (url.pathname === '/api/subgroups') return jsonResponse({ items: subgroups, nextCursor: null });
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/settings') return jsonResponse({ partnershipName: 'Northshire', replyLinkGraceDays: 14, evidenceMaxMegabytes: 20 });
    if (url.pathname === '/api/chase/candidates') return jsonResponse(candidates);
    if (url.pathname === '/api/chase' && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      if (onCreate) return onCreate(body);
      return body.preview ? jsonResponse(makeCreated()) : jsonResponse(makeCreated({ id: 44 }), { status: 201 });
    }
    if (url.pathname === '/api/chase') {
      const index = url.searchParams.get('cursor') ? Number(url.searchParams.get('cursor')) : 0;
      return jsonResponse({ items: history[index] ?? [], nextCursor: index + 1 < history.length ? String(index + 1) : null });
    }
    return jsonResponse({ code: 'not_found', status: 404, title: 'Not found', detail: 'Not found', type: 'about:blank' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const posts = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([input, init]) => ({ url: String(input), body: JSON.parse(String(init?.body)) as unknown }));

const requested = (fetchMock: ReturnType<typeof stubApi>, path: string) =>
  fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((url) => url.pathname === path);

const agencyHeadings = () =>
  within(screen.getByRole('heading', { name: 'Who owes updates' }).nextElementSibling as HTMLElement)
    .getAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);

const typeReplyBy = async (user: ReturnType<typeof userEvent.setup>, day: string, month: string, year: string) => {
  const group = screen.getByRole('group', { name: 'Reply by' });
  for (const [label, value] of [['Day', day], ['Month', month], ['Year', year]] as const) {
    const box = within(group).getByLabelText(label);
    await user.clear(box);
    await user.type(box, value);
  }
};

describe('ChasePage', () => {
  it('shows per agency who would be asked, its senior contact, what it owes and what was last asked', async () => {
    stubApi();
    renderAt(<ChasePage />, { url: '/chase' });
    expect(screen.getByRole('heading', { level: 1, name: 'Chase updates' })).toBeInTheDocument();

    const policeSection = await screen.findByRole('region', { name: 'West Midlands Police (WMP)' });
    expect(policeSection).toHaveTextContent('Sam Patel, sam.patel@police.example');
    expect(policeSection).toHaveTextContent('Jo Reid, jo.reid@police.example');
    expect(policeSection).toHaveTextContent('2 actions: 2 overdue, 0 stale, 0 due soon, 0 returned for more information');
    expect(policeSection).toHaveTextContent('Last asked1 February 2026, to reply by 15 February 2026');
    expect(policeSection).toHaveTextContent('Replies overdue2 actions');

    const schoolSection = screen.getByRole('region', { name: 'Northshire Primary School (NPS)' });
    // Said where it is seen first, in words: nobody is skipped silently.
    expect(within(schoolSection).getAllByText(/No lead — nobody will be asked/).length).toBeGreaterThan(0);
    expect(schoolSection).toHaveTextContent('Senior contactNot named');
    expect(schoolSection).toHaveTextContent('Last askedNever');
    expect(schoolSection).toHaveTextContent('Last answeredNo update yet');

    const ambulanceSection = screen.getByRole('region', { name: 'Ambulance Service (AMB)' });
    expect(ambulanceSection).toHaveTextContent('Leads');
    expect(ambulanceSection).toHaveTextContent('Kim Lowe, kim.lowe@ambulance.example');
    expect(ambulanceSection).toHaveTextContent('Ravi Shah, ravi.shah@ambulance.example');

    // Each agency's actions open underneath: ref to the action, target date, BRAG word, reasons, latest note.
    await userEvent.setup().click(within(policeSection).getByText(/Actions needing an update \(2\)/));
    const link = within(policeSection).getByRole('link', { name: 'SD-2022/A4' });
    expect(link).toHaveAttribute('href', '/actions/8');
    const item = link.closest('li')!;
    expect(item).toHaveTextContent('Target date: 31 March 2026');
    expect(within(item).getByText('Red')).toBeInTheDocument();
    expect(item).toHaveTextContent('Why it needs an update: Overdue; Returned for more information');
    expect(item).toHaveTextContent('Question asked: What did the audit find?');
    expect(item).toHaveTextContent('Latest note (10 January 2026): Briefings booked for April.');
  });

  it('sorts the agencies by overdue actions first, and by stale actions or name when asked, keeping the sort in the URL', async () => {
    stubApi();
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase' });
    await screen.findByRole('region', { name: 'West Midlands Police (WMP)' });
    expect(agencyHeadings()).toEqual(['West Midlands Police (WMP)', 'Ambulance Service (AMB)', 'Northshire Primary School (NPS)']);

    await user.selectOptions(screen.getByLabelText('Sort agencies by'), 'Most stale actions');
    await user.click(screen.getByRole('button', { name: 'Sort' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/chase?sort=stale'));
    expect(agencyHeadings()).toEqual(['Northshire Primary School (NPS)', 'Ambulance Service (AMB)', 'West Midlands Police (WMP)']);

    await user.selectOptions(screen.getByLabelText('Sort agencies by'), 'Agency name');
    await user.click(screen.getByRole('button', { name: 'Sort' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/chase?sort=name'));
    expect(agencyHeadings()).toEqual(['Ambulance Service (AMB)', 'Northshire Primary School (NPS)', 'West Midlands Police (WMP)']);
  });

  it('keeps the scope in the URL and asks the API for that scope only', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase?sort=name' });
    await user.selectOptions(await screen.findByLabelText('Review'), 'SD-2022: SD');
    await user.selectOptions(screen.getByLabelText('Agency'), 'West Midlands Police');
    await user.click(screen.getByRole('button', { name: 'Show these actions' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/chase?reviewId=3&agencyId=1&sort=name'));
    await waitFor(() =>
      expect(requested(fetchMock, '/api/chase/candidates').map((url) => url.search)).toContain('?reviewId=3&agencyId=1'),
    );
    // The history follows the agency chosen.
    expect(await screen.findByRole('heading', { name: 'Update requests sent to West Midlands Police' })).toBeInTheDocument();
    await waitFor(() => expect(requested(fetchMock, '/api/chase').some((url) => url.searchParams.get('agencyId') === '1')).toBe(true));
  });

  it('offers a subgroup chair only the subgroups they chair', async () => {
    stubApi();
    const chair = makeMe({ roles: ['subgroup_chair'], subgroupIds: [subgroups[0]!.id] }, { managePlans: false, manageReferenceData: false, manageUsers: false, manageSettings: false });
    renderAt(<ChasePage />, { url: '/chase', me: chair });
    const select = await screen.findByLabelText('Subgroup');
    const offered = within(select).getAllByRole('option').map((option) => option.textContent);
    expect(offered).toContain(subgroups[0]!.name);
    for (const other of subgroups.slice(1)) expect(offered).not.toContain(other.name);
  });

  it('previews the messages for the scope (nothing sent) and names the agencies nobody will be asked for', async () => {
    const fetchMock = stubApi({
      onCreate: () => jsonResponse(makeCreated({ agenciesWithoutLead: [{ id: 2, name: 'Northshire Primary School' }] })),
    });
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase?subgroupId=4' });
    const form = await screen.findByRole('form', { name: 'Ask for updates' });
    expect(form).toHaveTextContent('Every action listed above will be asked about: 6 actions of 3 agencies.');
    // The reply-by date starts at the partnership's default.
    expect(within(screen.getByRole('group', { name: 'Reply by' })).getByLabelText('Day')).toHaveValue('30');
    expect(screen.getByRole('group', { name: 'Reply by' })).toHaveAccessibleDescription(expect.stringContaining('Their personal links work until the end of 14 May 2099.'));

    await user.click(within(form).getByRole('button', { name: 'Preview messages' }));
    await waitFor(() => expect(posts(fetchMock)).toEqual([{ url: '/api/chase', body: { subgroupId: 4, replyBy: '2099-04-30', preview: true } }]));
    const preview = await screen.findByRole('region', { name: 'Preview: 1 message would be sent' });
    await waitFor(() => expect(within(preview).getByRole('heading', { level: 2 })).toHaveFocus());
    expect(within(preview).getByRole('heading', { name: 'To Sam Patel (sam.patel@police.example), West Midlands Police' })).toBeInTheDocument();
    expect(preview).toHaveTextContent('Subject: Safeguarding Partnership: please update 1 action for West Midlands Police by 30 April 2099');
    expect(preview.querySelector('pre')).toHaveTextContent('Answer here: {{link}}');
    expect(preview).toHaveTextContent('No one will be asked for Northshire Primary School: no lead is named.');

    // A preview is of one choice: change the date and it goes, so an old preview is never mistaken for the new one.
    await typeReplyBy(user, '29', '4', '2099');
    expect(screen.queryByRole('region', { name: /Preview/ })).not.toBeInTheDocument();
  });

  it('asks about exactly the ticked actions when some are ticked', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase?reviewId=3' });
    const schoolSection = await screen.findByRole('region', { name: 'Northshire Primary School (NPS)' });
    await user.click(within(schoolSection).getByText(/Actions needing an update \(3\)/));
    await user.click(within(schoolSection).getByLabelText('Ask about R-2023/A1'));
    await user.click(within(schoolSection).getByLabelText('Ask about R-2023/A3'));
    expect(within(schoolSection).getByText(/Actions needing an update \(3\), 2 ticked/)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Ask for updates' });
    expect(form).toHaveTextContent('You have ticked 2 actions: only these will be asked about.');

    await user.click(within(form).getByRole('button', { name: 'Preview messages' }));
    await waitFor(() => expect(posts(fetchMock).map((post) => post.body)).toEqual([{ actionIds: [20, 22], replyBy: '2099-04-30', preview: true }]));

    await user.click(screen.getByRole('button', { name: 'Untick every action' }));
    expect(form).toHaveTextContent('Every action listed above will be asked about');
    expect(within(schoolSection).getByLabelText('Ask about R-2023/A1')).not.toBeChecked();
  });

  it('sends the requests and opens the request sent', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase?agencyId=1' });
    const form = await screen.findByRole('form', { name: 'Ask for updates' });
    await typeReplyBy(user, '1', '5', '2099');
    await user.click(within(form).getByRole('button', { name: 'Send update requests' }));
    await waitFor(() => expect(posts(fetchMock)).toEqual([{ url: '/api/chase', body: { agencyId: 1, replyBy: '2099-05-01', preview: false } }]));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/chase\/44$/));
  });

  it('refuses a reply-by date in the past before sending anything, linking the error to the date', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase' });
    const form = await screen.findByRole('form', { name: 'Ask for updates' });
    await typeReplyBy(user, '1', '1', '2020');
    await user.click(within(form).getByRole('button', { name: 'Send update requests' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'The reply-by date must be today or in the future' });
    expect(link).toHaveAttribute('href', '#chase-reply-by');
    expect(screen.getByRole('group', { name: 'Reply by' })).toHaveAccessibleDescription(expect.stringContaining('must be today or in the future'));
    await waitFor(() => expect(document.title).toMatch(/^Error: Chase updates/));
    expect(posts(fetchMock)).toEqual([]);

    await typeReplyBy(user, '31', '2', '2099');
    await user.click(within(form).getByRole('button', { name: 'Preview messages' }));
    expect(await within(await screen.findByRole('alert')).findByRole('link', { name: 'The reply-by date must be a real date, for example 31 3 2027' })).toBeInTheDocument();
    expect(posts(fetchMock)).toEqual([]);
  });

  it('shows the API’s refusals beside what they are about: ticked actions no longer open, or nothing to ask', async () => {
    let answer = () =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Validation failed',
          status: 422,
          detail: 'The request has invalid fields',
          code: 'validation.failed',
          errors: [{ path: 'actionIds', message: 'only open actions (not started or in progress) can be chased; not SD-2022/A3' }],
        },
        { status: 422 },
      );
    stubApi({ onCreate: () => answer() });
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase' });
    const policeSection = await screen.findByRole('region', { name: 'West Midlands Police (WMP)' });
    await user.click(within(policeSection).getByText(/Actions needing an update/));
    await user.click(within(policeSection).getByLabelText('Ask about SD-2022/A3'));
    await user.click(screen.getByRole('button', { name: 'Send update requests' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: /Ticked actions: only open actions .* not SD-2022\/A3/ });
    await user.click(link);
    expect(screen.getByText(/You have ticked 1 action/)).toHaveFocus();
    expect(screen.getByRole('form', { name: 'Ask for updates' })).toHaveTextContent('Error: Ticked actions: only open actions');

    answer = () =>
      jsonResponse(
        { type: 'about:blank', title: 'Nothing to ask', status: 422, detail: 'No open action in this scope needs an update.', code: 'chase.nothing_to_ask' },
        { status: 422 },
      );
    await user.click(within(policeSection).getByLabelText('Ask about SD-2022/A3'));
    await user.click(screen.getByRole('button', { name: 'Send update requests' }));
    expect(
      await within(screen.getByRole('alert')).findByRole('link', { name: 'No action in this scope needs an update: choose another review, subgroup or agency' }),
    ).toHaveAttribute('href', '#chase-scope-review');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/chase$/);
  });

  it('says so when no action needs an update, and offers no form', async () => {
    stubApi({ candidates: makeCandidates([]) });
    renderAt(<ChasePage />, { url: '/chase?agencyId=3' });
    expect(await screen.findByText('No action in this scope needs an update')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Ask for updates' })).not.toBeInTheDocument();
  });

  it('lists the update requests sent, each linking to its page, and shows more on request', async () => {
    stubApi({
      history: [
        [
          makeChaseSummary({ mail: { queued: 1, retrying: 1, sent: 3 }, replyOverdue: 1, actions: 5, answered: 2, agencies: 2, agencyId: null, subgroupId: 4 }),
          makeChaseSummary({ id: 11, kind: 'return', createdAt: '2026-02-20T09:00:00.000Z', createdByName: 'Priya Shah', question: 'What did the audit find?', actions: 1, answered: 0 }),
        ],
        [makeChaseSummary({ id: 5, createdAt: '2026-01-05T09:00:00.000Z', byHand: true, agencyId: null })],
      ],
    });
    const user = userEvent.setup();
    renderAt(<ChasePage />, { url: '/chase' });
    const history = await screen.findByRole('region', { name: 'Update requests sent' });
    const first = await within(history).findByRole('link', { name: 'Chase sent 3 March 2026 at 2:05pm' });
    expect(first).toHaveAttribute('href', '/chase/12');
    const item = first.closest('li')!;
    expect(item).toHaveTextContent('By Alex Morgan. Actions of subgroup Learning and Practice Review subgroup: 5 actions of 2 agencies, reply by 17 March 2026.');
    expect(item).toHaveTextContent('2 of 5 actions answered, 1 reply overdue. Email: 3 sent, 1 queued, 1 retrying.');
    const returned = within(history).getByRole('link', { name: 'Returned for more information sent 20 February 2026 at 9:00am' });
    expect(returned.closest('li')).toHaveTextContent('By Priya Shah. One action returned for more information');

    await user.click(within(history).getByRole('button', { name: 'Show more update requests' }));
    const older = await within(history).findByRole('link', { name: 'Chase sent 5 January 2026 at 9:00am' });
    await waitFor(() => expect(older).toHaveFocus());
    expect(older.closest('li')).toHaveTextContent('Actions ticked by hand');
    expect(within(history).queryByRole('button', { name: 'Show more update requests' })).not.toBeInTheDocument();
  });

  it('tells people who may not chase that they cannot, and asks the API nothing about chasing', async () => {
    const fetchMock = stubApi();
    const lead = makeAgencyLeadMe();
    renderAt(<ChasePage />, { url: '/chase', me: { ...lead, capabilities: { ...lead.capabilities, chase: false } } });
    expect(screen.getByRole('heading', { level: 1, name: 'You cannot chase updates' })).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([input]) => String(input).startsWith('/api/chase'))).toEqual([]);
  });
});
