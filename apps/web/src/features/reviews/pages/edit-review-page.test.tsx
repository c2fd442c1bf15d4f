import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { renderAt } from '@/test/render';
import { fakePlanApi, makeReview, problem } from '../test-fixtures';
import { EditReviewPage } from './edit-review-page';

/** Forms and the schemas load lazily in the app; here they are loaded once up front, so no test waits on them. */
beforeAll(async () => {
  await Promise.all([import('@lrt/contracts')]);
});

/** Journeys type into many fields: give them time on a busy machine. */
const JOURNEY = { timeout: 20_000 };


const renderPage = (options: { me?: ReturnType<typeof makeAgencyLeadMe> } = {}) =>
  renderAt(<EditReviewPage />, { url: '/reviews/3/edit', path: '/reviews/:reviewId/*', ...options });

describe('EditReviewPage', JOURNEY, () => {
  it('shows the review as it is saved, its dates in day, month and year boxes', async () => {
    fakePlanApi({ review: makeReview({ subgroupId: 5, themeIds: [6] }) });
    renderPage();

    expect(await screen.findByLabelText('Code')).toHaveValue('SD-2022');
    expect(screen.getByLabelText('Type of review')).toHaveValue('lcspr');
    expect(screen.getByRole('radio', { name: 'Review under way' })).toBeChecked();
    const started = screen.getByRole('group', { name: 'Date the review started (optional)' });
    expect(within(started).getByLabelText('Day')).toHaveValue('1');
    expect(within(started).getByLabelText('Month')).toHaveValue('4');
    expect(within(started).getByLabelText('Year')).toHaveValue('2022');
    expect(screen.getByLabelText('Subgroup overseeing the plan (optional)')).toHaveValue('5');
    expect(screen.getByRole('checkbox', { name: 'Child’s voice' })).toBeChecked();
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/reviews/3');
  });

  it('sends only what changed, with the version it was based on, and goes back to the review', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi();
    renderPage();

    await user.click(await screen.findByRole('radio', { name: 'Published' }));
    expect(screen.getByText('The stage is Published but no publication date is recorded')).toBeInTheDocument();
    const published = screen.getByRole('group', { name: 'Date the review was published (optional)' });
    await user.type(within(published).getByLabelText('Day'), '10');
    await user.type(within(published).getByLabelText('Month'), '1');
    await user.type(within(published).getByLabelText('Year'), '2023');
    expect(screen.queryByText(/no publication date is recorded/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/reviews\/3$/));
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/reviews/3', body: { version: 1, stage: 'published', publishedOn: '2023-01-10' } }]);
  });

  it('on a version conflict, shows what is saved now beside what was entered, and saves it onto the new version when asked', async () => {
    const user = userEvent.setup({ delay: null });
    const theirs = makeReview({ title: 'Retitled by a colleague', version: 2 });
    let conflicted = false;
    const { sent } = fakePlanApi({
      respond: ({ method }) => {
        if (method !== 'PATCH' || conflicted) return undefined;
        conflicted = true;
        return problem(409, 'review.version_conflict', { errors: [{ path: 'version', message: 'is not the current version' }], current: theirs });
      },
    });
    renderPage();

    const lead = await screen.findByLabelText('Lead reviewer (optional)');
    await user.clear(lead);
    await user.type(lead, 'Sam Jones');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText(/Someone else changed this review while you were editing it/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'What is saved now, and what you entered' });
    const title = within(table).getByRole('row', { name: /Title/ });
    expect(title).toHaveTextContent('Retitled by a colleague');
    expect(title).toHaveTextContent('You did not change this');
    const leadRow = within(table).getByRole('row', { name: /Lead reviewer/ });
    expect(leadRow).toHaveTextContent('Jane Doe');
    expect(leadRow).toHaveTextContent('Sam Jones');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save what I entered' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/reviews\/3$/));
    expect(sent.map((request) => request.body)).toEqual([
      { version: 1, leadReviewer: 'Sam Jones' },
      { version: 2, leadReviewer: 'Sam Jones' },
    ]);
  });

  it('on a version conflict, can drop what was entered and show the saved version instead', async () => {
    const user = userEvent.setup({ delay: null });
    const theirs = makeReview({ title: 'Retitled by a colleague', version: 2 });
    const { sent } = fakePlanApi({
      respond: ({ method }) =>
        method === 'PATCH' ? problem(409, 'review.version_conflict', { errors: [{ path: 'version', message: 'is not the current version' }], current: theirs }) : undefined,
    });
    renderPage();

    await user.type(await screen.findByLabelText('Summary (optional)'), 'A note');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(await screen.findByRole('button', { name: 'Use what is saved now' }));

    expect(screen.getByLabelText('Title')).toHaveValue('Retitled by a colleague');
    expect(screen.getByLabelText('Summary (optional)')).toHaveValue('');
    expect(sent).toHaveLength(1);
  });

  it('shows nothing of the form to people who may not change plans', async () => {
    fakePlanApi();
    renderPage({ me: makeAgencyLeadMe() });
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot change reviews' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Code')).not.toBeInTheDocument();
  });
});
