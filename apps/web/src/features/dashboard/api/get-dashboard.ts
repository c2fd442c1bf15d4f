import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { dashboardKeys, type DashboardScope } from './keys';

/** Every figure of the overview in one request: totals, by agency, by review and the 24-month trend. */
export const getDashboard = (scope: DashboardScope = {}, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<Dashboard>('/dashboard', { query: { ...scope }, signal });

export const dashboardQueryOptions = (scope: DashboardScope = {}) =>
  queryOptions({
    queryKey: dashboardKeys.scope(scope),
    queryFn: ({ signal }) => getDashboard(scope, { signal }),
  });

export const useDashboard = (scope: DashboardScope = {}) => useQuery(dashboardQueryOptions(scope));

/** One dashboard per agency, for someone who leads several: shared actions would be counted twice in a sum. */
export const useAgencyDashboards = (agencyIds: readonly number[]) =>
  useQueries({ queries: agencyIds.map((agencyId) => dashboardQueryOptions({ agencyId })) });
