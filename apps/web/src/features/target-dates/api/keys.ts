import { actionKeys } from '@/features/actions/api/keys';

/**
 * Requests for a new target date hang off their action: whatever refreshes the action (a decision, a new request)
 * refreshes its requests too.
 */
export const targetDateRequestKeys = {
  list: (actionId: number) => [...actionKeys.detail(actionId), 'target-date-requests'] as const,
};
