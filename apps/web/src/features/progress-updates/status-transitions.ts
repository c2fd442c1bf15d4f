import type { ActionStatus } from '@lrt/contracts';

/**
 * The status changes a progress update may offer. The API decides (and refuses others with a field error
 * on `statusChange.to`); this list only keeps the form from offering changes that would be refused. It
 * mirrors the API's `domain/action-status.ts` and belongs in `@lrt/contracts` once that exports it.
 */
export const NEXT_STATUSES: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  not_started: ['in_progress', 'completed', 'withdrawn'],
  in_progress: ['completed', 'withdrawn'],
  completed: ['assured', 'in_progress', 'withdrawn'],
  assured: [],
  withdrawn: [],
};
