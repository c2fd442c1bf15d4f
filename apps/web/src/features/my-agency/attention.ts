import type { Action } from '@lrt/contracts';

export type AttentionGroup = 'overdue' | 'stale' | 'dueSoon' | 'other';

/** What needs attention first: overdue, then stale (no recent update), then due soon, then the rest. */
export const ATTENTION_ORDER: AttentionGroup[] = ['overdue', 'stale', 'dueSoon', 'other'];

/** Where an open action belongs, by the API's own flags: the first of overdue, stale and due soon it carries. */
export function attentionGroup(action: Action): AttentionGroup {
  if (action.overdue) return 'overdue';
  if (action.stale) return 'stale';
  if (action.dueSoon) return 'dueSoon';
  return 'other';
}

/** The actions in attention order, keeping the API's order (`sort=attention`) within each group. */
export function groupByAttention(actions: readonly Action[]) {
  const groups = new Map<AttentionGroup, Action[]>(ATTENTION_ORDER.map((group) => [group, []]));
  for (const action of actions) groups.get(attentionGroup(action))!.push(action);
  return ATTENTION_ORDER.map((group) => ({ group, actions: groups.get(group)! }));
}
