import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAgencyLeadMe } from '@/test/factories';
import { renderAt } from '@/test/render';
import type { ReviewSavedState } from '../components/review-form';
import { fakePlanApi, makeLearningPoint, makeRecommendation, makeReview, problem } from '../test-fixtures';
import { ReviewPage } from './review-page';
import { ReviewsPage } from './reviews-page';

/** Forms and the schemas load lazily in the app; here they are loaded once up front, so no test waits on them. */
beforeAll(async () => {
  await Promise.all([import('@lrt/contracts'), import('../components/learning-point-form'), import('../components/recommendation-form')]);
});

/** Journeys type into many fields: give them time on a busy machine. */
const JOURNEY = { timeout: 20_000 };


const renderReview = (options: Parameters<typeof renderAt>[1] = {}) =>
  renderAt(<ReviewPage />, { url: '/reviews/3', path: '/reviews/:reviewId', ...options });

const learningPointsList = async () => (await screen.findByRole('heading', { name: /^Learning point 1:/ })).closest('ol') as HTMLElement;
const liveText = () => screen.getAllByRole('status').map((region) => region.textContent ?? '').join(' ');

describe('the review plan, for the business unit', JOURNEY, () => {
  it('adds learning points one after another, then closes the form and returns focus to the button that opened it', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({ learningPoints: [makeLearningPoint()] });
    renderReview();

    await user.click(await screen.findByRole('button', { name: 'Add a learning point' }));
    const title = await screen.findByLabelText('Title');
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.getByLabelText('Number')).toHaveValue('2');
    // Typed in, or pasted from the review's report.
    await user.type(title, 'Information was not shared between agencies');
    await user.click(screen.getByLabelText('Description (optional)'));
    await user.paste('The school knew; the GP did not.');
    await user.click(screen.getByRole('button', { name: 'Save and add another learning point' }));

    expect(await screen.findByText('Learning point 2 has been added. Add the next one, or close the form.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Learning point 2: Information was not shared between agencies' })).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('');
    expect(screen.getByLabelText('Title')).toHaveFocus();
    await waitFor(() => expect(screen.getByLabelText('Number')).toHaveValue('3'));

    await user.click(screen.getByLabelText('Title'));
    await user.paste('No multi-agency chronology');
    await user.click(screen.getByRole('button', { name: 'Save and close' }));
    expect(await screen.findByRole('heading', { name: 'Learning point 3: No multi-agency chronology' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add a learning point' })).toHaveFocus());
    expect(liveText()).toContain('Learning point 3 has been added.');
    expect(sent.map((request) => request.body)).toEqual([
      { title: 'Information was not shared between agencies', description: 'The school knew; the GP did not.' },
      { title: 'No multi-agency chronology', description: '' },
    ]);
  });

  it('shows the API’s refusal of a learning point beside the field it names', async () => {
    const user = userEvent.setup({ delay: null });
    fakePlanApi({
      learningPoints: [makeLearningPoint()],
      respond: ({ method, path }) =>
        method === 'POST' && path === '/api/reviews/3/learning-points'
          ? problem(409, 'learning_point.number_taken', { errors: [{ path: 'number', message: 'this review already has a learning point with this number' }] })
          : undefined,
    });
    renderReview();

    await user.click(await screen.findByRole('button', { name: 'Add a learning point' }));
    await user.type(await screen.findByLabelText('Title'), 'Hidden men');
    const number = screen.getByLabelText('Number');
    await user.clear(number);
    await user.type(number, '1');
    await user.click(screen.getByRole('button', { name: 'Save and close' }));

    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getByRole('link', { name: 'This review already has a learning point with this number' })).toHaveAttribute(
      'href',
      '#learning-point-new-number',
    );
    expect(screen.getByLabelText('Number')).toHaveAccessibleDescription(expect.stringContaining('Error: This review already has a learning point with this number'));
    expect(screen.getByLabelText('Title')).toHaveValue('Hidden men');
  });

  it('edits a learning point in place and puts focus back on its Edit button', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({ learningPoints: [makeLearningPoint()] });
    renderReview();

    await user.click(await screen.findByRole('button', { name: 'Edit learning point 1' }));
    const title = await screen.findByLabelText('Title');
    await waitFor(() => expect(title).toHaveFocus());
    await user.clear(title);
    await user.type(title, 'The child’s voice was not heard');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { name: 'Learning point 1: The child’s voice was not heard' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit learning point 1' })).toHaveFocus());
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/learning-points/11', body: { version: 1, title: 'The child’s voice was not heard' } }]);
  });

  it('moves learning points with Move up and Move down, says where one went, and keeps focus on it', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({
      learningPoints: [makeLearningPoint(), makeLearningPoint({ id: 12, number: 2, title: 'Hidden men' }), makeLearningPoint({ id: 13, number: 3, title: 'Transitions' })],
    });
    renderReview();

    const list = await learningPointsList();
    expect(within(list).queryByRole('button', { name: 'Move up learning point 1' })).not.toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Move down learning point 3' })).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Move up learning point 3' }));
    await waitFor(() => expect(within(list).getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Learning point 1: The voice of the child was not heard',
      'Learning point 2: Transitions',
      'Learning point 3: Hidden men',
    ]));
    expect(liveText()).toContain('“Transitions” moved to position 2 of 3: it is now learning point 2.');
    await waitFor(() => expect(within(list).getByRole('button', { name: 'Move up learning point 2' })).toHaveFocus());

    // Once at the top, Move up is gone and focus goes to Move down.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getByRole('button', { name: 'Move down learning point 1' })).toHaveFocus());
    expect(within(list).getAllByRole('heading')[0]).toHaveTextContent('Learning point 1: Transitions');
    expect(sent.map((request) => [request.path, request.body])).toEqual([
      ['/api/reviews/3/learning-points/order', { ids: [11, 13, 12] }],
      ['/api/reviews/3/learning-points/order', { ids: [13, 11, 12] }],
    ]);
  });

  it('says so, and shows the list as it is, when a new order is refused', async () => {
    const user = userEvent.setup({ delay: null });
    fakePlanApi({
      learningPoints: [makeLearningPoint(), makeLearningPoint({ id: 12, number: 2, title: 'Hidden men' })],
      respond: ({ path }) =>
        path.endsWith('/order')
          ? problem(422, 'learning_point.order_invalid', {
              errors: [{ path: 'ids', message: 'must list each of this review’s learning points exactly once' }],
              detail: 'Someone else added a learning point.',
            })
          : undefined,
    });
    renderReview();

    await user.click(within(await learningPointsList()).getByRole('button', { name: 'Move down learning point 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The new order was not saved. Someone else added a learning point.');
    expect(screen.getByRole('heading', { name: 'Learning point 1: The voice of the child was not heard' })).toBeInTheDocument();
  });

  it('adds a recommendation to a named agency, answering learning points, with a target date', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({
      review: makeReview({ subgroupId: 5 }),
      learningPoints: [makeLearningPoint(), makeLearningPoint({ id: 12, number: 2, title: 'Hidden men' })],
      recommendations: [makeRecommendation()],
    });
    renderReview();

    await user.click(await screen.findByRole('button', { name: 'Add a recommendation' }));
    const text = await screen.findByLabelText('Recommendation');
    await waitFor(() => expect(text).toHaveFocus());
    await user.paste('The police should brief officers on hidden men.');
    expect(screen.queryByLabelText('Which agency?')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Subgroup overseeing it (optional)')).toHaveValue('5');
    await user.click(screen.getByRole('radio', { name: 'A named agency' }));
    await user.selectOptions(screen.getByLabelText('Which agency?'), 'West Midlands Police (WMP)');
    await user.click(screen.getByRole('checkbox', { name: '2. Hidden men' }));
    const target = screen.getByRole('group', { name: 'Target date (optional)' });
    await user.type(within(target).getByLabelText('Day'), '31');
    await user.type(within(target).getByLabelText('Month'), '3');
    await user.type(within(target).getByLabelText('Year'), '2027');
    expect(screen.getByLabelText('Number')).toHaveValue('2');
    await user.click(screen.getByRole('button', { name: 'Save and close' }));

    const added = await screen.findByRole('region', { name: 'Recommendation 2' });
    expect(added).toHaveTextContent('The police should brief officers on hidden men.');
    expect(added).toHaveTextContent('31 March 2027');
    expect(within(added).getByRole('link', { name: 'Add actions for recommendation 2' })).toHaveAttribute('href', '/reviews/3/actions/new?recommendationId=100');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add a recommendation' })).toHaveFocus());
    expect(sent[0]?.body).toEqual({
      reviewId: 3,
      text: 'The police should brief officers on hidden men.',
      addressee: 'agency',
      leadAgencyId: 1,
      subgroupId: 5,
      learningPointIds: [12],
      targetDate: '2027-03-31',
    });
  });

  it('asks which agency or subgroup a recommendation is addressed to before sending it', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi();
    renderReview();

    await user.click(await screen.findByRole('button', { name: 'Add a recommendation' }));
    await user.click(await screen.findByRole('radio', { name: 'A subgroup' }));
    expect(screen.queryByLabelText('Subgroup overseeing it (optional)')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and close' }));

    const summary = (await screen.findByText('There is a problem')).closest('.govuk-error-summary') as HTMLElement;
    expect(within(summary).getByRole('link', { name: 'Enter the recommendation' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select the subgroup the recommendation is addressed to' })).toHaveAttribute(
      'href',
      '#recommendation-new-subgroupId',
    );
    expect(screen.getByLabelText('Which subgroup?')).toHaveAccessibleDescription(expect.stringContaining('Select the subgroup'));
    expect(sent).toEqual([]);
  });

  it('edits and reorders recommendations, and links to adding actions', async () => {
    const user = userEvent.setup({ delay: null });
    const { sent } = fakePlanApi({
      recommendations: [makeRecommendation(), makeRecommendation({ id: 22, number: 2, text: 'Agencies should keep a chronology.' })],
    });
    renderReview();

    expect(await screen.findByRole('link', { name: 'Add actions to this review' })).toHaveAttribute('href', '/reviews/3/actions/new');
    await user.click(await screen.findByRole('button', { name: 'Move up recommendation 2' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Recommendation 1' })).toHaveTextContent('Agencies should keep a chronology.'));
    expect(liveText()).toContain('Recommendation moved to position 1 of 2: it is now recommendation 1.');

    await user.click(screen.getByRole('button', { name: 'Edit recommendation 2' }));
    const text = await screen.findByLabelText('Recommendation');
    await user.clear(text);
    await user.type(text, 'The partnership should hear every child.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Recommendation 2' })).toHaveTextContent('The partnership should hear every child.'));
    expect(sent.map((request) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/api/reviews/3/recommendations/order', { ids: [22, 21] }],
      ['PATCH', '/api/recommendations/21', { version: 1, text: 'The partnership should hear every child.' }],
    ]);
  });

  it('confirms a saved review with a banner, and offers to edit it', async () => {
    fakePlanApi();
    const state: ReviewSavedState = { savedReview: { code: 'SD-2022', added: false, fields: ['Stage'], warnings: ['The stage is Published but no publication date is recorded'] } };
    const { router } = renderReview();
    await router.navigate('/reviews/3', { state });
    expect(await screen.findByText('Review SD-2022 has been saved')).toBeInTheDocument();
    expect(screen.getByText('Changed: stage.')).toBeInTheDocument();
    expect(screen.getByText('The stage is Published but no publication date is recorded')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit review SD-2022' })).toHaveAttribute('href', '/reviews/3/edit');
    expect(screen.getByRole('link', { name: 'Import from a spreadsheet into SD-2022' })).toHaveAttribute('href', '/reviews/3/import');
  });
});

describe('the review plan, for everyone else', JOURNEY, () => {
  it('shows no control that changes the plan', async () => {
    fakePlanApi({ learningPoints: [makeLearningPoint(), makeLearningPoint({ id: 12, number: 2 })], recommendations: [makeRecommendation()] });
    renderReview({ me: makeAgencyLeadMe() });

    expect(await screen.findByRole('heading', { name: /^Learning point 2:/ })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Recommendation 1' })).toBeInTheDocument();
    for (const name of [/^Edit/, /^Move/, 'Add a learning point', 'Add a recommendation']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('link', { name: /Edit review|Add actions|Import from a spreadsheet/ })).not.toBeInTheDocument();
  });

  it('offers "Add a review" on the list of reviews to the business unit only', async () => {
    fakePlanApi();
    const { unmount } = renderAt(<ReviewsPage />, { url: '/reviews' });
    expect(await screen.findByRole('link', { name: 'Add a review' })).toHaveAttribute('href', '/reviews/new');
    unmount();
    renderAt(<ReviewsPage />, { url: '/reviews', me: makeAgencyLeadMe() });
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add a review' })).not.toBeInTheDocument();
  });
});
