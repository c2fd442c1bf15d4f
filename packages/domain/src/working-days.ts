/**
 * Working days in England and Wales.
 *
 * Statutory timescales such as the rapid review's 15 working days exclude
 * weekends and bank holidays. Bank holidays are computed from the standing
 * rules (Banking and Financial Dealings Act 1971 plus the 1978 early May
 * holiday) and then patched with the one-off proclamations listed in
 * BANK_HOLIDAY_CHANGES, so the calendar needs no yearly data import.
 *
 * Limitation: the rules are applied to any year, so results before 1978 are
 * not historically accurate, and one-off changes before 2010 (e.g. 1995 and
 * 1999) are deliberately omitted because no review in the tracker predates 2010.
 * A future proclamation must be added to BANK_HOLIDAY_CHANGES.
 */
import { addDays, compareIsoDates, formatIsoDate, parseIsoDate, type IsoDate } from './dates';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

type BankHolidayChange =
  | { kind: 'add'; date: IsoDate; name: string }
  | { kind: 'move'; from: IsoDate; to: IsoDate; name: string };

/**
 * One-off changes to the England and Wales bank holidays since 2010, by royal
 * proclamation. `move` replaces the rule-based date; `add` is an extra holiday.
 */
const BANK_HOLIDAY_CHANGES: readonly BankHolidayChange[] = [
  { kind: 'add', date: '2011-04-29', name: 'Wedding of Prince William and Catherine Middleton' },
  // Diamond Jubilee: spring holiday moved to make a four-day weekend.
  { kind: 'move', from: '2012-05-28', to: '2012-06-04', name: 'Spring bank holiday' },
  { kind: 'add', date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  // 75th anniversary of VE Day.
  { kind: 'move', from: '2020-05-04', to: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  // Platinum Jubilee: spring holiday moved to make a four-day weekend.
  { kind: 'move', from: '2022-05-30', to: '2022-06-02', name: 'Spring bank holiday' },
  { kind: 'add', date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { kind: 'add', date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
  { kind: 'add', date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
];

const SATURDAY = 6;
const SUNDAY = 0;

function getWeekday(date: IsoDate): number {
  return parseIsoDate(date).getUTCDay();
}

function isWeekend(date: IsoDate): boolean {
  const weekday = getWeekday(date);
  return weekday === SATURDAY || weekday === SUNDAY;
}

function toIsoDate(year: number, month: number, day: number): IsoDate {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return formatIsoDate(date);
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function getEasterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(year, month, day);
}

/** First Monday on or after the given date. */
function findMondayOnOrAfter(date: IsoDate): IsoDate {
  const weekday = getWeekday(date);
  return addDays(date, (8 - weekday) % 7);
}

/** Last Monday on or before the given date. */
function findMondayOnOrBefore(date: IsoDate): IsoDate {
  const weekday = getWeekday(date);
  return addDays(date, -((weekday + 6) % 7));
}

function computeBankHolidays(year: number): BankHoliday[] {
  const easter = getEasterSunday(year);
  const holidays: BankHoliday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: findMondayOnOrAfter(toIsoDate(year, 5, 1)), name: 'Early May bank holiday' },
    { date: findMondayOnOrBefore(toIsoDate(year, 5, 31)), name: 'Spring bank holiday' },
    { date: findMondayOnOrBefore(toIsoDate(year, 8, 31)), name: 'Summer bank holiday' },
  ];

  // Fixed-date holidays keep their day when it is a weekday. A weekend one is
  // replaced by the next weekday that is not already a holiday, processed in
  // date order, so Christmas on Saturday gives Mon 27 and Tue 28 December and
  // Christmas on Sunday leaves Boxing Day on Mon 26 with the substitute on Tue 27.
  const fixed: BankHoliday[] = [
    { date: toIsoDate(year, 1, 1), name: 'New Year’s Day' },
    { date: toIsoDate(year, 12, 25), name: 'Christmas Day' },
    { date: toIsoDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const taken = new Set<IsoDate>(holidays.map((holiday) => holiday.date));
  for (const holiday of fixed) {
    if (!isWeekend(holiday.date)) taken.add(holiday.date);
  }
  for (const holiday of fixed) {
    if (!isWeekend(holiday.date)) {
      holidays.push(holiday);
      continue;
    }
    let substitute = addDays(holiday.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
    holidays.push({ date: substitute, name: `${holiday.name} (substitute day)` });
  }

  const yearPrefix = `${String(year).padStart(4, '0')}-`;
  for (const change of BANK_HOLIDAY_CHANGES) {
    if (change.kind === 'add') {
      if (change.date.startsWith(yearPrefix)) holidays.push({ date: change.date, name: change.name });
      continue;
    }
    if (!change.from.startsWith(yearPrefix)) continue;
    const moved = holidays.find((holiday) => holiday.date === change.from);
    // Fail loudly rather than silently keep the wrong day if a rule or the table is wrong.
    if (!moved) throw new Error(`Bank holiday change refers to ${change.from}, which is not a holiday`);
    moved.date = change.to;
    moved.name = change.name;
  }

  return holidays.sort((a, b) => compareIsoDates(a.date, b.date));
}

// Deadlines are checked for many reviews over the same few years; compute each year once.
const holidaysByYear = new Map<number, readonly BankHoliday[]>();
const holidayDatesByYear = new Map<number, ReadonlySet<IsoDate>>();

function getCachedBankHolidays(year: number): readonly BankHoliday[] {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = Object.freeze(computeBankHolidays(year).map((holiday) => Object.freeze(holiday)));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/** England and Wales bank holidays for a year, sorted by date. */
export function bankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9998) {
    throw new RangeError(`Year out of range: ${year}`);
  }
  // Copies, so a caller mutating the result cannot corrupt the cache.
  return getCachedBankHolidays(year).map((holiday) => ({ ...holiday }));
}

export function isBankHoliday(date: IsoDate): boolean {
  const year = parseIsoDate(date).getUTCFullYear();
  let dates = holidayDatesByYear.get(year);
  if (!dates) {
    bankHolidays(year); // validates the year
    dates = new Set(getCachedBankHolidays(year).map((holiday) => holiday.date));
    holidayDatesByYear.set(year, dates);
  }
  return dates.has(date);
}

/** A working day is any Monday–Friday that is not an England and Wales bank holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/**
 * The n-th working day after `date`. The start day never counts, matching how
 * statutory "within n working days" periods run from the day after the event;
 * n = 0 returns `date` unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  let current = date;
  parseIsoDate(current);
  for (let remaining = n; remaining > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * Working days after `from` up to and including `to`, so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is
 * before `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const order = compareIsoDates(from, to);
  if (order === 0) return 0;
  if (order > 0) return -workingDaysBetween(to, from);
  let count = 0;
  for (let current = addDays(from, 1); compareIsoDates(current, to) <= 0; current = addDays(current, 1)) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}
