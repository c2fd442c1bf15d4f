import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { renderAt } from '@/test/render';
import { fakePlanApi, problem } from '../test-fixtures';
import { NewReviewPage } from './new-review-page';

/** Forms and the schemas load lazily in the app; here they are loaded once up front, so no test waits on them. */
beforeAll(async () => {
  await Promise.all([import('@lrt/contracts')]);
});

/** Journeys type into many fields: give them time on a busy machine. */
const JOURNEY = { timeout: 20_000 };


const errorSummary = async () => (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;

/** The fields every review needs. */
async function fillInTheRequiredFields(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Code'), 'CR-2026');
  await user.selectOptions(screen.getByLabelText('Type of review'), 'Local child safeguarding practice review');
  await user.type(screen.getByLabelText('Child’s pseudonym'), 'Child R');
  await user.type(screen.getByLabelText('Title'), 'Local child safeguarding practice review: Child R');
}

const dateGroup = (name: string) => screen.getByRole('group', { name: `${name} (optional)` });

describe('NewReviewPage', JOURNEY, () => {
  it('checks the form before sending: each error in the summary, linked to its field, and beside it', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi();
    renderAt(<NewReviewPage />, { url: '/reviews/new' });

    await user.type(within(await screen.findByRole('group', { name: 'Date the partnership was notified (optional)' })).getByLabelText('Day'), '30');
    await user.type(within(dateGroup('Date the partnership was notified')).getByLabelText('Month'), '2');
    await user.type(within(dateGroup('Date the partnership was notified')).getByLabelText('Year'), '2026');
    await user.type(within(dateGroup('Date the review started')).getByLabelText('Day'), '1');
    await user.type(within(dateGroup('Date the review started')).getByLabelText('Month'), '4');
    await user.type(within(dateGroup('Date the review started')).getByLabelText('Year'), '2022');
    await user.type(within(dateGroup('Date the review was completed')).getByLabelText('Day'), '1');
    await user.type(within(dateGroup('Date the review was completed')).getByLabelText('Month'), '3');
    await user.type(within(dateGroup('Date the review was completed')).getByLabelText('Year'), '2022');
    await user.click(screen.getByRole('button', { name: 'Add review' }));

    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Enter a code for the review, for example SD-2022' })).toHaveAttribute('href', '#review-code');
    expect(within(summary).getByRole('link', { name: 'Select the type of review' })).toHaveAttribute('href', '#review-type');
    expect(within(summary).getByRole('link', { name: 'Enter the child’s pseudonym, as the review names them' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter a title for the review' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Date the partnership was notified must be a real date, for example 31 3 2027' })).toHaveAttribute(
      'href',
      '#review-notified-on',
    );
    expect(
      within(summary).getByRole('link', { name: 'Date the review was completed must not be before the date the review started (1 April 2022)' }),
    ).toHaveAttribute('href', '#review-completed-on');
    expect(screen.getByLabelText('Code')).toHaveAccessibleDescription(expect.stringContaining('Error: Enter a code for the review'));
    expect(dateGroup('Date the review was completed')).toHaveAccessibleDescription(expect.stringContaining('must not be before the date the review started'));
    await waitFor(() => expect(document.title).toMatch(/^Error: Add a review/));
    expect(sent).toEqual([]);
  });

  it('shows the API’s field errors beside their fields and in the summary, and keeps what was typed', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({
      respond: ({ method, path }) =>
        method === 'POST' && path === '/api/reviews'
          ? problem(409, 'review.code_taken', { errors: [{ path: 'code', message: 'another review has this code' }] })
          : undefined,
    });
    renderAt(<NewReviewPage />, { url: '/reviews/new' });

    await fillInTheRequiredFields(user);
    await user.click(screen.getByRole('button', { name: 'Add review' }));

    const summary = await errorSummary();
    expect(within(summary).getByRole('link', { name: 'Another review has this code' })).toHaveAttribute('href', '#review-code');
    expect(screen.getByLabelText('Code')).toHaveAccessibleDescription(expect.stringContaining('Error: Another review has this code'));
    expect(screen.getByLabelText('Code')).toHaveValue('CR-2026');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ code: 'CR-2026', type: 'lcspr', childPseudonym: 'Child R', stage: 'rapid_review', themeIds: [] });
  });

  it('warns, as the stage and dates change, when they disagree, but saves the review all the same', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi();
    renderAt(<NewReviewPage />, { url: '/reviews/new' });

    await fillInTheRequiredFields(user);
    expect(screen.queryByText(/no publication date is recorded/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Published' }));
    expect(screen.getByText('The stage is Published but no publication date is recorded')).toBeInTheDocument();
    expect(screen.getByText('The stage is Published but no review start date is recorded')).toBeInTheDocument();
    expect(screen.getByText('Check the stage and dates. You can still save the review as it is.')).toBeInTheDocument();

    // A start date answers one of the warnings as soon as it is complete.
    const started = dateGroup('Date the review started');
    await user.type(within(started).getByLabelText('Day'), '3');
    await user.type(within(started).getByLabelText('Month'), '2');
    await user.type(within(started).getByLabelText('Year'), '2025');
    expect(screen.queryByText('The stage is Published but no review start date is recorded')).not.toBeInTheDocument();
    expect(screen.getByText('The stage is Published but no publication date is recorded')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Information sharing' }));
    await user.selectOptions(screen.getByLabelText('Subgroup overseeing the plan (optional)'), 'Learning and Practice Review subgroup');
    await user.click(screen.getByRole('button', { name: 'Add review' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/reviews/9'));
    expect(sent[0]?.body).toEqual({
      code: 'CR-2026',
      type: 'lcspr',
      childPseudonym: 'Child R',
      title: 'Local child safeguarding practice review: Child R',
      stage: 'published',
      notifiedOn: null,
      rapidReviewOn: null,
      startedOn: '2025-02-03',
      completedOn: null,
      publishedOn: null,
      leadReviewer: '',
      subgroupId: 5,
      themeIds: [7],
      summary: '',
    });
  });

  it('lists themes as plain checkboxes in the page, not in a box of their own', async () => {
    fakePlanApi();
    renderAt(<NewReviewPage />, { url: '/reviews/new' });
    const themes = await screen.findByRole('group', { name: 'Themes (optional)' });
    expect(within(themes).getAllByRole('checkbox')).toHaveLength(2);
    expect(themes.closest('.app-filter__long')).toBeNull();
  });

  it('tells people who may not change plans that they cannot add reviews', async () => {
    fakePlanApi();
    renderAt(<NewReviewPage />, { url: '/reviews/new', me: makeAgencyLeadMe() });
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot add reviews' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add review' })).not.toBeInTheDocument();
  });
});
