import type { Review } from '@lrt/contracts';
import { formatDate } from '@/lib/format';

export type TimelinessState = 'on_time' | 'late' | 'due' | 'unknown';

export interface Timeliness {
  state: TimelinessState;
  /** "On time", "Late", "Due by 3 March 2026", "Not known". */
  words: string;
}

/**
 * One statutory timescale in words, from what the API worked out (it counts working days and bank holidays):
 * `late` is true or false once the step happened or the due day passed, and null while it is still to come.
 */
export function describeTimeliness(dueOn: string | null, late: boolean | null): Timeliness {
  if (late === true) return { state: 'late', words: 'Late' };
  if (late === false) return { state: 'on_time', words: 'On time' };
  if (dueOn) return { state: 'due', words: `Due by ${formatDate(dueOn)}` };
  return { state: 'unknown', words: 'Not known' };
}

export const rapidReviewTimeliness = (review: Pick<Review, 'timeliness'>) =>
  describeTimeliness(review.timeliness.rapidReviewDueOn, review.timeliness.rapidReviewLate);

export const reviewTimeliness = (review: Pick<Review, 'timeliness'>) =>
  describeTimeliness(review.timeliness.reviewDueOn, review.timeliness.reviewLate);
