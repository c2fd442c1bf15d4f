import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AssuranceReport } from '@lrt/contracts';
import { api } from '@/lib/api-client';
import { reportKeys } from './keys';
import { reportParams, type ReportQuery } from './report-href';

/** `GET /api/reports/assurance?format=json`: the board assurance report's model, every chosen section of it. */
export const getAssuranceReport = (query: ReportQuery, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AssuranceReport>('/reports/assurance', { query: { ...reportParams(query), format: 'json' }, signal });

export const assuranceReportQueryOptions = (query: ReportQuery) =>
  queryOptions({
    queryKey: reportKeys.assurance(reportParams(query)),
    queryFn: ({ signal }) => getAssuranceReport(query, { signal }),
    // A report is read, not worked in: asking again when the window regains focus would only move the page.
    refetchOnWindowFocus: false,
  });

export const useAssuranceReport = (query: ReportQuery, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...assuranceReportQueryOptions(query), enabled });
