import { parseIsoDate } from '@lrt/domain';

/** A date as a GOV.UK date input holds it: three boxes of text. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** `2026-03-31` → 31, 3, 2026 (no leading zeros, as people type them). */
export function partsOf(date: string | null): DateParts {
  if (!date) return NO_DATE;
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

const pad = (value: string) => value.padStart(2, '0');

/**
 * The date in three boxes: none when all are empty, `YYYY-MM-DD` when they make a real date, and otherwise
 * an error in GOV.UK's words, beginning with the field's label.
 */
export function dateOf(parts: DateParts, label: string): { value: string | null } | { error: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return { value: null };
  const missing = (
    [
      ['day', day],
      ['month', month],
      ['year', year],
    ] as const
  )
    .filter(([, value]) => value === '')
    .map(([name]) => name);
  if (missing.length > 0) return { error: `${label} must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${label} must be a real date, for example 27 3 2026` };
  }
  const value = `${year}-${pad(month)}-${pad(day)}`;
  try {
    parseIsoDate(value);
  } catch {
    return { error: `${label} must be a real date, for example 27 3 2026` };
  }
  return { value };
}

/** The date if the boxes make a real one, else null (for live warnings while someone is still typing). */
export function completeDateOf(parts: DateParts): string | null {
  const result = dateOf(parts, '');
  return 'value' in result ? result.value : null;
}

