/**
 * Calendar dates as the forms of actions hold them: three boxes (day, month, year) read into `YYYY-MM-DD`, and
 * the few date sums the forms need (today in the UK, a number of days on).
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
 * filled with a day that exists, and an error (GOV.UK wording) otherwise.
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
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return notReal;
  }
  return { value: `${year}-${pad(month)}-${pad(day)}` };
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the UK, `YYYY-MM-DD`: the day the partnership's dates are counted in. */
export const todayInUk = (now: Date = new Date()) => londonDay.format(now);

/** The calendar day `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** Whole days from the UK day of `instant` to today (0 on the day itself). */
export function daysSince(instant: string, now: Date = new Date()): number {
  const from = Date.parse(`${todayInUk(new Date(instant))}T00:00:00Z`);
  const to = Date.parse(`${todayInUk(now)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}
