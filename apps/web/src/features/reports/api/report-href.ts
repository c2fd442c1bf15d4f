import type { ReportSection } from '@lrt/contracts';
import { toSearchParams } from '@/lib/api-client';

/** The report's query as the SPA sends it: only what is chosen; the API fills in the rest (today, twelve months…). */
export interface ReportQuery {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  asAt?: string | undefined;
  compareTo?: number | undefined;
  /** Left out when every section is wanted (the API's default). */
  sections?: readonly ReportSection[] | undefined;
}

export type ReportFormat = 'json' | 'docx' | 'html';

/** The query's parameters, sections comma-separated, in a stable order (also the query's cache key). */
export const reportParams = (query: ReportQuery) => ({
  reviewId: query.reviewId,
  subgroupId: query.subgroupId,
  agencyId: query.agencyId,
  from: query.from,
  to: query.to,
  asAt: query.asAt,
  compareTo: query.compareTo,
  sections: query.sections && query.sections.length > 0 ? query.sections.join(',') : undefined,
});

/**
 * The address of the report in one format: `json` for the preview, `docx` for the Word download, `html` for the
 * printable page. One builder, so the three always carry the same query.
 */
export function reportHref(query: ReportQuery, format: ReportFormat): string {
  const search = toSearchParams({ ...reportParams(query), format }).toString();
  return `/api/reports/assurance?${search}`;
}
