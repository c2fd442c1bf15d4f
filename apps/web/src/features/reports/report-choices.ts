import type { ReportSection } from '@lrt/contracts';
import { REPORT_SECTIONS } from '@/lib/contract-constants';
import type { ReportQuery } from './api/report-href';

/** What the report covers: the whole partnership, or one review, subgroup or agency. */
export const REPORT_SCOPES = ['partnership', 'review', 'subgroup', 'agency'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/**
 * The chair's choices, as the URL holds them, so a link reproduces the report: `scope` (and the id of what it
 * names), the period, the as-at date, the snapshot to compare with and the sections (left out when all are
 * wanted). The report is shown once `scope` is in the URL: the preview writes it, a bare `/reports` only asks.
 */
export interface ReportChoices {
  scope: ReportScope;
  reviewId: number | undefined;
  subgroupId: number | undefined;
  agencyId: number | undefined;
  from: string | undefined;
  to: string | undefined;
  asAt: string | undefined;
  compareTo: number | undefined;
  sections: ReportSection[];
}

const idOf = (value: string | null) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);
const dateOf = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const isSection = (value: string): value is ReportSection => (REPORT_SECTIONS as readonly string[]).includes(value);

export function readReportChoices(params: URLSearchParams): { choices: ReportChoices; shown: boolean } {
  const scopeParam = params.get('scope');
  const scope = (REPORT_SCOPES as readonly string[]).includes(scopeParam ?? '') ? (scopeParam as ReportScope) : 'partnership';
  const listed = params.get('sections');
  const picked = listed === null ? [...REPORT_SECTIONS] : listed.split(',').map((s) => s.trim()).filter(isSection);
  const choices: ReportChoices = {
    scope,
    reviewId: scope === 'review' ? idOf(params.get('reviewId')) : undefined,
    subgroupId: scope === 'subgroup' ? idOf(params.get('subgroupId')) : undefined,
    agencyId: scope === 'agency' ? idOf(params.get('agencyId')) : undefined,
    from: dateOf(params.get('from')),
    to: dateOf(params.get('to')),
    asAt: dateOf(params.get('asAt')),
    compareTo: idOf(params.get('compareTo')),
    // In the report's order, whatever order the URL lists them in.
    sections: REPORT_SECTIONS.filter((section) => picked.includes(section)),
  };
  return { choices, shown: scopeParam !== null && (REPORT_SCOPES as readonly string[]).includes(scopeParam) };
}

/** The URL of a report: only what is chosen; the sections only when some are left out. */
export function writeReportChoices(choices: ReportChoices): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scope', choices.scope);
  if (choices.scope === 'review' && choices.reviewId) params.set('reviewId', String(choices.reviewId));
  if (choices.scope === 'subgroup' && choices.subgroupId) params.set('subgroupId', String(choices.subgroupId));
  if (choices.scope === 'agency' && choices.agencyId) params.set('agencyId', String(choices.agencyId));
  if (choices.from) params.set('from', choices.from);
  if (choices.to) params.set('to', choices.to);
  if (choices.asAt) params.set('asAt', choices.asAt);
  if (choices.compareTo) params.set('compareTo', String(choices.compareTo));
  if (choices.sections.length < REPORT_SECTIONS.length) params.set('sections', choices.sections.join(','));
  return params;
}

/** The API's query for these choices: the id of the scope only, every section by default. */
export function toReportQuery(choices: ReportChoices): ReportQuery {
  return {
    reviewId: choices.scope === 'review' ? choices.reviewId : undefined,
    subgroupId: choices.scope === 'subgroup' ? choices.subgroupId : undefined,
    agencyId: choices.scope === 'agency' ? choices.agencyId : undefined,
    from: choices.from,
    to: choices.to,
    asAt: choices.asAt,
    compareTo: choices.compareTo,
    sections: choices.sections.length < REPORT_SECTIONS.length ? choices.sections : undefined,
  };
}
