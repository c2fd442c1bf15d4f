/**
 * Whether a case review is running to its statutory timescales
 * (Working Together to Safeguard Children).
 */
import { addMonths, compareIsoDates, type IsoDate } from './dates';
import { addWorkingDays } from './working-days';

/** Working Together expects the rapid review within 15 working days of the serious incident notification. */
export const RAPID_REVIEW_WORKING_DAYS = 15;

/** Working Together expects a local child safeguarding practice review to be published within 6 months of its start. */
export const REVIEW_MONTHS = 6;

export interface ReviewTimelinessInput {
  notifiedOn: IsoDate | null;
  rapidReviewOn: IsoDate | null;
  startedOn: IsoDate | null;
  publishedOn: IsoDate | null;
}

export interface ReviewTimeliness {
  rapidReviewDueOn: IsoDate | null;
  /** null when there is no due date to be late against. */
  rapidReviewLate: boolean | null;
  reviewDueOn: IsoDate | null;
  /** null when there is no due date to be late against. */
  reviewLate: boolean | null;
}

/**
 * A step is late once it is done after its due date, or, while still
 * outstanding, once `today` has passed the due date; finishing on the due
 * date itself is on time.
 */
function isLate(dueOn: IsoDate | null, doneOn: IsoDate | null, today: IsoDate): boolean | null {
  if (dueOn === null) return null;
  return compareIsoDates(doneOn ?? today, dueOn) > 0;
}

/** Due dates and lateness for a review's rapid review and its published report, as of `today` (a London date). */
export function reviewTimeliness(input: ReviewTimelinessInput, today: IsoDate): ReviewTimeliness {
  const rapidReviewDueOn =
    input.notifiedOn === null ? null : addWorkingDays(input.notifiedOn, RAPID_REVIEW_WORKING_DAYS);
  const reviewDueOn = input.startedOn === null ? null : addMonths(input.startedOn, REVIEW_MONTHS);
  return {
    rapidReviewDueOn,
    rapidReviewLate: isLate(rapidReviewDueOn, input.rapidReviewOn, today),
    reviewDueOn,
    reviewLate: isLate(reviewDueOn, input.publishedOn, today),
  };
}
