import { actionKeys } from '@/features/actions/api/keys';

/** Progress updates hang off their action, so invalidating an action's detail key refreshes them too. */
export const progressUpdateKeys = {
  list: (actionId: number) => [...actionKeys.detail(actionId), 'updates'] as const,
};
