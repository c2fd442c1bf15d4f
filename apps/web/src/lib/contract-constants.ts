/**
 * Words and lists from the contracts (labels, enum values, limits, the status workflow) without zod.
 *
 * Import runtime constants from here, and only types and zod schemas from `@lrt/contracts`: a runtime import
 * of `@lrt/contracts` brings zod with it, which belongs only in the lazy pages that validate a form.
 */
export {
  ACTION_KINDS,
  ACTION_SORTS,
  ACTION_STATUSES,
  BRAG_RATINGS,
  CONFIDENCE_LEVELS,
  LABELS,
  LIMITS,
  REPORT_LIST_LIMIT,
  REPORT_SECTION_TITLES,
  REPORT_SECTIONS,
  ROLE_LABELS,
  STATUS_TRANSITIONS,
  THEME_MATRIX_PAGE,
} from '@lrt/contracts/constants';
