import type { Action } from '@lrt/contracts';

export type AttentionGroup = 'returned' | 'overdue' | 'stale' | 'dueSoon' | 'other';

/**
 * What needs attention first: actions returned for more information (a question is waiting for an answer), then
 * overdue, then stale (no recent update), then due soon, then the rest.
 */
export const ATTENTION_ORDER: AttentionGroup[] = ['returned', 'overdue', 'stale', 'dueSoon', 'other'];

/** Where an open action belongs, by the API's own fields: returned, else the first of overdue, stale and due soon it carries. */
export function attentionGroup(action: Action): AttentionGroup {
  if (action.returned) return 'returned';
  if (action.overdue) return 'overdue';
  if (action.stale) return 'stale';
  if (action.dueSoon) return 'dueSoon';
  return 'other';
}

/**
 * The actions in attention order, keeping the API's order (`sort=attention`) within each group, except that
 * returned actions come by the day their answer is due, soonest (or most overdue) first.
 */
export function groupByAttention(actions: readonly Action[]) {
  const groups = new Map<AttentionGroup, Action[]>(ATTENTION_ORDER.map((group) => [group, []]));
  for (const action of actions) groups.get(attentionGroup(action))!.push(action);
  // Array.prototype.sort is stable: actions due the same day keep the API's order.
  groups.get('returned')!.sort((a, b) => (a.returned?.replyBy ?? '').localeCompare(b.returned?.replyBy ?? ''));
  return ATTENTION_ORDER.map((group) => ({ group, actions: groups.get(group)! }));
}
