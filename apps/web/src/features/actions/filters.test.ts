import { describe, expect, it } from 'vitest';
import {
  actionsExportHref,
  countActiveFilters,
  readActionFilters,
  toActionListQuery,
  writeActionFilters,
  type ActionFilters,
} from './filters';

const everyFilter: ActionFilters = {
  q: 'chronology',
  status: ['not_started', 'in_progress'],
  brag: ['red', 'amber'],
  kind: ['multi_agency'],
  agencyId: [1, 2],
  reviewId: [3, 4],
  recommendationId: [11, 12],
  subgroupId: [5, 6],
  themeId: [7, 8],
  overdue: true,
  stale: false,
  dueSoon: true,
  returned: true,
  dueBefore: '2026-12-31',
  dueAfter: '2026-01-01',
  sort: 'attention',
  cursor: 'abc',
};

describe('action filters in the URL', () => {
  it('round-trips every filter the API offers, repeated ones included', () => {
    const params = writeActionFilters(everyFilter);
    expect(params.getAll('status')).toEqual(['not_started', 'in_progress']);
    expect(params.getAll('recommendationId')).toEqual(['11', '12']);
    expect(readActionFilters(new URLSearchParams(params.toString()))).toEqual(everyFilter);
  });

  it('drops what the API would refuse from a hand-edited link', () => {
    const filters = readActionFilters(
      new URLSearchParams('status=done&brag=purple&agencyId=x&agencyId=-1&agencyId=2&dueBefore=2026-02-30&dueAfter=soon&sort=random&overdue=maybe'),
    );
    expect(filters).toMatchObject({ status: [], brag: [], agencyId: [2], dueBefore: undefined, dueAfter: undefined, sort: 'targetDate', overdue: undefined });
  });

  it('leaves the default sort and empty filters out of the URL', () => {
    expect(writeActionFilters({ ...readActionFilters(new URLSearchParams()), sort: 'targetDate' }).toString()).toBe('');
  });

  it('counts each active value', () => {
    // q, 2 status, 2 brag, 1 kind, 2 agencies, 2 reviews, 2 recommendations, 2 subgroups, 2 themes, overdue, stale, due soon, returned, 2 dates
    expect(countActiveFilters(everyFilter)).toBe(22);
    expect(countActiveFilters(readActionFilters(new URLSearchParams('sort=ref')))).toBe(0);
  });

  it('asks the API for one page with every filter', () => {
    expect(toActionListQuery(everyFilter)).toMatchObject({ dueBefore: '2026-12-31', dueAfter: '2026-01-01', recommendationId: [11, 12], returned: true, cursor: 'abc', limit: 50 });
  });

  it.each([
    ['Excel', 'xlsx'],
    ['CSV', 'csv'],
  ] as const)('links the %s export to the same filters and sort, without the page', (_, format) => {
    const href = actionsExportHref(everyFilter, format);
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe(`/api/exports/actions.${format}`);
    expect(url.searchParams.getAll('agencyId')).toEqual(['1', '2']);
    expect(url.searchParams.getAll('themeId')).toEqual(['7', '8']);
    expect(url.searchParams.get('stale')).toBe('false');
    expect(url.searchParams.get('sort')).toBe('attention');
    expect(url.searchParams.get('q')).toBe('chronology');
    expect(url.searchParams.has('cursor')).toBe(false);
    expect(url.searchParams.has('limit')).toBe(false);
  });

  it('gives both formats the same query', () => {
    const query = (format: 'xlsx' | 'csv') => actionsExportHref(everyFilter, format).split('?')[1];
    expect(query('xlsx')).toBe(query('csv'));
    expect(actionsExportHref(readActionFilters(new URLSearchParams()), 'xlsx')).toBe('/api/exports/actions.xlsx?sort=targetDate');
  });
});
