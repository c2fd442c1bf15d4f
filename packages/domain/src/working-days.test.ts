import { describe, it, expect } from 'vitest';
import { addDays } from './dates';
import {
  addWorkingDays,
  bankHolidays,
  getEasterSunday,
  isBankHoliday,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

// England and Wales bank holidays as published on gov.uk/bank-holidays.
const PUBLISHED: Record<number, string[]> = {
  2010: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

describe('getEasterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2010, '2010-04-04'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('Easter %i is %s', (year, expected) => {
    expect(getEasterSunday(year)).toBe(expected);
  });
});

describe('bankHolidays', () => {
  it.each(Object.entries(PUBLISHED))('matches the published list for %s', (year, days) => {
    expect(bankHolidays(Number(year)).map((holiday) => holiday.date)).toEqual(
      days.map((day) => `${year}-${day}`),
    );
  });

  it('names the rule-based holidays', () => {
    expect(bankHolidays(2025)).toEqual([
      { date: '2025-01-01', name: 'New Year’s Day' },
      { date: '2025-04-18', name: 'Good Friday' },
      { date: '2025-04-21', name: 'Easter Monday' },
      { date: '2025-05-05', name: 'Early May bank holiday' },
      { date: '2025-05-26', name: 'Spring bank holiday' },
      { date: '2025-08-25', name: 'Summer bank holiday' },
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'Boxing Day' },
    ]);
  });

  it('substitutes Monday and Tuesday when Christmas falls on a Saturday (2021, 2027)', () => {
    for (const year of [2021, 2027]) {
      const december = bankHolidays(year).filter((holiday) => holiday.date.startsWith(`${year}-12`));
      expect(december).toEqual([
        { date: `${year}-12-27`, name: 'Christmas Day (substitute day)' },
        { date: `${year}-12-28`, name: 'Boxing Day (substitute day)' },
      ]);
    }
  });

  it('keeps Boxing Day on Monday and substitutes Tuesday when Christmas falls on a Sunday (2022)', () => {
    const december = bankHolidays(2022).filter((holiday) => holiday.date.startsWith('2022-12'));
    expect(december).toEqual([
      { date: '2022-12-26', name: 'Boxing Day' },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });

  it('substitutes Monday when only Boxing Day falls on a weekend (2026)', () => {
    const december = bankHolidays(2026).filter((holiday) => holiday.date.startsWith('2026-12'));
    expect(december).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('moves New Year’s Day on a Saturday (2022) or Sunday (2023) to the following Monday', () => {
    expect(bankHolidays(2022)[0]).toEqual({ date: '2022-01-03', name: 'New Year’s Day (substitute day)' });
    expect(bankHolidays(2023)[0]).toEqual({ date: '2023-01-02', name: 'New Year’s Day (substitute day)' });
  });

  it('applies the one-off changes', () => {
    const names = (year: number): Record<string, string> =>
      Object.fromEntries(bankHolidays(year).map((holiday) => [holiday.date, holiday.name]));
    expect(names(2011)['2011-04-29']).toMatch(/Wedding/);
    expect(names(2012)['2012-05-28']).toBeUndefined();
    expect(names(2012)['2012-06-04']).toBe('Spring bank holiday');
    expect(names(2012)['2012-06-05']).toMatch(/Diamond Jubilee/);
    expect(names(2020)['2020-05-04']).toBeUndefined();
    expect(names(2020)['2020-05-08']).toMatch(/VE day/);
    expect(names(2022)['2022-05-30']).toBeUndefined();
    expect(names(2022)['2022-06-02']).toBe('Spring bank holiday');
    expect(names(2022)['2022-06-03']).toMatch(/Platinum Jubilee/);
    expect(names(2022)['2022-09-19']).toMatch(/State Funeral/);
    expect(names(2023)['2023-05-08']).toMatch(/coronation/);
  });

  it('returns holidays sorted by date for many years', () => {
    for (let year = 1980; year <= 2100; year += 1) {
      const dates = bankHolidays(year).map((holiday) => holiday.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
      // Every holiday (including substitutes) is a weekday.
      expect(dates.every((date) => isBankHoliday(date) && !isWorkingDay(date))).toBe(true);
    }
  });

  it('returns a copy that callers cannot use to corrupt the cache', () => {
    const first = bankHolidays(2026);
    first.pop();
    const firstHoliday = first[0];
    if (firstHoliday) firstHoliday.date = '1999-01-01';
    expect(bankHolidays(2026).map((holiday) => holiday.date)).toEqual(
      PUBLISHED[2026]?.map((day) => `2026-${day}`),
    );
  });

  it('rejects non-integer and out-of-range years', () => {
    expect(() => bankHolidays(2026.5)).toThrow(RangeError);
    expect(() => bankHolidays(0)).toThrow(RangeError);
    expect(() => bankHolidays(10_000)).toThrow(RangeError);
  });
});

describe('isBankHoliday', () => {
  it('recognises bank holidays and ordinary days', () => {
    expect(isBankHoliday('2026-12-25')).toBe(true);
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-26')).toBe(false); // the Saturday itself is not the holiday
    expect(isBankHoliday('2026-12-24')).toBe(false);
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });

  it('rejects invalid dates', () => {
    expect(() => isBankHoliday('2026-13-01')).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('excludes weekends', () => {
    expect(isWorkingDay('2026-07-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-07-05')).toBe(false); // Sunday
    expect(isWorkingDay('2026-07-06')).toBe(true); // Monday
    expect(isWorkingDay('2026-07-10')).toBe(true); // Friday
  });

  it('excludes bank holidays', () => {
    expect(isWorkingDay('2026-08-31')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(isWorkingDay('2022-09-19')).toBe(false);
    expect(isWorkingDay('2026-09-01')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('returns the date itself for n = 0, even on a non-working day', () => {
    expect(addWorkingDays('2026-07-06', 0)).toBe('2026-07-06');
    expect(addWorkingDays('2026-07-04', 0)).toBe('2026-07-04');
  });

  it('never counts the start day', () => {
    expect(addWorkingDays('2026-07-06', 1)).toBe('2026-07-07'); // Monday → Tuesday
    expect(addWorkingDays('2026-07-04', 1)).toBe('2026-07-06'); // Saturday → Monday
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2026-07-10', 1)).toBe('2026-07-13'); // Friday → Monday
    expect(addWorkingDays('2026-07-06', 5)).toBe('2026-07-13'); // one week
    expect(addWorkingDays('2026-07-06', 10)).toBe('2026-07-20');
  });

  it('skips bank holidays', () => {
    // Friday 28 Aug 2026 → Mon 31 Aug is the summer bank holiday → Tue 1 Sep.
    expect(addWorkingDays('2026-08-28', 1)).toBe('2026-09-01');
    // Thu 2 Apr 2026 → Good Friday 3 Apr and Easter Monday 6 Apr skipped → Tue 7 Apr.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('computes the rapid-review deadline across Christmas 2026', () => {
    // Notified Friday 18 Dec 2026. Working days after it:
    //  1 Mon 21 Dec,  2 Tue 22,  3 Wed 23,  4 Thu 24,
    //  (Fri 25 Christmas, Sat 26, Sun 27, Mon 28 Boxing Day substitute — skipped)
    //  5 Tue 29,  6 Wed 30,  7 Thu 31,
    //  (Fri 1 Jan 2027 New Year's Day, Sat 2, Sun 3 — skipped)
    //  8 Mon 4 Jan,  9 Tue 5, 10 Wed 6, 11 Thu 7, 12 Fri 8,
    // 13 Mon 11, 14 Tue 12, 15 Wed 13 Jan 2027.
    expect(addWorkingDays('2026-12-18', 15)).toBe('2027-01-13');
  });

  it('computes the rapid-review deadline across the 2022 Platinum Jubilee', () => {
    // Notified Fri 20 May 2022. 1 Mon 23, 2 Tue 24, 3 Wed 25, 4 Thu 26, 5 Fri 27,
    // 6 Mon 30 May (not a holiday: it moved), 7 Tue 31, 8 Wed 1 Jun,
    // (Thu 2 and Fri 3 Jun holidays), 9 Mon 6, 10 Tue 7, 11 Wed 8, 12 Thu 9, 13 Fri 10,
    // 14 Mon 13, 15 Tue 14 Jun 2022.
    expect(addWorkingDays('2022-05-20', 15)).toBe('2022-06-14');
  });

  it('rejects negative or fractional n and invalid dates', () => {
    expect(() => addWorkingDays('2026-07-06', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-07-06', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 0)).toThrow(RangeError);
  });

  it('always lands on a working day when n > 0', () => {
    for (let offset = 0; offset < 400; offset += 1) {
      const start = addDays('2026-01-01', offset);
      expect(isWorkingDay(addWorkingDays(start, 15))).toBe(true);
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from up to and including to', () => {
    expect(workingDaysBetween('2026-07-06', '2026-07-06')).toBe(0);
    expect(workingDaysBetween('2026-07-06', '2026-07-07')).toBe(1);
    expect(workingDaysBetween('2026-07-10', '2026-07-13')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-07-10', '2026-07-12')).toBe(0); // Friday → Sunday
    expect(workingDaysBetween('2026-07-06', '2026-07-13')).toBe(5);
  });

  it('excludes bank holidays', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-12-18', '2027-01-13')).toBe(15);
  });

  it('is negative when to is before from', () => {
    expect(workingDaysBetween('2026-07-07', '2026-07-06')).toBe(-1);
    expect(workingDaysBetween('2027-01-13', '2026-12-18')).toBe(-15);
  });

  it('counts 253 working days in 2026', () => {
    // 2026 has 261 weekdays; all 8 bank holidays fall on weekdays, leaving 253.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253);
  });

  it('is the inverse of addWorkingDays', () => {
    for (let offset = 0; offset < 60; offset += 1) {
      const start = addDays('2026-11-20', offset);
      for (const n of [0, 1, 5, 15, 30]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
      }
    }
  });

  it('rejects invalid dates', () => {
    expect(() => workingDaysBetween('2026-07-06', 'nope')).toThrow(RangeError);
  });
});
