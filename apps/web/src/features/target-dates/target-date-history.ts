import type { Action, TargetDateHistoryEntry } from '@lrt/contracts';

/** The first date the action was given: what boards compare the revised date with. */
export function originalTargetDate(action: Pick<Action, 'targetDateHistory'>): string | null {
  return action.targetDateHistory.find((entry) => entry.targetDate !== null)?.targetDate ?? null;
}

/** The entries after the first that moved a set date: each a revision, oldest first. */
export function revisionsOf(action: Pick<Action, 'targetDateHistory'>): TargetDateHistoryEntry[] {
  return action.targetDateHistory.slice(1).filter((entry) => entry.from !== null);
}

/**
 * The original date when the action's date is no longer it ("revised from" that), else null. The API keeps the
 * history; this only picks which of its dates to show beside the current one.
 */
export function revisedFrom(action: Pick<Action, 'targetDate' | 'targetDateHistory'>): string | null {
  const original = originalTargetDate(action);
  if (original === null || revisionsOf(action).length === 0) return null;
  return original === action.targetDate ? null : original;
}
