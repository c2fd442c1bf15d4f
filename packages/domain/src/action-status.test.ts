import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES } from '@lrt/contracts/constants';
import type { ActionStatus } from '@lrt/contracts';
import { STATUS_TRANSITIONS, checkStatusChange, isOpen } from './action-status';

const ok = (from: ActionStatus, to: ActionStatus, extra: Partial<Parameters<typeof checkStatusChange>[0]> = {}) =>
  checkStatusChange({ from, to, evidenceCount: 1, evidenceOfImpact: 'Audit shows practice changed', reason: 'Superseded', ...extra });

describe('the action workflow', () => {
  it.each([
    ['not_started', 'in_progress'],
    ['not_started', 'completed'],
    ['not_started', 'withdrawn'],
    ['in_progress', 'completed'],
    ['in_progress', 'withdrawn'],
    ['completed', 'assured'],
    ['completed', 'in_progress'],
    ['completed', 'withdrawn'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(ok(from, to)).toEqual([]);
  });

  it('refuses every other move, naming statusChange.to', () => {
    for (const from of ACTION_STATUSES) {
      for (const to of ACTION_STATUSES) {
        if (STATUS_TRANSITIONS[from].includes(to)) continue;
        const refusals = ok(from, to);
        expect(refusals, `${from} → ${to}`).toHaveLength(1);
        expect(refusals[0]).toMatchObject({ code: 'action.transition_not_allowed', path: 'statusChange.to' });
      }
    }
  });

  it('never jumps from not started straight to assured', () => {
    expect(ok('not_started', 'assured')[0]?.message).toBe('an action that is not started can move only to in progress, completed, withdrawn');
  });

  it('treats assured and withdrawn as final', () => {
    expect(ok('assured', 'in_progress')[0]?.message).toBe('assured actions cannot change status');
    expect(ok('withdrawn', 'in_progress')[0]?.code).toBe('action.transition_not_allowed');
  });

  it('says when the action already has the status asked for', () => {
    expect(ok('in_progress', 'in_progress')[0]?.message).toBe('the action is already in progress');
  });

  it('needs evidence to propose completion', () => {
    expect(ok('in_progress', 'completed', { evidenceCount: 0 })).toEqual([
      { code: 'action.evidence_required', path: 'evidence', message: 'proposing an action as completed needs at least one piece of evidence' },
    ]);
  });

  it('needs evidence of impact to assure, and blank text is not evidence', () => {
    expect(ok('completed', 'assured', { evidenceOfImpact: undefined })[0]?.path).toBe('evidenceOfImpact');
    expect(ok('completed', 'assured', { evidenceOfImpact: '   ' })[0]?.code).toBe('action.evidence_of_impact_required');
  });

  it('needs a reason to withdraw', () => {
    expect(ok('in_progress', 'withdrawn', { reason: '' })[0]).toMatchObject({ code: 'action.reason_required', path: 'reason' });
  });

  it('counts only not started and in progress as open', () => {
    expect(ACTION_STATUSES.filter(isOpen)).toEqual(['not_started', 'in_progress']);
  });
});
