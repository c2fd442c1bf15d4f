import type { ActionStatus, Brag, Confidence } from '@lrt/contracts';
import { isOpen } from './action-status';

/** What BRAG, overdue and stale depend on. */
export interface ActionFacts {
  status: ActionStatus;
  targetDate: string | null;
  latestConfidence: Confidence | null;
  lastUpdateAt: string | null;
  createdAt: string;
  /** While returned for more information: when (an instant) and the day the agency's answer is due. */
  returnedAt?: string | null;
  returnedReplyBy?: string | null;
}

/** "Now", as the rules need it: today's date in London and the instant before which an open action is stale. */
export interface AssessmentClock {
  today: string;
  staleBefore: string;
  /** Open actions due from today up to this day are due soon; without it nothing is. */
  dueSoonBy?: string;
}

export interface ActionAssessment {
  brag: Brag | null;
  bragReason: string;
  overdue: boolean;
  stale: boolean;
  dueSoon: boolean;
}

const DAY_MS = 86_400_000;

/** An open action with no progress update for `cadenceDays` is stale; measured from creation until its first update. */
export function staleBefore(now: Date, cadenceDays: number): string {
  return new Date(now.getTime() - cadenceDays * DAY_MS).toISOString();
}

/**
 * Returned for more information, and the agency is still within its reply period (up to and including the
 * reply-by day): it is answering a question, so it is neither overdue nor stale, and it is Amber, not Red.
 */
export const isAwaitingReply = (facts: Pick<ActionFacts, 'status' | 'returnedReplyBy'>, today: string) =>
  facts.status === 'in_progress' && !!facts.returnedReplyBy && facts.returnedReplyBy >= today;

export const isOverdue = (facts: Pick<ActionFacts, 'status' | 'targetDate' | 'returnedReplyBy'>, today: string) =>
  isOpen(facts.status) && facts.targetDate !== null && facts.targetDate < today && !isAwaitingReply(facts, today);

/** Open, not yet overdue, and due within the partnership's "due soon" window. */
export const isDueSoon = (facts: Pick<ActionFacts, 'status' | 'targetDate'>, today: string, dueSoonBy: string | undefined) =>
  isOpen(facts.status) && dueSoonBy !== undefined && facts.targetDate !== null && facts.targetDate >= today && facts.targetDate <= dueSoonBy;

export const isStale = (facts: Pick<ActionFacts, 'status' | 'lastUpdateAt' | 'createdAt' | 'returnedReplyBy'>, before: string, today: string) =>
  isOpen(facts.status) && (facts.lastUpdateAt ?? facts.createdAt) < before && !isAwaitingReply(facts, today);

/**
 * The BRAG rating, the one place it is decided (the SQL filter in the actions service mirrors it and is tested
 * against it). In order: withdrawn has none; assured is Blue; completed is Green (awaiting assurance); returned
 * for more information is Amber while the agency is within its reply period and Red once the reply is late;
 * overdue or an author saying "off track" is Red; "at risk" or no update within the cadence is Amber; otherwise
 * Green.
 */
export function assessAction(facts: ActionFacts, clock: AssessmentClock): ActionAssessment {
  const overdue = isOverdue(facts, clock.today);
  const stale = isStale(facts, clock.staleBefore, clock.today);
  const dueSoon = isDueSoon(facts, clock.today, clock.dueSoonBy);
  const rate = (brag: Brag | null, bragReason: string): ActionAssessment => ({ brag, bragReason, overdue, stale, dueSoon });

  switch (facts.status) {
    case 'withdrawn':
      return rate(null, 'Withdrawn');
    case 'assured':
      return rate('blue', 'Completed and assured');
    case 'completed':
      return rate('green', 'Completed, awaiting assurance');
    default:
      break;
  }
  if (facts.status === 'in_progress' && facts.returnedReplyBy) {
    const returnedOn = facts.returnedAt ? facts.returnedAt.slice(0, 10) : 'an earlier day';
    if (isAwaitingReply(facts, clock.today)) {
      return rate('amber', `Returned for more information on ${returnedOn}; answer due by ${facts.returnedReplyBy}`);
    }
    return rate('red', `Returned for more information on ${returnedOn}; no answer by ${facts.returnedReplyBy}`);
  }
  if (overdue) return rate('red', `Overdue since ${facts.targetDate}`);
  if (facts.latestConfidence === 'off_track') return rate('red', 'Latest update says off track');
  if (facts.latestConfidence === 'at_risk') return rate('amber', 'Latest update says at risk');
  if (stale) {
    return rate(
      'amber',
      facts.lastUpdateAt ? `No progress update since ${facts.lastUpdateAt.slice(0, 10)}` : `No progress update since it was set on ${facts.createdAt.slice(0, 10)}`,
    );
  }
  return rate('green', facts.status === 'not_started' ? 'Not started, not yet due' : 'On track');
}

/** Order of attention: what a business unit chases first. */
export const BRAG_ATTENTION_ORDER: Readonly<Record<Brag | 'none', number>> = { red: 0, amber: 1, green: 2, blue: 3, none: 4 };
