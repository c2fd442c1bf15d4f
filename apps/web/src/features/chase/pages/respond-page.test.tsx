import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProgressUpdate, RespondView } from '@lrt/contracts';
import { storedFile, stubXhr } from '@/features/evidence/fake-xhr';
import { jsonResponse, renderAt } from '@/test/render';
import { makeRespondAction, makeRespondView, makeUpdate } from '../test-factories';
import { RespondPage } from './respond-page';

const TOKEN = 'Zt9_kQ-7vLw3';
const VIEW_PATH = `/api/respond/${TOKEN}`;

const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  jsonResponse({ type: 'about:blank', title: 'Refused', status, detail, code, ...extra }, { status });

interface StubOptions {
  view?: RespondView | (() => Response);
  onPost?: (body: Record<string, unknown>) => Response;
}

/** The API of a reply link, as it answers someone with no session: the view, and updates that answer its actions. */
function stubApi({ view = makeRespondView(), onPost }: StubOptions = {}) {
  let current = typeof view === 'function' ? null : view;
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === VIEW_PATH && method === 'GET') return typeof view === 'function' ? view() : jsonResponse(current);
    const posting = /^\/api\/respond\/[^/]+\/actions\/(\d+)\/updates$/.exec(url.pathname);
    if (posting && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      if (onPost) return onPost(body);
      const update: ProgressUpdate = makeUpdate({
        id: 202,
        createdAt: '2026-03-06T11:15:00.000Z',
        note: String(body.note),
        confidence: body.confidence as ProgressUpdate['confidence'],
        statusChange: (body.statusChange as ProgressUpdate['statusChange']) ?? null,
      });
      current = {
        ...current!,
        actions: current!.actions.map((action) =>
          action.id === Number(posting[1]) ? { ...action, answeredAt: update.createdAt, recentUpdates: [update, ...action.recentUpdates] } : action,
        ),
      };
      return jsonResponse(update, { status: 201 });
    }
    return problem(404, 'not_found', 'Not found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const posts = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([input, init]) => ({ url: String(input), body: JSON.parse(String(init?.body)) as unknown }));

const renderPage = () => renderAt(<RespondPage />, { url: `/respond/${TOKEN}`, path: '/respond/:token', me: null });

/** An action of the link, once its form (loaded after the page) is there. */
async function actionSection(ref: string) {
  const section = await screen.findByRole('region', { name: ref });
  await within(section).findByRole('button', { name: /^Post (update|your answer)$/ });
  return section;
}

describe('RespondPage', () => {
  it('offers the documents of earlier updates for download through the link itself', async () => {
    const withDocument = makeRespondView({
      actions: [
        makeRespondAction({
          recentUpdates: [
            makeUpdate({ evidence: [{ label: 'Audit report', fileId: 41, name: 'audit.pdf', size: 2048, contentType: 'application/pdf' }] }),
          ],
        }),
      ],
    });
    stubApi({ view: withDocument });
    renderPage();
    const link = await screen.findByRole('link', { name: 'Audit report' });
    expect(link).toHaveAttribute('href', `/api/respond/${TOKEN}/evidence/41`);
    expect(link).toHaveAttribute('download', 'audit.pdf');
  });

  it('opens for someone who is not signed in, saying who it is for, who asked, by when and until when it works', async () => {
    const fetchMock = stubApi({
      view: makeRespondView({
        actions: [
          makeRespondAction(),
          makeRespondAction({
            id: 8,
            ref: 'SD-2022/A4',
            status: 'completed',
            brag: 'green',
            bragReason: 'completed, awaiting assurance',
            returned: { on: '2026-03-01T10:00:00.000Z', question: 'What did the re-audit find?', replyBy: '2026-03-17' },
            recentUpdates: [],
          }),
        ],
      }),
    });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Updates asked of West Midlands Police' })).toBeInTheDocument();
    expect(document.title).toMatch(/^Updates asked of West Midlands Police/);
    expect(screen.getByText('Northshire Safeguarding Children Partnership')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('Alex Morgan asked West Midlands Police on 3 March 2026 for an update on 2 actions, by 17 March 2026.');
    expect(document.body).toHaveTextContent('This link is forSam Patel, sam.patel@police.example');
    expect(document.body).toHaveTextContent('The link works untilthe end of 31 March 2026');
    expect(document.body).toHaveTextContent('Answered so far0 of 2 actions');
    expect(screen.getByRole('link', { name: 'sign in' })).toHaveAttribute('href', '/sign-in?returnTo=%2Fmy-agency');

    const first = await actionSection('SD-2022/A3');
    expect(first).toHaveTextContent('Waiting for an update');
    expect(first).toHaveTextContent('ReviewSD-2022: Child SD: learning review');
    expect(first).toHaveTextContent('Learning needOfficers did not hear the voice of the child.');
    expect(first).toHaveTextContent('Target date31 March 2026');
    expect(within(first).getByText('Amber')).toBeInTheDocument();
    expect(first).toHaveTextContent('no update for 60 days');
    expect(within(first).getByRole('heading', { level: 4, name: 'Progress note' })).toBeInTheDocument();
    expect(first).toHaveTextContent('by Sam Patel, 1 February 2026 at 10:00am. Confidence: At risk');
    // Only the status changes the API offers this holder.
    expect(within(within(first).getByLabelText('Change the status of the action (optional)')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'No change: keep it In progress',
      'Completed',
      'Withdrawn',
    ]);

    const returned = await actionSection('SD-2022/A4');
    expect(returned).toHaveTextContent('The subgroup asks:What did the re-audit find?');
    expect(within(returned).getByRole('button', { name: 'Post your answer' })).toBeInTheDocument();
    expect(returned).toHaveTextContent('No progress update has been posted on this action yet.');

    // The link is the only credential: nothing but the link's own routes is asked.
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toEqual([VIEW_PATH]);
  });

  it('posts an update with a status change and a link, then shows the action as answered with the new update', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    await user.click(within(section).getByLabelText('On track'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'All 240 response officers briefed.');
    await user.selectOptions(within(section).getByLabelText('Change the status of the action (optional)'), 'Completed');
    await user.click(within(section).getByRole('button', { name: 'Add an evidence link' }));
    await waitFor(() => expect(within(section).getByLabelText('Evidence link 1: what it is')).toHaveFocus());
    await user.type(within(section).getByLabelText('Evidence link 1: what it is'), 'Training register');
    await user.type(within(section).getByLabelText('Evidence link 1: web address'), 'https://intranet.example/register');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));

    await waitFor(() =>
      expect(posts(fetchMock)).toEqual([
        {
          url: `/api/respond/${TOKEN}/actions/7/updates`,
          body: {
            note: 'All 240 response officers briefed.',
            confidence: 'on_track',
            evidence: [{ label: 'Training register', url: 'https://intranet.example/register' }],
            statusChange: { from: 'in_progress', to: 'completed' },
          },
        },
      ]),
    );
    const confirmation = await within(section).findByText('Your update on SD-2022/A3 is posted');
    await waitFor(() => expect(confirmation.closest('[tabindex="-1"]')).toHaveFocus());
    await waitFor(() => expect(section).toHaveTextContent('Answered on 6 March 2026'));
    expect(within(section).getByText('All 240 response officers briefed.')).toBeInTheDocument();
    expect(within(section).getByRole('heading', { level: 4, name: 'Status changed from In progress to Completed' })).toBeInTheDocument();
    await waitFor(() => expect(document.body).toHaveTextContent('Answered so far1 of 1 action'));

    // Another update is one button away, and the form opens at its first field.
    await user.click(within(section).getByRole('button', { name: 'Post another update on SD-2022/A3' }));
    await waitFor(() => expect(within(section).getByLabelText('On track')).toHaveFocus());
  });

  it('checks the form before sending: a confidence and a note, evidence to propose completion, a reason to withdraw', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Select how confident you are that the action is on track' })).toHaveAttribute('href', '#reply-7-confidence');
    expect(within(summary).getByRole('link', { name: 'Enter what has been done since the last update' })).toHaveAttribute('href', '#reply-7-note');
    expect(within(section).getByLabelText('What has been done since the last update?')).toHaveAccessibleDescription(
      expect.stringContaining('Enter what has been done since the last update'),
    );

    await user.click(within(section).getByLabelText('At risk'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'Done.');
    await user.selectOptions(within(section).getByLabelText('Change the status of the action (optional)'), 'Completed');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    expect(await within(screen.getByRole('alert')).findByText('Add a document or an evidence link to propose the action as completed')).toBeInTheDocument();

    await user.selectOptions(within(section).getByLabelText('Change the status of the action (optional)'), 'Withdrawn');
    expect(within(section).getByLabelText('Reason for withdrawing the action')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: 'Enter why the action is withdrawn' })).toHaveAttribute('href', '#reply-7-reason');
    expect(posts(fetchMock)).toEqual([]);
  });

  it('shows the API’s field errors beside their fields', async () => {
    stubApi({
      onPost: () =>
        problem(422, 'validation.failed', 'The request has invalid fields', {
          errors: [{ path: 'evidence.0.url', message: 'must be a web address starting http:// or https://' }],
        }),
    });
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    await user.click(within(section).getByLabelText('On track'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'Audit done.');
    await user.click(within(section).getByRole('button', { name: 'Add an evidence link' }));
    await user.type(within(section).getByLabelText('Evidence link 1: what it is'), 'Audit');
    await user.type(within(section).getByLabelText('Evidence link 1: web address'), 'https://intranet.example/audit');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Evidence link 1 must be a web address starting http:// or https://' });
    await user.click(link);
    expect(within(section).getByLabelText('Evidence link 1: web address')).toHaveFocus();
    expect(within(section).getByLabelText('What has been done since the last update?')).toHaveValue('Audit done.');
  });

  it('on a version conflict shows the action as it now is, keeps the note and asks to check before posting again', async () => {
    // A colleague proposed it complete meanwhile: the API refuses the stale change and says how the action now is.
    const moved = { status: 'completed', brag: 'green', bragReason: 'completed, awaiting assurance', version: 5 } as const;
    let action = makeRespondAction();
    stubApi({
      view: () => jsonResponse(makeRespondView({ actions: [action] })),
      onPost: () => {
        action = { ...action, ...moved, statusChanges: ['in_progress', 'withdrawn'] };
        return problem(409, 'action.version_conflict', 'The action has changed', { current: { id: 7, ...moved } });
      },
    });
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    await user.click(within(section).getByLabelText('On track'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'Briefings finished.');
    await user.selectOptions(within(section).getByLabelText('Change the status of the action (optional)'), 'Withdrawn');
    await user.type(within(section).getByLabelText('Reason for withdrawing the action'), 'Superseded.');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Someone has updated this action since you opened this page: it is now Completed.');
    expect(summary).toHaveTextContent('Your change of status to Withdrawn has been cleared');
    await waitFor(() => expect(section).toHaveTextContent('StatusCompleted'));
    expect(within(section).getByText('Green')).toBeInTheDocument();
    expect(within(section).getByLabelText('What has been done since the last update?')).toHaveValue('Briefings finished.');
    expect(within(section).getByLabelText('Change the status of the action (optional)')).toHaveValue('');
  });

  it('uploads a document through the link and cites it in the update', async () => {
    const fetchMock = stubApi();
    const xhrs = stubXhr();
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    const file = new File(['%PDF-1.7 audit'], 'audit-report.pdf', { type: 'application/pdf' });
    await user.upload(within(section).getByLabelText('Add a document'), file);
    await waitFor(() => expect(xhrs).toHaveLength(1));
    expect(xhrs[0]!.url).toBe(`/api/respond/${TOKEN}/evidence`);
    expect(xhrs[0]!.file?.name).toBe('audit-report.pdf');
    await xhrs[0]!.respond(201, storedFile({ id: 93 }));
    expect(await within(section).findByLabelText('Document 1: what it is')).toHaveValue('audit-report');

    await user.click(within(section).getByLabelText('On track'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'Audit attached.');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(posts(fetchMock).map((post) => post.body)).toEqual([
      { note: 'Audit attached.', confidence: 'on_track', evidence: [{ label: 'audit-report', fileId: 93 }], statusChange: null },
    ]));
  });

  it('says when the link stopped working while the form was open, and offers signing in', async () => {
    stubApi({ onPost: () => problem(410, 'reply_link.revoked', 'The partnership business unit withdrew this link on 6 March 2026.') });
    const user = userEvent.setup();
    renderPage();
    const section = await actionSection('SD-2022/A3');
    await user.click(within(section).getByLabelText('On track'));
    await user.type(within(section).getByLabelText('What has been done since the last update?'), 'Done.');
    await user.click(within(section).getByRole('button', { name: 'Post update' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The partnership business unit withdrew this link on 6 March 2026. Copy what you wrote, then sign in to post it.');
    expect(screen.getByRole('link', { name: 'Sign in to post your update' })).toHaveAttribute('href', '/sign-in?returnTo=%2Fmy-agency');
  });

  it.each([
    [410, 'reply_link.expired', 'This link worked until 31 March 2026.', 'This link has expired'],
    [410, 'reply_link.revoked', 'The partnership business unit withdrew this link on 6 March 2026.', 'This link has been revoked'],
    [410, 'reply_link.holder_changed', 'The account this link was sent to is no longer a lead of the agency.', 'This link no longer works'],
    [404, 'reply_link.not_found', 'There is no such link.', 'This link does not work'],
  ])('explains a link answered %i %s in words and offers signing in', async (status, code, detail, heading) => {
    stubApi({ view: () => problem(status, code, detail) });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(document.title).toMatch(new RegExp(`^${heading}`));
    expect(document.body).toHaveTextContent(detail);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in?returnTo=%2Fmy-agency');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });
});
