import { describe, expect, it } from 'vitest';
import { parseTargetDate } from './target-date';

describe('parseTargetDate', () => {
  it.each([
    ['31/3/2027', '2027-03-31'],
    ['31.3.27', '2027-03-31'],
    ['31-03-2027', '2027-03-31'],
    ['31 3 2027', '2027-03-31'],
    ['2027-03-31', '2027-03-31'],
    ['31 March 2027', '2027-03-31'],
    ['31st Mar 27', '2027-03-31'],
    ['1 sept 2026', '2026-09-01'],
    ['29/2/2028', '2028-02-29'],
  ])('reads %s as %s, and says it in words', (typed, iso) => {
    const date = parseTargetDate(typed);
    expect(date).toMatchObject({ kind: 'date', iso });
  });

  it('says the date back in words', () => {
    expect(parseTargetDate('31.3.27')).toEqual({ kind: 'date', iso: '2027-03-31', words: '31 March 2027' });
  });

  it.each(['31/2/2027', '29/2/2027', '3/31/2027', '2027-13-01', 'next March', '31/3', '31 Marchh 2027'])('does not read %s as a date', (typed) => {
    expect(parseTargetDate(typed)).toEqual({ kind: 'invalid' });
  });

  it('takes an empty box as no date', () => {
    expect(parseTargetDate('   ')).toEqual({ kind: 'empty' });
  });
});
