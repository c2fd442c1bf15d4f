import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  compareIsoDates,
  daysBetween,
  formatIsoDate,
  isoMonth,
  lastDayOfMonth,
  londonToday,
  parseIsoDate,
} from './dates';

describe('parseIsoDate', () => {
  it('returns UTC midnight of the date', () => {
    expect(parseIsoDate('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(parseIsoDate('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('handles years below 100 without mapping them to the 1900s', () => {
    expect(parseIsoDate('0050-06-15').getUTCFullYear()).toBe(50);
  });

  it.each([
    '',
    '2026-1-01',
    '2026-01-1',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-00-10',
    '2026-13-01',
    '2026-01-00',
    '2026-01-32',
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    'abcd-ef-gh',
  ])('rejects %j', (value) => {
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('accepts leap days in leap years, including 2000', () => {
    expect(() => parseIsoDate('2000-02-29')).not.toThrow();
    expect(() => parseIsoDate('2028-02-29')).not.toThrow();
  });
});

describe('formatIsoDate', () => {
  it('uses the UTC date, not the local one', () => {
    expect(formatIsoDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-06-30');
    expect(formatIsoDate(new Date('2026-07-01T00:00:00Z'))).toBe('2026-07-01');
  });

  it('zero-pads month, day and year', () => {
    expect(formatIsoDate(parseIsoDate('0005-01-09'))).toBe('0005-01-09');
  });

  it('round-trips with parseIsoDate', () => {
    for (const value of ['1999-12-31', '2000-01-01', '2026-03-29', '2026-10-25', '2028-02-29']) {
      expect(formatIsoDate(parseIsoDate(value))).toBe(value);
    }
  });

  it('rejects invalid dates and years outside 0000-9999', () => {
    expect(() => formatIsoDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatIsoDate(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('adds and subtracts days', () => {
    expect(addDays('2026-01-01', 0)).toBe('2026-01-01');
    expect(addDays('2026-01-01', 1)).toBe('2026-01-02');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('does not drift across UK clock changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });

  it('rejects non-integer days and invalid dates', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day of month when it exists', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-07-15', 6)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', 24)).toBe('2028-01-15');
  });

  it('clamps to the last day of a shorter target month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-12-31', 6)).toBe('2027-06-30');
    expect(addMonths('2099-08-31', 6)).toBe('2100-02-28');
  });

  it('subtracts months', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-06-30', -18)).toBe('2024-12-30');
  });

  it('rejects non-integer months', () => {
    expect(() => addMonths('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('is signed: positive when b is later', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('counts whole days across clock changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-400, -1, 0, 1, 59, 366, 1000]) {
      expect(daysBetween('2026-02-15', addDays('2026-02-15', n))).toBe(n);
    }
  });
});

describe('compareIsoDates', () => {
  it('orders dates', () => {
    expect(compareIsoDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareIsoDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareIsoDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareIsoDates('2025-12-31', '2026-01-01')).toBe(-1);
  });

  it('sorts an array chronologically', () => {
    const dates = ['2026-03-01', '2025-12-31', '2026-01-15', '2026-01-02'];
    expect([...dates].sort(compareIsoDates)).toEqual(['2025-12-31', '2026-01-02', '2026-01-15', '2026-03-01']);
  });

  it('rejects invalid dates', () => {
    expect(() => compareIsoDates('2026-01-01', 'not-a-date')).toThrow(RangeError);
  });
});

describe('londonToday', () => {
  it('uses British Summer Time in summer', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(londonToday(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('uses GMT in winter', () => {
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(londonToday(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('follows the clock changes', () => {
    // BST starts 01:00 UTC on 29 March 2026 and ends 01:00 UTC on 25 October 2026.
    expect(londonToday(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(londonToday(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(londonToday(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(londonToday(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('rejects an invalid Date', () => {
    expect(() => londonToday(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isoMonth', () => {
  it('returns YYYY-MM', () => {
    expect(isoMonth('2026-07-01')).toBe('2026-07');
    expect(isoMonth('2026-12-31')).toBe('2026-12');
  });

  it('rejects invalid dates', () => {
    expect(() => isoMonth('2026-02-30')).toThrow(RangeError);
    expect(() => isoMonth('2026-07')).toThrow(RangeError);
  });
});

describe('lastDayOfMonth', () => {
  it('returns the last day of each month', () => {
    expect(lastDayOfMonth('2026-01')).toBe('2026-01-31');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });

  it('handles leap years, including century rules', () => {
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
  });

  it.each(['2026-00', '2026-13', '2026-1', '2026-01-01', '', '202601'])('rejects %j', (value) => {
    expect(() => lastDayOfMonth(value)).toThrow(RangeError);
  });
});

describe('londonEndOfDay', () => {
  it('ends a winter day at midnight UTC and a summer day at 23:00 UTC', async () => {
    const { londonEndOfDay, londonToday } = await import('./dates');
    expect(londonEndOfDay('2026-01-15')).toBe('2026-01-15T23:59:59.999Z');
    expect(londonEndOfDay('2026-07-01')).toBe('2026-07-01T22:59:59.999Z');
    // The clocks change: the last instant still falls on the day asked for, and the next one on the day after.
    for (const day of ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25']) {
      const end = new Date(londonEndOfDay(day));
      expect(londonToday(end)).toBe(day);
      expect(londonToday(new Date(end.getTime() + 1))).not.toBe(day);
    }
  });
});
