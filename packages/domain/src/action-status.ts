import { STATUS_TRANSITIONS } from '@lrt/contracts/constants';
import type { ActionStatus } from '@lrt/contracts';

/** The transitions themselves are a shared contract: the SPA offers only these moves. */
export { STATUS_TRANSITIONS };

/** Statuses in which an action is still owed: it can be overdue or stale. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress'];
export const isOpen = (status: ActionStatus) => OPEN_STATUSES.includes(status);

export interface StatusChangeRequest {
  from: ActionStatus;
  to: ActionStatus;
  evidenceCount: number;
  evidenceOfImpact?: string | undefined;
  reason?: string | undefined;
}

export interface StatusChangeRefusal {
  code: 'action.transition_not_allowed' | 'action.evidence_required' | 'action.evidence_of_impact_required' | 'action.reason_required';
  path: string;
  message: string;
}

/** Why a status change may not happen, or an empty list when it may. */
export function checkStatusChange(request: StatusChangeRequest): StatusChangeRefusal[] {
  const { from, to } = request;
  if (!STATUS_TRANSITIONS[from].includes(to)) {
    const allowed = STATUS_TRANSITIONS[from];
    return [
      {
        code: 'action.transition_not_allowed',
        path: 'statusChange.to',
        message:
          from === to
            ? `the action is already ${label(from)}`
            : allowed.length === 0
              ? `${label(from)} actions cannot change status`
              : `an action that is ${label(from)} can move only to ${allowed.map(label).join(', ')}`,
      },
    ];
  }
  const refusals: StatusChangeRefusal[] = [];
  if (to === 'completed' && request.evidenceCount === 0) {
    refusals.push({
      code: 'action.evidence_required',
      path: 'evidence',
      message: 'proposing an action as completed needs at least one piece of evidence',
    });
  }
  if (to === 'assured' && !request.evidenceOfImpact?.trim()) {
    refusals.push({
      code: 'action.evidence_of_impact_required',
      path: 'evidenceOfImpact',
      message: 'assuring an action needs the evidence that practice changed',
    });
  }
  if (to === 'withdrawn' && !request.reason?.trim()) {
    refusals.push({ code: 'action.reason_required', path: 'reason', message: 'withdrawing an action needs a reason' });
  }
  return refusals;
}

const label = (status: ActionStatus) => status.replace('_', ' ');
