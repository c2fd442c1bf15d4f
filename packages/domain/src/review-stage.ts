/**
 * Whether a review's stage agrees with its key dates. These are warnings, not refusals: the business unit often
 * records a plan from an old document with some dates unknown, so a review may be saved while they disagree;
 * the warnings say what looks wrong so it can be put right.
 */
import { LABELS } from '@lrt/contracts/constants';
import type { ReviewStage } from '@lrt/contracts';
import { compareIsoDates, parseIsoDate, type IsoDate } from './dates';

export const REVIEW_DATE_FIELDS = ['notifiedOn', 'rapidReviewOn', 'startedOn', 'completedOn', 'publishedOn'] as const;
export type ReviewDateField = (typeof REVIEW_DATE_FIELDS)[number];

export type ReviewStageInput = { stage: ReviewStage } & Record<ReviewDateField, IsoDate | null | undefined>;

export interface ReviewStageWarning {
  /** The field the warning is about: the date that is missing or odd, or the stage. */
  field: ReviewDateField | 'stage';
  message: string;
}

/** The stages in the order a review goes through them. */
const STAGE_ORDER: readonly ReviewStage[] = ['rapid_review', 'review', 'published', 'closed'];

/** Each date as a person names it ("A publication date is recorded…"). */
export const REVIEW_DATE_NAMES: Readonly<Record<ReviewDateField, string>> = {
  notifiedOn: 'notification date',
  rapidReviewOn: 'rapid review date',
  startedOn: 'review start date',
  completedOn: 'completion date',
  publishedOn: 'publication date',
};

/** The stage a review has at least reached once this date is recorded (notification and rapid review imply none). */
const STAGE_REACHED: Partial<Record<ReviewDateField, ReviewStage>> = {
  startedOn: 'review',
  completedOn: 'review',
  publishedOn: 'published',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2027-05-05` → "5 May 2027". */
function inWords(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A recorded, real date; anything else counts as not recorded (the form's own checks report those). */
function dateOf(value: IsoDate | null | undefined): IsoDate | null {
  if (!value) return null;
  try {
    parseIsoDate(value);
    return value;
  } catch {
    return null;
  }
}

const rank = (stage: ReviewStage) => STAGE_ORDER.indexOf(stage);

/**
 * What looks inconsistent between a review's stage and its dates, as of `today` (a London date): a stage that
 * says something happened with no date for it, a date recorded for a step the stage says is still to come, and
 * a date in the future for something said to have happened. Empty when all agree.
 */
export function reviewStageWarnings(input: ReviewStageInput, today: IsoDate): ReviewStageWarning[] {
  const stage = input.stage;
  const stageWords = LABELS.reviewStage[stage];
  const dates = Object.fromEntries(REVIEW_DATE_FIELDS.map((field) => [field, dateOf(input[field])])) as Record<ReviewDateField, IsoDate | null>;
  const warnings: ReviewStageWarning[] = [];

  if (stage === 'published' && !dates.publishedOn) {
    warnings.push({ field: 'publishedOn', message: `The stage is ${stageWords} but no publication date is recorded` });
  }
  if ((stage === 'review' || stage === 'published') && !dates.startedOn) {
    warnings.push({ field: 'startedOn', message: `The stage is ${stageWords} but no review start date is recorded` });
  }

  // The latest step that has a date tells how far the review has got; one warning for it is enough.
  const furthest = [...REVIEW_DATE_FIELDS].reverse().find((field) => {
    const reached = STAGE_REACHED[field];
    return reached !== undefined && dates[field] !== null && rank(reached) > rank(stage);
  });
  if (furthest) {
    const name = REVIEW_DATE_NAMES[furthest];
    warnings.push({ field: 'stage', message: `A ${name} is recorded but the stage is ${stageWords}` });
  }

  for (const field of REVIEW_DATE_FIELDS) {
    const date = dates[field];
    if (date && compareIsoDates(date, today) > 0) {
      const name = REVIEW_DATE_NAMES[field];
      warnings.push({
        field,
        message: `The ${name}, ${inWords(date)}, is in the future: record it once it has happened`,
      });
    }
  }
  return warnings;
}
