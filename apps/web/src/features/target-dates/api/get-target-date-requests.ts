import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetDateRequest } from '@lrt/contracts';
import { api, type Page } from '@/lib/api-client';
import { targetDateRequestKeys } from './keys';

/** An action's requests for a new target date, newest first (the first page: few actions have more than a handful). */
export const getTargetDateRequests = (actionId: number, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<Page<TargetDateRequest>>(`/actions/${actionId}/target-date-requests`, { query: { limit: 50 }, signal });

export const targetDateRequestsQueryOptions = (actionId: number) =>
  queryOptions({
    queryKey: targetDateRequestKeys.list(actionId),
    queryFn: ({ signal }) => getTargetDateRequests(actionId, { signal }),
  });

export const useTargetDateRequests = (actionId: number, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...targetDateRequestsQueryOptions(actionId), enabled });
