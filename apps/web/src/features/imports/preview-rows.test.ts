import { describe, expect, it } from 'vitest';
import { pageOfRows, readRowView } from './preview-rows';
import { makeRow } from './test-factories';
import { shortNameFor } from './components/agencies-step';

const rows = Array.from({ length: 101 }, (_, index) => makeRow({ rowNumber: index + 2 }));

describe('the preview’s pages of rows', () => {
  it('shows the last page for a page past the end, and reads nonsense in the address as the first page of every row', () => {
    const last = pageOfRows(rows, 'all', 9);
    expect(last).toMatchObject({ page: 3, pages: 3, total: 101, first: 101, last: 101 });
    expect(last.rows.map((row) => row.rowNumber)).toEqual([102]);
    expect(readRowView(new URLSearchParams('show=everything&page=-2'))).toEqual({ filter: 'all', page: 1 });
    expect(readRowView(new URLSearchParams('show=conflicts&page=2'))).toEqual({ filter: 'conflicts', page: 2 });
  });

  it('says when the filter keeps nothing', () => {
    expect(pageOfRows(rows, 'conflicts', 1)).toMatchObject({ rows: [], page: 1, pages: 1, total: 0, first: 0, last: 0 });
  });
});

describe('a new agency’s first short name', () => {
  it('is the initials of the words that matter, or a one-word name itself', () => {
    expect(shortNameFor('Adult Social Care')).toBe('ASC');
    expect(shortNameFor('Drug Education, Counselling and Confidential Advice Service')).toBe('DECCAS');
    expect(shortNameFor('Horizons')).toBe('Horizons');
  });
});
