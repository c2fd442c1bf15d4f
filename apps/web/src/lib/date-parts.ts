import { parseIsoDate } from '@lrt/domain';

/**
 * A calendar date as a GOV.UK date input holds it (three boxes of text), and how the forms read it back into
 * `YYYY-MM-DD`. The one home of this for every form with a date (reviews, recommendations, actions, sign-off,
 * target-date requests).
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** `2027-01-31` → day "31", month "1", year "2027" (as a person types them); none → three empty boxes. */
export function partsOf(date: string | null | undefined): DateParts {
  if (!date) return EMPTY_DATE;
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year };
}

const pad = (value: string) => value.padStart(2, '0');

/**
 * The date from its three boxes, named `label` in messages: none when all are empty, `YYYY-MM-DD` when all are
 * filled with a day that exists, and an error in GOV.UK's words otherwise.
 */
export function dateFromParts(parts: DateParts, label: string): { value: string | null } | { error: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const boxes = [day, month, year];
  if (boxes.every((part) => part === '')) return { value: null };
  const missing = (['day', 'month', 'year'] as const).filter((_, index) => boxes[index] === '');
  if (missing.length > 0) return { error: `${label} must include a ${missing.join(' and a ')}` };
  const notReal = { error: `${label} must be a real date, for example 31 3 2027` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return notReal;
  const value = `${year}-${pad(month)}-${pad(day)}`;
  try {
    parseIsoDate(value);
  } catch {
    return notReal;
  }
  return { value };
}

/** The date if the boxes make a real one, else null (for live warnings while someone is still typing). */
export function completeDateOf(parts: DateParts): string | null {
  const result = dateFromParts(parts, '');
  return 'value' in result ? result.value : null;
}
