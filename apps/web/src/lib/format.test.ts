import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('dates in en-GB', () => {
  it('writes a calendar date the GOV.UK way', () => {
    expect(formatDate('2026-03-03')).toBe('3 March 2026');
  });

  it('says when a date is not set', () => {
    expect(formatDate(null, 'None set')).toBe('None set');
  });

  it('writes an instant in UK time (British Summer Time included)', () => {
    expect(formatDateTime('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 2:05pm');
  });
});
