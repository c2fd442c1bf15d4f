import type { ImportAgencyMatch } from '@lrt/contracts';
import { keyOf, normaliseWords } from './cell-values';

export interface KnownAgency {
  id: number;
  name: string;
  shortName: string;
  active: boolean;
}

const STOP_WORDS = new Set(['the', 'of', 'and', 'for', 'nhs', 'service', 'services', 'team', 'dept', 'department']);
const words = (text: string) => normaliseWords(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w && !STOP_WORDS.has(w));
/** "Sandwell Children's Trust" -> "sct"; "Black Country Healthcare NHS Foundation Trust" -> "bchft" (stop words kept here). */
const initials = (text: string) =>
  normaliseWords(text)
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w && !['the', 'of', 'and', 'for'].includes(w))
    .map((w) => w[0])
    .join('');

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 6) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** How alike a name in the file is to an agency: 1 for the same initials or a near spelling, less for shared words. */
function likeness(name: string, agency: KnownAgency): number {
  const key = keyOf(name);
  const nameKey = keyOf(agency.name);
  const shortKey = keyOf(agency.shortName);
  if (key.length >= 2 && (key === initials(agency.name) || initials(name) === shortKey)) return 0.95;
  const distance = Math.min(editDistance(key, nameKey), editDistance(key, shortKey));
  const spelling = 1 - distance / Math.max(key.length, 4);
  const mine = new Set(words(name));
  const theirs = new Set(words(agency.name));
  const shared = [...mine].filter((w) => theirs.has(w)).length;
  const overlap = shared === 0 ? 0 : shared / Math.max(mine.size, theirs.size);
  const contains = key.length >= 4 && (nameKey.includes(key) || key.includes(nameKey)) ? 0.8 : 0;
  return Math.max(spelling, overlap, contains);
}

const SUGGESTION_THRESHOLD = 0.5;

/**
 * The agency a name in the file means: exactly by name or short name (ignoring case and punctuation, and a short
 * name in brackets after the name, "Sandwell Children's Trust (SCT)"); otherwise up to three near misses.
 */
export function matchAgencyName(name: string, known: KnownAgency[]): Pick<ImportAgencyMatch, 'agencyId' | 'matchedBy' | 'suggestions'> {
  const key = keyOf(name);
  const bracketed = /\(([^)]+)\)\s*$/.exec(name)?.[1];
  const withoutBracket = keyOf(name.replace(/\([^)]*\)\s*$/, ''));
  for (const agency of known) {
    if (keyOf(agency.name) === key || (bracketed && keyOf(agency.name) === withoutBracket)) return { agencyId: agency.id, matchedBy: 'name', suggestions: [] };
  }
  for (const agency of known) {
    if (keyOf(agency.shortName) === key || (bracketed && keyOf(agency.shortName) === keyOf(bracketed))) return { agencyId: agency.id, matchedBy: 'short_name', suggestions: [] };
  }
  const suggestions = known
    .map((agency) => ({ agency, score: likeness(name, agency) }))
    .filter((s) => s.score >= SUGGESTION_THRESHOLD)
    .sort((a, b) => b.score - a.score || Number(b.agency.active) - Number(a.agency.active) || a.agency.name.localeCompare(b.agency.name))
    .slice(0, 3)
    .map(({ agency }) => ({ id: agency.id, name: agency.name, shortName: agency.shortName }));
  return { agencyId: null, matchedBy: 'none', suggestions };
}

/** A short name to offer when creating an agency from a name: its initials, or the name itself if short. */
export function proposedShortName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= 12 && !trimmed.includes(' ')) return trimmed;
  return initials(trimmed).toUpperCase().slice(0, 20) || trimmed.slice(0, 20);
}
