import type { Action } from '@lrt/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeAction, makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ProgressUpdateForm } from './progress-update-form';

const agencies = new Map([[1, makeAgency()]]);

function renderForm(action: Action = makeAction()) {
  const fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  renderAt(<ProgressUpdateForm action={action} agencies={agencies} />, { url: `/actions/${action.id}` });
  return { fetchMock, user };
}

const errorSummary = () => screen.getByText('There is a problem').closest('.govuk-error-summary') as HTMLElement;

describe('ProgressUpdateForm', () => {
  it('shows what is missing, in the summary and next to each field, without sending anything', async () => {
    const { fetchMock, user } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const summary = errorSummary();
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select how confident you are that the action is on track' })).toHaveAttribute(
      'href',
      '#update-confidence',
    );
    expect(within(summary).getByRole('link', { name: 'Enter what has been done since the last update' })).toHaveAttribute(
      'href',
      '#update-note',
    );
    expect(summary).toHaveFocus();

    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(screen.getByLabelText('What has been done since the last update?')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter what has been done since the last update'),
    );
    expect(screen.getByRole('group', { name: 'How confident are you that the action is on track?' })).toHaveAccessibleDescription(
      'Error: Select how confident you are that the action is on track',
    );
    expect(fetchMock).not.toHaveBeenCalled();

    // Mending a field keeps the focus there.
    const note = screen.getByLabelText('What has been done since the last update?');
    await user.click(note);
    await user.type(note, 'Briefings');
    expect(note).toHaveFocus();
    expect(note).toHaveValue('Briefings');
  });

  it('checks evidence links against the shared schema', async () => {
    const { fetchMock, user } = renderForm();

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(screen.getByLabelText('What has been done since the last update?'), 'Briefings delivered.');
    await user.click(screen.getByRole('button', { name: 'Add an evidence link' }));
    await user.type(screen.getByLabelText('Evidence link 1: what it is'), 'Briefing slides');
    await user.type(screen.getByLabelText('Evidence link 1: web address'), 'sharepoint/slides.pptx');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const message = 'Evidence link 1 must be a web address starting http:// or https://';
    expect(within(errorSummary()).getByRole('link', { name: message })).toBeInTheDocument();
    expect(screen.getByLabelText('Evidence link 1: web address')).toHaveAccessibleDescription(`Error: ${message}`);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the field errors of a problem+json response next to their fields', async () => {
    const { fetchMock, user } = renderForm(makeAction({ status: 'not_started' }));
    fetchMock.mockResolvedValue(
      jsonResponse(
        {
          type: 'https://tracker.example/problems/action.transition_not_allowed',
          title: 'The status cannot change',
          status: 422,
          detail: 'statusChange.to: an action that is not started can move only to in progress, withdrawn',
          code: 'action.transition_not_allowed',
          errors: [{ path: 'statusChange.to', message: 'an action that is not started can move only to in progress, withdrawn' }],
        },
        { status: 422 },
      ),
    );

    await user.click(screen.getByRole('radio', { name: 'At risk' }));
    await user.type(screen.getByLabelText('What has been done since the last update?'), 'Work has started.');
    await user.selectOptions(screen.getByLabelText('Change the status of the action (optional)'), 'In progress');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    const message = 'An action that is not started can move only to in progress, withdrawn';
    expect(await within(errorSummary()).findByRole('link', { name: message })).toHaveAttribute('href', '#update-status');
    expect(screen.getByLabelText('Change the status of the action (optional)')).toHaveAccessibleDescription(
      expect.stringContaining(`Error: ${message}`),
    );
    expect(screen.queryByText('Your progress update has been posted')).not.toBeInTheDocument();
  });

  it('offers exactly the status changes the API allows this person', () => {
    renderForm(makeAction({ status: 'completed' }));
    const options = () =>
      within(screen.getByLabelText('Change the status of the action (optional)'))
        .getAllByRole('option')
        .map((option) => option.textContent);
    expect(options()).toEqual(['No change: keep it Completed', 'Assured', 'In progress', 'Withdrawn']);
  });

  it('offers an agency lead only their own moves, and no status field when they have none', () => {
    const permissions = { canEdit: false, canPostUpdate: true, statusChanges: ['in_progress' as const], agencyIds: [1], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false };
    renderForm(makeAction({ status: 'completed', permissions }));
    const options = within(screen.getByLabelText('Change the status of the action (optional)'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['No change: keep it Completed', 'In progress']);
  });

  it('says the status cannot change when the API allows no change', () => {
    renderForm(makeAction({ status: 'completed', permissions: { canEdit: false, canPostUpdate: true, statusChanges: [], agencyIds: [1], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByLabelText('Change the status of the action (optional)')).not.toBeInTheDocument();
    expect(screen.getByText('The action is Completed. You cannot change its status.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Post update' })).toBeInTheDocument();
  });

  it('is not shown to someone who may not post on the action', () => {
    renderForm(makeAction({ permissions: { canEdit: false, canPostUpdate: false, statusChanges: [], agencyIds: [], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByRole('heading', { name: 'Post a progress update' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Post update' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('asks which agency the update is for only when the author speaks for more than one', async () => {
    const twoAgencies = new Map([
      [1, makeAgency()],
      [2, makeAgency({ id: 2, name: 'Birmingham Children’s Trust', shortName: 'BCT', kind: 'local_authority' })],
    ]);
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    const action = makeAction({
      kind: 'multi_agency',
      partnerAgencyIds: [2],
      permissions: { canEdit: false, canPostUpdate: true, statusChanges: ['completed'], agencyIds: [2, 1], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false },
    });
    renderAt(<ProgressUpdateForm action={action} agencies={twoAgencies} />, { url: '/actions/7' });

    const agency = screen.getByLabelText('Agency you are writing for');
    expect(within(agency).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Birmingham Children’s Trust',
      'West Midlands Police (leads this action)',
    ]);
    expect(agency).toHaveValue('1');

    fetchMock.mockResolvedValue(jsonResponse({ message: 'unused' }, { status: 500 }));
    await user.selectOptions(agency, 'Birmingham Children’s Trust');
    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(screen.getByLabelText('What has been done since the last update?'), 'Joint audit done.');
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toMatchObject({ agencyId: 2 });
  });

  it('does not ask for an agency when the author speaks for one or none', () => {
    renderForm(makeAction({ kind: 'multi_agency', partnerAgencyIds: [2], permissions: { canEdit: false, canPostUpdate: true, statusChanges: [], agencyIds: [1], canDecideAssurance: false, canRequestTargetDate: false, canDecideTargetDate: false } }));
    expect(screen.queryByLabelText('Agency you are writing for')).not.toBeInTheDocument();
  });

  it('asks for evidence of impact when assuring, and a reason when withdrawing', async () => {
    const { user } = renderForm(makeAction({ status: 'completed' }));
    const status = screen.getByLabelText('Change the status of the action (optional)');
    expect(screen.queryByLabelText('Evidence of impact')).not.toBeInTheDocument();

    await user.selectOptions(status, 'Assured');
    expect(screen.getByLabelText('Evidence of impact')).toBeInTheDocument();
    expect(screen.queryByLabelText('Reason for withdrawing the action')).not.toBeInTheDocument();

    await user.selectOptions(status, 'Withdrawn');
    expect(screen.getByLabelText('Reason for withdrawing the action')).toBeInTheDocument();
    expect(screen.queryByLabelText('Evidence of impact')).not.toBeInTheDocument();
  });

  it('sends the update with its evidence and status change, then confirms it', async () => {
    const { fetchMock, user } = renderForm();
    fetchMock.mockResolvedValue(
      jsonResponse(
        {
          id: 40,
          actionId: 7,
          authorName: 'Sam Patel',
          agencyId: 1,
          createdAt: '2026-03-03T10:00:00.000Z',
          note: 'All response officers briefed.',
          confidence: 'on_track',
          statusChange: { from: 'in_progress', to: 'completed' },
          evidence: [{ label: 'Briefing register', url: 'https://intranet.example/briefings' }],
          evidenceOfImpact: null,
          reason: null,
        },
        { status: 201 },
      ),
    );

    await user.click(screen.getByRole('radio', { name: 'On track' }));
    await user.type(screen.getByLabelText('What has been done since the last update?'), 'All response officers briefed.');
    await user.click(screen.getByRole('button', { name: 'Add an evidence link' }));
    await user.type(screen.getByLabelText('Evidence link 1: what it is'), 'Briefing register');
    await user.type(screen.getByLabelText('Evidence link 1: web address'), 'https://intranet.example/briefings');
    await user.click(screen.getByRole('button', { name: 'Add another evidence link' }));
    await user.click(screen.getByRole('button', { name: 'Remove evidence link 2' }));
    await user.selectOptions(screen.getByLabelText('Change the status of the action (optional)'), 'Completed');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    expect(await screen.findByText('Your progress update has been posted')).toBeInTheDocument();
    expect(screen.getByText('The action is now Completed.')).toBeInTheDocument();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/actions/7/updates');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({
      note: 'All response officers briefed.',
      confidence: 'on_track',
      evidence: [{ label: 'Briefing register', url: 'https://intranet.example/briefings' }],
      statusChange: { to: 'completed' },
      actionVersion: 4,
    });

    // The author is the signed-in person: the API records their name, so the form never asks for it.
    expect((init.headers as Headers).get('Content-Type')).toBe('application/json');

    // Ready for the next update: the note is cleared.
    expect(screen.getByLabelText('What has been done since the last update?')).toHaveValue('');
  });
});
