import type { Action, Me, Recommendation, Review } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency, makeAgencyLeadMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { PlanEntrySavedBanner } from '../components/plan-entry-saved-banner';
import { NewReviewActionsPage } from './new-review-actions-page';

const review: Review = {
  id: 3,
  code: 'SD-2022',
  type: 'lcspr',
  childPseudonym: 'SD',
  title: 'Local child safeguarding practice review: SD',
  stage: 'published',
  notifiedOn: '2022-03-01',
  rapidReviewOn: null,
  startedOn: null,
  completedOn: null,
  publishedOn: null,
  leadReviewer: '',
  subgroupId: null,
  summary: '',
  themeIds: [],
  timeliness: { rapidReviewDueOn: null, rapidReviewLate: false, reviewDueOn: null, reviewLate: false },
  actionCounts: { total: 0, overdue: 0, byBrag: { blue: 0, green: 0, amber: 0, red: 0 } },
  version: 1,
};

const recommendation = (id: number, number: number, text: string): Recommendation => ({
  id,
  reviewId: 3,
  number,
  text,
  addressee: 'partnership',
  leadAgencyId: null,
  subgroupId: null,
  learningPointIds: [],
  targetDate: null,
  version: 1,
});

const agencies = [
  makeAgency({ id: 1, name: 'West Midlands Police', shortName: 'WMP' }),
  makeAgency({ id: 2, name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' }),
  makeAgency({ id: 4, name: 'Sandwell Children’s Trust', shortName: 'SCT', kind: 'local_authority' }),
  makeAgency({ id: 5, name: 'Closed Clinic', shortName: 'CC', kind: 'health', active: false }),
];

type PostReply = (body: { actions: Record<string, unknown>[] }) => Response;

/** The API at the network boundary; the POST of the batch answered by `reply` (by default: all created). */
function stubApi(reply?: PostReply) {
  const posts: { actions: Record<string, unknown>[] }[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/reviews/3/actions' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { actions: Record<string, unknown>[] };
      posts.push(body);
      if (reply) return reply(body);
      const items: Action[] = body.actions.map((action, index) => makeAction({ id: 100 + index, ref: `SD-2022/A${index + 1}`, ...(action as Partial<Action>) }));
      return jsonResponse({ items }, { status: 201 });
    }
    if (url.pathname === '/api/reviews/3') return jsonResponse(review);
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/themes') {
      return jsonResponse({
        items: [
          { id: 6, name: 'Child’s voice', description: '', version: 1 },
          { id: 7, name: 'Information sharing', description: '', version: 1 },
        ],
        nextCursor: null,
      });
    }
    if (url.pathname === '/api/recommendations') {
      return jsonResponse({
        items: [recommendation(11, 1, 'Share information in real time'), recommendation(12, 2, 'Brief practitioners on the lead professional')],
        nextCursor: null,
      });
    }
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { posts };
}

/** The plan-entry page, and (once it sends people there) the review page, reduced to its confirmation banner. */
function Screen() {
  const { pathname } = useLocation();
  if (pathname.endsWith('/actions/new')) return <NewReviewActionsPage />;
  return (
    <>
      <h1>Review page</h1>
      <PlanEntrySavedBanner />
    </>
  );
}

const renderPage = (url = '/reviews/3/actions/new', me?: Me) =>
  renderAt(<Screen />, { url, path: '/reviews/:reviewId/*', ...(me !== undefined ? { me } : {}) });

const rows = () => screen.getAllByRole('group', { name: /^Action \d+$/ });
const row = (n: number) => screen.getByRole('group', { name: `Action ${n}` });
const errorSummary = async () => (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;

/** Fills the required fields of a row with the keyboard: the agency by type-ahead, the two texts. */
async function fillRow(user: ReturnType<typeof userEvent.setup>, n: number, agency: string, words: string) {
  const within_ = within(await screen.findByRole('group', { name: `Action ${n}` }));
  await user.click(within_.getByRole('combobox', { name: 'Agency' }));
  await user.keyboard(agency);
  await user.keyboard('{Enter}');
  await user.type(within_.getByLabelText('Identified learning need'), `Need: ${words}`);
  await user.type(within_.getByLabelText('Action to be taken'), `Action: ${words}`);
}

/** Typing a plan row by row with the keyboard takes jsdom a while. */
const JOURNEY = { timeout: 30_000 };

describe('NewReviewActionsPage', JOURNEY, () => {
  it('offers West Midlands Police when "wmp" is typed in the agency combobox, and Enter chooses it', async () => {
    const user = userEvent.setup();
    stubApi();
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Add actions to SD-2022' })).toBeInTheDocument();
    const agency = within(row(1)).getByRole('combobox', { name: 'Agency' });
    expect(agency).toHaveAttribute('aria-expanded', 'false');
    await user.click(agency);
    await user.keyboard('wmp');

    expect(agency).toHaveAttribute('aria-expanded', 'true');
    const listbox = screen.getByRole('listbox', { name: 'Agency' });
    expect(agency).toHaveAttribute('aria-controls', listbox.id);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['West Midlands Police (WMP)']);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(agency).toHaveAttribute('aria-activedescendant', options[0]!.id);

    await user.keyboard('{Enter}');
    expect(agency).toHaveValue('West Midlands Police (WMP)');
    expect(agency).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('There is a problem')).not.toBeInTheDocument();
  });

  it('moves through the matches with the arrow keys, closes with Escape, and never offers an agency no longer active', async () => {
    const user = userEvent.setup();
    stubApi();
    renderPage();

    const agency = within(await screen.findByRole('group', { name: 'Action 1' })).getByRole('combobox', { name: 'Agency' });
    await user.click(agency);
    await user.keyboard('west');
    expect(within(screen.getByRole('listbox', { name: 'Agency' })).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'West Midlands Ambulance Service (WMAS)',
      'West Midlands Police (WMP)',
    ]);
    await user.keyboard('{ArrowDown}');
    expect(within(screen.getByRole('listbox', { name: 'Agency' })).getByRole('option', { name: 'West Midlands Police (WMP)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await user.keyboard('{Escape}');
    expect(agency).toHaveAttribute('aria-expanded', 'false');
    expect(agency).toHaveValue('west');

    await user.clear(agency);
    await user.keyboard('clinic');
    expect(screen.queryByRole('listbox', { name: 'Agency' })).not.toBeInTheDocument();
    expect(screen.getByText('No agencies match')).toBeInTheDocument();
  });

  it('adds a row with focus on its first field, removes a row, and counts them on the save button', async () => {
    const user = userEvent.setup();
    stubApi();
    renderPage();

    await screen.findByRole('heading', { level: 1, name: 'Add actions to SD-2022' });
    expect(rows()).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /Remove this action/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save 1 action' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    expect(rows()).toHaveLength(3);
    expect(within(row(3)).getByLabelText('Recommendation it serves')).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Save 3 actions' })).toBeInTheDocument();

    await user.type(within(row(2)).getByLabelText('Identified learning need'), 'The second one');
    await user.type(within(row(3)).getByLabelText('Identified learning need'), 'The third one');
    await user.click(within(row(2)).getByRole('button', { name: /Remove this action\s*\(action 2\)/ }));

    expect(rows()).toHaveLength(2);
    expect(within(row(2)).getByLabelText('Identified learning need')).toHaveValue('The third one');
    expect(within(row(2)).getByLabelText('Recommendation it serves')).toHaveFocus();
    expect(screen.getByText('Action 2 removed. 2 actions left.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save 2 actions' })).toBeInTheDocument();
  });

  it('lets Tab run through a row’s fields in order and on into the next row', async () => {
    const user = userEvent.setup();
    stubApi();
    renderPage();

    await screen.findByRole('heading', { level: 1, name: 'Add actions to SD-2022' });
    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    const first = within(row(1));
    first.getByLabelText('Recommendation it serves').focus();
    const order = [
      first.getByRole('combobox', { name: 'Agency' }),
      first.getByRole('radio', { name: 'Single-agency' }),
      first.getByLabelText('Identified learning need'),
      first.getByLabelText('Action to be taken'),
      first.getByLabelText('Measure of success (optional)'),
      first.getByLabelText('Target date (optional)'),
      first.getByRole('combobox', { name: 'Themes (optional)' }),
      first.getByRole('button', { name: /Remove this action/ }),
      within(row(2)).getByLabelText('Recommendation it serves'),
    ];
    for (const field of order) {
      await user.tab();
      expect(field).toHaveFocus();
    }
  });

  it('asks for partner agencies only for a multi-agency action, added by type-ahead, several allowed', async () => {
    const user = userEvent.setup();
    const { posts } = stubApi();
    renderPage();

    await fillRow(user, 1, 'wmp', 'one');
    expect(within(row(1)).queryByRole('combobox', { name: 'Partner agencies' })).not.toBeInTheDocument();
    await user.click(within(row(1)).getByRole('radio', { name: 'Multi-agency' }));
    const partners = within(row(1)).getByRole('combobox', { name: 'Partner agencies' });
    await user.click(partners);
    await user.keyboard('west');
    // The owner is not offered as its own partner.
    expect(within(screen.getByRole('listbox', { name: 'Partner agencies' })).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'West Midlands Ambulance Service (WMAS)',
    ]);
    await user.keyboard('{Enter}');
    await user.keyboard('sct{Enter}');
    const chosen = within(row(1)).getByRole('list', { name: 'Chosen' });
    expect(within(chosen).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'West Midlands Ambulance Service (WMAS)Remove West Midlands Ambulance Service (WMAS)',
      'Sandwell Children’s Trust (SCT)Remove Sandwell Children’s Trust (SCT)',
    ]);
    await user.click(within(chosen).getByRole('button', { name: /Remove\s*Sandwell Children’s Trust/ }));

    await user.click(screen.getByRole('button', { name: 'Save 1 action' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.actions[0]).toMatchObject({ ownerAgencyId: 1, kind: 'multi_agency', partnerAgencyIds: [2] });
  });

  it('reads the target date typed in any usual way and says it back in words', async () => {
    const user = userEvent.setup();
    const { posts } = stubApi();
    renderPage();

    await fillRow(user, 1, 'wmp', 'one');
    const date = within(row(1)).getByLabelText('Target date (optional)');
    await user.type(date, '31.3.27');
    expect(date).toHaveAccessibleDescription(expect.stringContaining('31 March 2027'));
    const themes = within(row(1)).getByRole('combobox', { name: 'Themes (optional)' });
    await user.click(themes);
    await user.keyboard('voice{Enter}');

    await user.click(screen.getByRole('button', { name: 'Save 1 action' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.actions[0]).toMatchObject({ targetDate: '2027-03-31', themeIds: [6] });
  });

  it('checks each row with the shared schema: errors beside the fields and in the summary by row, nothing sent', async () => {
    const user = userEvent.setup();
    const { posts } = stubApi();
    renderPage();

    await fillRow(user, 1, 'wmp', 'one');
    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    await user.type(within(row(2)).getByLabelText('Identified learning need'), 'Half a row');
    // Typed but never chosen from the list.
    await user.type(within(row(3)).getByRole('combobox', { name: 'Agency' }), 'Fire service');
    await user.type(within(row(3)).getByLabelText('Identified learning need'), 'Need');
    await user.type(within(row(3)).getByLabelText('Action to be taken'), 'Act');
    await user.type(within(row(3)).getByLabelText('Target date (optional)'), '31/2/2027');
    await user.click(screen.getByRole('button', { name: 'Save 3 actions' }));

    const summary = await errorSummary();
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Row 2: Choose the agency',
      'Row 2: Enter the action to be taken',
      'Row 3: Choose the agency',
      'Row 3: Enter the target date as a real date, for example 31/3/2027',
    ]);
    expect(summary).toHaveFocus();
    const rowThreeAgency = within(row(3)).getByRole('combobox', { name: 'Agency' });
    expect(rowThreeAgency).toHaveAccessibleDescription(expect.stringContaining('Error: Choose the agency'));
    expect(rowThreeAgency).toHaveAttribute('aria-invalid', 'true');
    expect(within(row(2)).getByLabelText('Action to be taken')).toHaveAccessibleDescription(expect.stringContaining('Error: Enter the action to be taken'));
    expect(within(row(1)).queryByText(/Error:/)).not.toBeInTheDocument();

    await user.click(within(summary).getByRole('link', { name: 'Row 3: Choose the agency' }));
    expect(rowThreeAgency).toHaveFocus();
    await waitFor(() => expect(document.title).toMatch(/^Error: Add actions to SD-2022/));
    expect(posts).toEqual([]);
  });

  it('shows the API’s refusal of row 2 beside row 2’s field', async () => {
    const user = userEvent.setup();
    const { posts } = stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Cannot be done',
          status: 422,
          detail: 'One row was refused; nothing was saved. Row 2: ownerAgencyId: this agency is no longer active in the partnership.',
          code: 'action.invalid',
          errors: [{ path: 'actions.1.ownerAgencyId', message: 'this agency is no longer active in the partnership' }],
        },
        { status: 422 },
      ),
    );
    renderPage();

    await fillRow(user, 1, 'wmp', 'one');
    await user.click(screen.getByRole('button', { name: 'Add another action' }));
    await fillRow(user, 2, 'wmas', 'two');
    await user.click(screen.getByRole('button', { name: 'Save 2 actions' }));

    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Row 2: Agency: this agency is no longer active in the partnership' })).toBeInTheDocument();
    expect(within(row(2)).getByRole('combobox', { name: 'Agency' })).toHaveAccessibleDescription(
      expect.stringContaining('Error: Agency: this agency is no longer active in the partnership'),
    );
    expect(within(row(1)).queryByText(/Error:/)).not.toBeInTheDocument();
    expect(posts).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1, name: 'Add actions to SD-2022' })).toBeInTheDocument();
  });

  it('saves every row at once and goes back to the review, which says how many were added', async () => {
    const user = userEvent.setup();
    const { posts } = stubApi();
    renderPage('/reviews/3/actions/new?recommendationId=12');

    await screen.findByRole('heading', { level: 1, name: 'Add actions to SD-2022' });
    expect(within(row(1)).getByLabelText('Recommendation it serves')).toHaveValue('12');
    await fillRow(user, 1, 'wmp', 'one');
    for (const [n, agency] of [[2, 'wmas'], [3, 'sct'], [4, 'wmp'], [5, 'wmas']] as const) {
      await user.click(screen.getByRole('button', { name: 'Add another action' }));
      await fillRow(user, n, agency, `row ${n}`);
    }
    await user.selectOptions(within(row(5)).getByLabelText('Recommendation it serves'), '');
    await user.click(screen.getByRole('button', { name: 'Save 5 actions' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Review page' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/reviews/3');
    expect(screen.getByRole('alert')).toHaveTextContent('5 actions added');
    expect(screen.getByRole('alert')).toHaveTextContent('SD-2022/A1 to SD-2022/A5');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.actions.map((action) => [action.recommendationId, action.ownerAgencyId, action.learningNeed])).toEqual([
      [12, 1, 'Need: one'],
      [12, 2, 'Need: row 2'],
      [12, 4, 'Need: row 3'],
      [12, 1, 'Need: row 4'],
      [null, 2, 'Need: row 5'],
    ]);
  });

  it('tells someone who may not change plans that they cannot add actions', async () => {
    stubApi();
    renderPage('/reviews/3/actions/new', makeAgencyLeadMe());

    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot add actions' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save/ })).not.toBeInTheDocument();
  });
});
