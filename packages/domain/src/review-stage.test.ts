import { describe, expect, it } from 'vitest';
import { reviewStageWarnings, type ReviewStageInput } from './review-stage';

const TODAY = '2026-03-02';
const NO_DATES = { notifiedOn: null, rapidReviewOn: null, startedOn: null, completedOn: null, publishedOn: null };
const messages = (input: ReviewStageInput, today = TODAY) => reviewStageWarnings(input, today).map((w) => w.message);

describe('reviewStageWarnings', () => {
  it('has nothing to say about a review whose stage and dates agree', () => {
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review' }, TODAY)).toEqual([]);
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review', notifiedOn: '2026-01-05', rapidReviewOn: '2026-01-20' }, TODAY)).toEqual([]);
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'review', notifiedOn: '2025-06-01', startedOn: '2025-07-01', completedOn: '2026-01-31' }, TODAY)).toEqual([]);
    expect(
      reviewStageWarnings({ stage: 'published', notifiedOn: '2025-01-06', rapidReviewOn: '2025-01-24', startedOn: '2025-02-03', completedOn: '2025-07-31', publishedOn: '2025-09-01' }, TODAY),
    ).toEqual([]);
    // A closed review need not have been published (a rapid review that led to no further review).
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'closed', notifiedOn: '2025-01-06' }, TODAY)).toEqual([]);
  });

  it('warns when the stage says the review is published but no publication date is recorded', () => {
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'published', startedOn: '2025-02-03' }, TODAY)).toEqual([
      { field: 'publishedOn', message: 'The stage is Published but no publication date is recorded' },
    ]);
  });

  it('warns when the stage says a review is under way or published but it has no start date', () => {
    expect(messages({ ...NO_DATES, stage: 'review' })).toEqual(['The stage is Review under way but no review start date is recorded']);
    expect(messages({ ...NO_DATES, stage: 'published', publishedOn: '2025-09-01' })).toEqual(['The stage is Published but no review start date is recorded']);
  });

  it('warns once, about the furthest step, when a date is recorded for a step the stage says is still to come', () => {
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review', startedOn: '2025-02-03', publishedOn: '2025-09-01' }, TODAY)).toEqual([
      { field: 'stage', message: 'A publication date is recorded but the stage is Rapid review' },
    ]);
    expect(messages({ ...NO_DATES, stage: 'rapid_review', startedOn: '2025-02-03', completedOn: '2025-07-31' })).toEqual([
      'A completion date is recorded but the stage is Rapid review',
    ]);
    expect(messages({ ...NO_DATES, stage: 'rapid_review', startedOn: '2025-02-03' })).toEqual(['A review start date is recorded but the stage is Rapid review']);
    expect(messages({ ...NO_DATES, stage: 'review', startedOn: '2025-02-03', publishedOn: '2025-09-01' })).toEqual([
      'A publication date is recorded but the stage is Review under way',
    ]);
  });

  it('warns about a date in the future for something said to have happened, and not about today', () => {
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review', notifiedOn: '2026-03-03' }, TODAY)).toEqual([
      { field: 'notifiedOn', message: 'The notification date, 3 March 2026, is in the future: record it once it has happened' },
    ]);
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review', notifiedOn: TODAY, rapidReviewOn: TODAY }, TODAY)).toEqual([]);
    expect(messages({ stage: 'published', notifiedOn: '2025-01-06', rapidReviewOn: '2025-01-24', startedOn: '2025-02-03', completedOn: '2026-12-01', publishedOn: '2027-05-05' })).toEqual([
      'The completion date, 1 December 2026, is in the future: record it once it has happened',
      'The publication date, 5 May 2027, is in the future: record it once it has happened',
    ]);
  });

  it('gives every warning that applies, stage first, then future dates in date order', () => {
    expect(messages({ ...NO_DATES, stage: 'published', completedOn: '2026-04-01' })).toEqual([
      'The stage is Published but no publication date is recorded',
      'The stage is Published but no review start date is recorded',
      'The completion date, 1 April 2026, is in the future: record it once it has happened',
    ]);
  });

  it('ignores dates that are not real (the form reports those) and empty strings', () => {
    expect(reviewStageWarnings({ ...NO_DATES, stage: 'rapid_review', publishedOn: '2026-02-30', startedOn: '' }, TODAY)).toEqual([]);
  });
});
