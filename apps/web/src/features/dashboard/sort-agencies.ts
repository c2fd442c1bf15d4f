import type { Brag, DashboardAgency } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

/**
 * The sorts of a dashboard's agency table. A partnership has tens of agencies, all in the one dashboard answer,
 * so they are sorted here; the API sends them by name.
 */
const COUNT_KEYS = ['actions', 'blue', 'green', 'amber', 'red', 'overdue', 'stale', 'dueSoon'] as const;
type CountKey = (typeof COUNT_KEYS)[number];
type SortKey = 'name' | CountKey;

export const AGENCY_SORTS = (['name', ...COUNT_KEYS] as const).flatMap((key) => [key, `-${key}`] as const);
export type AgencySort = SortKey | `-${SortKey}`;
export const DEFAULT_AGENCY_SORT: AgencySort = 'name';

/** The parameter of the page's URL that holds the sort, so a link reproduces the view. */
export const AGENCY_SORT_PARAM = 'agencySort';

const COUNT_WORDS: Record<CountKey, string> = {
  actions: 'Actions',
  blue: `${LABELS.brag.blue} actions`,
  green: `${LABELS.brag.green} actions`,
  amber: `${LABELS.brag.amber} actions`,
  red: `${LABELS.brag.red} actions`,
  overdue: 'Overdue actions',
  stale: 'Stale actions',
  dueSoon: 'Actions due soon',
};

export function agencySortLabel(sort: AgencySort): string {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as SortKey;
  if (key === 'name') return descending ? 'Agency, Z to A' : 'Agency, A to Z';
  return `${COUNT_WORDS[key]}, ${descending ? 'most' : 'fewest'} first`;
}

export const readAgencySort = (value: string | null): AgencySort =>
  (AGENCY_SORTS as readonly string[]).includes(value ?? '') ? (value as AgencySort) : DEFAULT_AGENCY_SORT;

const isBrag = (key: CountKey): key is Brag => key in LABELS.brag;

function countOf(row: DashboardAgency, key: CountKey): number {
  if (isBrag(key)) return row.byBrag[key];
  return row[key];
}

const byName = (a: DashboardAgency, b: DashboardAgency) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });

export function sortAgencies(rows: readonly DashboardAgency[], sort: AgencySort): DashboardAgency[] {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as SortKey;
  return [...rows].sort((a, b) => {
    const order = key === 'name' ? byName(a, b) : countOf(a, key) - countOf(b, key);
    // Ties stay in order of name, A to Z, whichever way the counts go.
    return (descending ? -order : order) || byName(a, b);
  });
}
