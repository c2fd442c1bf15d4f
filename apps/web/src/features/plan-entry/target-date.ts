import { formatDate } from '@/lib/format';

/**
 * A target date typed the way people write dates in a plan: `31/3/2027`, `31.3.27`, `31-03-2027`, `31 3 2027`,
 * `31 March 2027`, `31 Mar 27` or `2027-03-31`. One box is faster to type than three, and the date is read back
 * in words beside it so a slip (a month and day swapped) is seen at once. Two-digit years are this century's.
 */
export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string; words: string } | { kind: 'invalid' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const monthOf = (text: string): number | null => {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = text.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((month) => word.startsWith(month) && (word.length === 3 || fullMonthName(month).startsWith(word)));
  return index === -1 ? null : index + 1;
};

function fullMonthName(short: string) {
  const names = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  return names[MONTHS.indexOf(short)] ?? short;
}

const yearOf = (text: string): number | null => {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (/^\d{2}$/.test(text)) return 2000 + Number(text);
  return null;
};

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function parseTargetDate(typed: string): TypedDate {
  const text = typed.trim();
  if (!text) return { kind: 'empty' };
  let iso: string | null = null;
  const isoMatch = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (isoMatch) {
    iso = isoOf(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  } else {
    const parts = text
      .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
      .split(/[\s/.,-]+/)
      .filter(Boolean);
    if (parts.length === 3 && /^\d{1,2}$/.test(parts[0]!)) {
      const month = monthOf(parts[1]!);
      const year = yearOf(parts[2]!);
      if (month !== null && year !== null) iso = isoOf(year, month, Number(parts[0]));
    }
  }
  return iso ? { kind: 'date', iso, words: formatDate(iso) } : { kind: 'invalid' };
}
