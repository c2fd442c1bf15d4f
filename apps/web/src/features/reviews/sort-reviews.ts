import type { Review } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

/** Stages in the order a review goes through them. */
const STAGE_ORDER = Object.keys(LABELS.reviewStage);

/** The sorts of the reviews list. A partnership has tens of reviews, all loaded, so they are sorted here. */
export const REVIEW_SORTS = ['code', '-code', 'notifiedOn', '-notifiedOn', 'stage', '-stage', 'red', '-red', 'overdue', '-overdue', 'late', '-late'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const DEFAULT_REVIEW_SORT: ReviewSort = '-notifiedOn';

export const REVIEW_SORT_LABELS: Record<ReviewSort, string> = {
  code: 'Code, A to Z',
  '-code': 'Code, Z to A',
  notifiedOn: 'Notified, oldest first',
  '-notifiedOn': 'Notified, newest first',
  stage: 'Stage, earliest first',
  '-stage': 'Stage, latest first',
  red: 'Red actions, fewest first',
  '-red': 'Red actions, most first',
  overdue: 'Overdue actions, fewest first',
  '-overdue': 'Overdue actions, most first',
  late: 'On time first',
  '-late': 'Late first',
};

export const readReviewSort = (value: string | null): ReviewSort =>
  (REVIEW_SORTS as readonly string[]).includes(value ?? '') ? (value as ReviewSort) : DEFAULT_REVIEW_SORT;

/** How many statutory timescales a review missed (0 to 2); unknown counts as none. */
const lateness = (review: Review) => Number(review.timeliness.rapidReviewLate === true) + Number(review.timeliness.reviewLate === true);

const keys: Record<string, (review: Review) => string | number> = {
  code: (review) => review.code.toLowerCase(),
  // Reviews with no notification date sort as the oldest.
  notifiedOn: (review) => review.notifiedOn ?? '',
  stage: (review) => STAGE_ORDER.indexOf(review.stage),
  red: (review) => review.actionCounts.byBrag.red,
  overdue: (review) => review.actionCounts.overdue,
  late: lateness,
};

export function sortReviews(reviews: readonly Review[], sort: ReviewSort): Review[] {
  const descending = sort.startsWith('-');
  const key = keys[sort.replace(/^-/, '')]!;
  return [...reviews].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    // Ties keep a stable order by code, whatever the direction.
    return (descending ? -order : order) || a.code.localeCompare(b.code);
  });
}
