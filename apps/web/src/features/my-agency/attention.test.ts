import { describe, expect, it } from 'vitest';
import { makeAction } from '@/test/factories';
import { attentionGroup, groupByAttention } from './attention';

const returnedBy = (replyBy: string) => ({ on: '2026-03-02T15:00:00.000Z', question: 'What did the re-audit find?', replyBy });

describe('attention', () => {
  it('puts an action in the first group whose API flag it carries: returned, overdue, stale, then due soon', () => {
    expect(attentionGroup(makeAction({ returned: returnedBy('2026-03-30'), overdue: true, stale: true }))).toBe('returned');
    expect(attentionGroup(makeAction({ overdue: true, stale: true }))).toBe('overdue');
    expect(attentionGroup(makeAction({ stale: true, dueSoon: true }))).toBe('stale');
    expect(attentionGroup(makeAction({ dueSoon: true }))).toBe('dueSoon');
    // The target date alone never makes an action due soon: that is the API's call.
    expect(attentionGroup(makeAction({ dueSoon: false, targetDate: '2000-01-01' }))).toBe('other');
  });

  it('groups in attention order, keeping the API’s order within each group and returned actions by their answer’s due day', () => {
    const actions = [
      makeAction({ id: 1 }),
      makeAction({ id: 2, dueSoon: true }),
      makeAction({ id: 3, stale: true }),
      makeAction({ id: 6, returned: returnedBy('2026-04-10') }),
      makeAction({ id: 4, dueSoon: true }),
      makeAction({ id: 5, overdue: true }),
      makeAction({ id: 7, returned: returnedBy('2026-03-20') }),
    ];
    expect(groupByAttention(actions).map(({ group, actions: inGroup }) => [group, inGroup.map((action) => action.id)])).toEqual([
      ['returned', [7, 6]],
      ['overdue', [5]],
      ['stale', [3]],
      ['dueSoon', [2, 4]],
      ['other', [1]],
    ]);
  });
});
