import type { Action } from '@lrt/contracts';
import { screen, within } from '@testing-library/react';
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
    expect(within(summary).getByRole('link', { name: 'Enter your name' })).toHaveAttribute('href', '#update-author');
    expect(within(summary).getByRole('link', { name: 'Select how confident you are that the action is on track' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter what has been done since the last update' })).toBeInTheDocument();
    expect(summary).toHaveFocus();

    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Error: Enter your name');
    expect(screen.getByRole('group', { name: 'How confident are you that the action is on track?' })).toHaveAccessibleDescription(
      'Error: Select how confident you are that the action is on track',
    );
    expect(fetchMock).not.toHaveBeenCalled();

    // Mending a field keeps the focus there.
    await user.click(screen.getByLabelText('Your name'));
    await user.type(screen.getByLabelText('Your name'), 'Sam');
    expect(screen.getByLabelText('Your name')).toHaveFocus();
    expect(screen.getByLabelText('Your name')).toHaveValue('Sam');
  });

  it('checks evidence links against the shared schema', async () => {
    const { fetchMock, user } = renderForm();

    await user.type(screen.getByLabelText('Your name'), 'Sam Patel');
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

    await user.type(screen.getByLabelText('Your name'), 'Sam Patel');
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

  it('offers only the status changes the workflow allows', () => {
    renderForm(makeAction({ status: 'completed' }));
    const options = within(screen.getByLabelText('Change the status of the action (optional)'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['No change: keep it Completed', 'Assured', 'In progress', 'Withdrawn']);
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

    await user.type(screen.getByLabelText('Your name'), '  Sam Patel ');
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
      authorName: 'Sam Patel',
      note: 'All response officers briefed.',
      confidence: 'on_track',
      evidence: [{ label: 'Briefing register', url: 'https://intranet.example/briefings' }],
      statusChange: { to: 'completed' },
      actionVersion: 4,
    });

    // Ready for the next update: the note is cleared, the author's name kept.
    expect(screen.getByLabelText('What has been done since the last update?')).toHaveValue('');
    expect(screen.getByLabelText('Your name')).toHaveValue('  Sam Patel ');
  });
});
