/**
 * Calendar-date helpers on `YYYY-MM-DD` strings.
 *
 * Review deadlines are calendar dates, not instants, so they are kept as plain
 * strings and every conversion goes through UTC midnight: local-time `Date`
 * methods would shift a date by a day on machines outside UTC or across a
 * daylight-saving change.
 */

/** A calendar date formatted `YYYY-MM-DD` (years 0000–9999). */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Days in a month; `month` is 1–12. Day 0 of the next month is this month's last day. */
function getDaysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** Builds a UTC-midnight Date; setUTCFullYear avoids Date.UTC mapping years 0–99 to 1900–1999. */
function createUtcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/**
 * Parses a `YYYY-MM-DD` string into a Date at UTC midnight.
 * Throws a RangeError for malformed or non-existent dates (e.g. 2026-02-30),
 * because silently rolling over would move a statutory deadline.
 */
export function parseIsoDate(value: IsoDate): Date {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) throw new RangeError(`Invalid ISO date: ${JSON.stringify(value)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > getDaysInMonth(year, month)) {
    throw new RangeError(`Invalid ISO date: ${JSON.stringify(value)}`);
  }
  return createUtcDate(year, month, day);
}

/** Formats a Date's UTC calendar date as `YYYY-MM-DD`. */
export function formatIsoDate(date: Date): IsoDate {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function assertInteger(value: number, label: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${label} must be an integer, got ${value}`);
}

/** Adds `days` calendar days (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  const parsed = parseIsoDate(date);
  return formatIsoDate(new Date(parsed.getTime() + days * MS_PER_DAY));
}

/**
 * Adds `months` calendar months (may be negative), clamping to the target
 * month's last day: a review started on 31 August is due at the end of
 * February, not rolled into March.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months');
  const parsed = parseIsoDate(date);
  const monthIndex = parsed.getUTCFullYear() * 12 + parsed.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(parsed.getUTCDate(), getDaysInMonth(year, month));
  return formatIsoDate(createUtcDate(year, month, day));
}

/** Signed number of calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / MS_PER_DAY);
}

/** Comparator for sorting: negative, zero or positive like `a - b`. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

// Built once: constructing Intl formatters is comparatively expensive.
const londonDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's calendar date in Europe/London. Partnerships work to UK dates, so a
 * notification at 00:30 BST on 1 July must count as 1 July even though it is
 * still 30 June in UTC.
 */
export function londonToday(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  // London's offset from UTC is a whole number of hours, so a day never changes inside a UTC minute: every request
  // of the same minute shares one answer (Intl's formatting costs more than the rest of a small request).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastMinute) return lastDay;
  lastDay = londonDayOf(now);
  lastMinute = minute;
  return lastDay;
}

let lastMinute = Number.NaN;
let lastDay: IsoDate = '';

function londonDayOf(now: Date): IsoDate {
  const parts = londonDateFormat.formatToParts(now);
  const get = (type: 'year' | 'month' | 'day'): number => {
    const part = parts.find((candidate) => candidate.type === type);
    if (!part) throw new Error(`Intl.DateTimeFormat returned no ${type}`);
    return Number(part.value);
  };
  return `${pad(get('year'), 4)}-${pad(get('month'), 2)}-${pad(get('day'), 2)}`;
}

/**
 * The last instant (to the millisecond) of a London calendar day, as ISO 8601 UTC text: what "as at the end of
 * that day" means. London midnight is UTC midnight in winter (GMT) and 23:00 UTC the evening before in summer.
 */
export function londonEndOfDay(date: IsoDate): string {
  const next = addDays(date, 1);
  const utcMidnight = parseIsoDate(next).getTime();
  const summer = londonToday(new Date(utcMidnight - 3_600_000)) === next;
  return new Date(utcMidnight - (summer ? 3_600_000 : 0) - 1).toISOString();
}

/** The `YYYY-MM` month a date falls in, for grouping by month. */
export function isoMonth(date: IsoDate): string {
  parseIsoDate(date);
  return date.slice(0, 7);
}

/** The last calendar day of a `YYYY-MM` month, e.g. `2028-02` → `2028-02-29`. */
export function lastDayOfMonth(yyyyMm: string): IsoDate {
  const match = ISO_MONTH_PATTERN.exec(yyyyMm);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`Invalid ISO month: ${JSON.stringify(yyyyMm)}`);
  }
  return `${yyyyMm}-${pad(getDaysInMonth(year, month), 2)}`;
}
