import { describe, it, expect } from 'vitest';
import { RAPID_REVIEW_WORKING_DAYS, REVIEW_MONTHS, reviewTimeliness } from './review-timeliness';

const EMPTY = { notifiedOn: null, rapidReviewOn: null, startedOn: null, publishedOn: null };

describe('constants', () => {
  it('match the Working Together timescales', () => {
    expect(RAPID_REVIEW_WORKING_DAYS).toBe(15);
    expect(REVIEW_MONTHS).toBe(6);
  });
});

describe('reviewTimeliness', () => {
  it('returns nulls when there are no dates', () => {
    expect(reviewTimeliness(EMPTY, '2026-07-01')).toEqual({
      rapidReviewDueOn: null,
      rapidReviewLate: null,
      reviewDueOn: null,
      reviewLate: null,
    });
  });

  it('has no lateness without a due date, even if the step is recorded', () => {
    const result = reviewTimeliness({ ...EMPTY, rapidReviewOn: '2026-07-01', publishedOn: '2026-07-01' }, '2026-07-01');
    expect(result.rapidReviewLate).toBeNull();
    expect(result.reviewLate).toBeNull();
  });

  describe('rapid review', () => {
    // Notified Fri 18 Dec 2026; the 15th working day after, skipping Christmas and New Year, is Wed 13 Jan 2027.
    const notified = { ...EMPTY, notifiedOn: '2026-12-18' };

    it('is due 15 working days after notification', () => {
      expect(reviewTimeliness(notified, '2026-12-18').rapidReviewDueOn).toBe('2027-01-13');
      expect(reviewTimeliness({ ...EMPTY, notifiedOn: '2026-07-06' }, '2026-07-06').rapidReviewDueOn).toBe('2026-07-27');
    });

    it('is not late while outstanding up to and including the due date', () => {
      expect(reviewTimeliness(notified, '2026-12-18').rapidReviewLate).toBe(false);
      expect(reviewTimeliness(notified, '2027-01-12').rapidReviewLate).toBe(false);
      expect(reviewTimeliness(notified, '2027-01-13').rapidReviewLate).toBe(false);
    });

    it('is late while outstanding after the due date', () => {
      expect(reviewTimeliness(notified, '2027-01-14').rapidReviewLate).toBe(true);
      expect(reviewTimeliness(notified, '2027-06-01').rapidReviewLate).toBe(true);
    });

    it('is judged on the date held once it has happened, whatever today is', () => {
      expect(reviewTimeliness({ ...notified, rapidReviewOn: '2027-01-13' }, '2027-06-01').rapidReviewLate).toBe(false);
      expect(reviewTimeliness({ ...notified, rapidReviewOn: '2027-01-05' }, '2027-06-01').rapidReviewLate).toBe(false);
      expect(reviewTimeliness({ ...notified, rapidReviewOn: '2027-01-14' }, '2027-01-14').rapidReviewLate).toBe(true);
      // Recorded as late even if viewed "before" the due date, e.g. with a back-dated today.
      expect(reviewTimeliness({ ...notified, rapidReviewOn: '2027-01-14' }, '2026-12-20').rapidReviewLate).toBe(true);
    });
  });

  describe('review publication', () => {
    // Started 31 Aug 2026; six months later clamps to 28 Feb 2027.
    const started = { ...EMPTY, startedOn: '2026-08-31' };

    it('is due six calendar months after the start, clamped to month end', () => {
      expect(reviewTimeliness(started, '2026-09-01').reviewDueOn).toBe('2027-02-28');
      expect(reviewTimeliness({ ...EMPTY, startedOn: '2027-08-31' }, '2027-09-01').reviewDueOn).toBe('2028-02-29');
      expect(reviewTimeliness({ ...EMPTY, startedOn: '2026-01-15' }, '2026-01-15').reviewDueOn).toBe('2026-07-15');
    });

    it('is not late while unpublished up to and including the due date', () => {
      expect(reviewTimeliness(started, '2026-09-01').reviewLate).toBe(false);
      expect(reviewTimeliness(started, '2027-02-28').reviewLate).toBe(false);
    });

    it('is late while unpublished after the due date', () => {
      expect(reviewTimeliness(started, '2027-03-01').reviewLate).toBe(true);
    });

    it('is judged on the publication date once published', () => {
      expect(reviewTimeliness({ ...started, publishedOn: '2027-02-28' }, '2028-01-01').reviewLate).toBe(false);
      expect(reviewTimeliness({ ...started, publishedOn: '2027-03-01' }, '2027-03-01').reviewLate).toBe(true);
    });
  });

  it('computes both timescales independently', () => {
    expect(
      reviewTimeliness(
        { notifiedOn: '2026-12-18', rapidReviewOn: '2027-01-20', startedOn: '2027-02-01', publishedOn: null },
        '2027-07-15',
      ),
    ).toEqual({
      rapidReviewDueOn: '2027-01-13',
      rapidReviewLate: true,
      reviewDueOn: '2027-08-01',
      reviewLate: false,
    });
    expect(reviewTimeliness({ ...EMPTY, startedOn: '2027-02-01' }, '2027-08-02')).toEqual({
      rapidReviewDueOn: null,
      rapidReviewLate: null,
      reviewDueOn: '2027-08-01',
      reviewLate: true,
    });
  });

  it('rejects invalid dates rather than guessing', () => {
    expect(() => reviewTimeliness({ ...EMPTY, notifiedOn: '2026-02-30' }, '2026-03-01')).toThrow(RangeError);
    expect(() => reviewTimeliness({ ...EMPTY, startedOn: '2026-01-01' }, 'today')).toThrow(RangeError);
  });
});
