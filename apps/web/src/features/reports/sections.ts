import type { ReportSection } from '@lrt/contracts';

/**
 * The report's sections in the order it prints them, and their headings: the contract's `REPORT_SECTIONS` and
 * `REPORT_SECTION_TITLES`, held here without zod, since a runtime import of `@lrt/contracts` would bring zod into
 * the chair's page and over its first-page budget. `sections.test.ts` holds the two equal to the contract's.
 */
export const REPORT_SECTIONS = [
  'summary',
  'brag',
  'agencies',
  'recommendations',
  'overdue',
  'revisedDates',
  'completed',
  'changes',
  'themes',
  'timeliness',
] as const satisfies readonly ReportSection[];

export const REPORT_SECTION_TITLES: Record<ReportSection, string> = {
  summary: 'Summary',
  brag: 'BRAG ratings and their change over the period',
  agencies: 'Progress by agency',
  recommendations: 'Recommendations and their actions',
  overdue: 'Overdue actions',
  revisedDates: 'Revised target dates',
  completed: 'Completed and assured actions: evidence of impact',
  changes: 'What changed',
  themes: 'Themes that recur across reviews',
  timeliness: 'Reviews against the statutory timescales',
};
