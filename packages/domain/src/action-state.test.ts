import { describe, expect, it } from 'vitest';
import { assessAction, staleBefore, type ActionFacts } from './action-state';

const now = new Date('2026-03-02T10:00:00.000Z');
const clock = { today: '2026-03-02', staleBefore: staleBefore(now, 56) };
const facts = (overrides: Partial<ActionFacts> = {}): ActionFacts => ({
  status: 'in_progress',
  targetDate: '2026-06-30',
  latestConfidence: 'on_track',
  lastUpdateAt: '2026-02-20T09:00:00.000Z',
  createdAt: '2025-10-01T09:00:00.000Z',
  ...overrides,
});

describe('staleBefore', () => {
  it('is the cadence in days before now', () => {
    expect(staleBefore(now, 56)).toBe('2026-01-05T10:00:00.000Z');
  });
});

describe('BRAG, overdue and stale', () => {
  it('rates an action with a recent on-track update and a future target green', () => {
    expect(assessAction(facts(), clock)).toEqual({ brag: 'green', bragReason: 'On track', overdue: false, stale: false, dueSoon: false });
  });

  it('rates assured blue and completed green, whatever the dates', () => {
    const old = { targetDate: '2025-01-01', lastUpdateAt: '2025-01-01T00:00:00.000Z', latestConfidence: 'off_track' as const };
    expect(assessAction(facts({ ...old, status: 'assured' }), clock)).toEqual({
      brag: 'blue',
      bragReason: 'Completed and assured',
      overdue: false,
      stale: false,
      dueSoon: false,
    });
    expect(assessAction(facts({ ...old, status: 'completed' }), clock)).toMatchObject({ brag: 'green', bragReason: 'Completed, awaiting assurance', overdue: false });
  });

  it('gives a withdrawn action no colour and never calls it overdue or stale', () => {
    expect(assessAction(facts({ status: 'withdrawn', targetDate: '2025-01-01', lastUpdateAt: null }), clock)).toEqual({
      brag: null,
      bragReason: 'Withdrawn',
      overdue: false,
      stale: false,
      dueSoon: false,
    });
  });

  it('rates an open action past its target date red, and says since when', () => {
    expect(assessAction(facts({ targetDate: '2026-03-01' }), clock)).toEqual({
      brag: 'red',
      bragReason: 'Overdue since 2026-03-01',
      overdue: true,
      stale: false,
      dueSoon: false,
    });
  });

  it('does not call an action due today overdue', () => {
    expect(assessAction(facts({ targetDate: '2026-03-02' }), clock).overdue).toBe(false);
  });

  it('never calls an action without a target date overdue', () => {
    expect(assessAction(facts({ targetDate: null }), clock)).toMatchObject({ overdue: false, brag: 'green' });
  });

  it('rates red when the latest update says off track, amber when at risk', () => {
    expect(assessAction(facts({ latestConfidence: 'off_track' }), clock)).toMatchObject({ brag: 'red', bragReason: 'Latest update says off track' });
    expect(assessAction(facts({ latestConfidence: 'at_risk' }), clock)).toMatchObject({ brag: 'amber', bragReason: 'Latest update says at risk' });
  });

  it('puts overdue before what the author says', () => {
    expect(assessAction(facts({ targetDate: '2026-01-31', latestConfidence: 'at_risk' }), clock).bragReason).toBe('Overdue since 2026-01-31');
  });

  it('calls an open action with no update within the cadence stale, and rates it amber', () => {
    expect(assessAction(facts({ lastUpdateAt: '2026-01-05T09:59:59.999Z' }), clock)).toEqual({
      brag: 'amber',
      bragReason: 'No progress update since 2026-01-05',
      overdue: false,
      stale: true,
      dueSoon: false,
    });
    expect(assessAction(facts({ lastUpdateAt: '2026-01-05T10:00:00.000Z' }), clock).stale).toBe(false);
  });

  it('measures staleness from creation until the first update', () => {
    expect(assessAction(facts({ status: 'not_started', lastUpdateAt: null, latestConfidence: null, createdAt: '2025-12-01T09:00:00.000Z' }), clock)).toEqual({
      brag: 'amber',
      bragReason: 'No progress update since it was set on 2025-12-01',
      overdue: false,
      stale: true,
      dueSoon: false,
    });
    expect(assessAction(facts({ status: 'not_started', lastUpdateAt: null, latestConfidence: null, createdAt: '2026-02-01T09:00:00.000Z' }), clock)).toMatchObject({
      brag: 'green',
      bragReason: 'Not started, not yet due',
      stale: false,
    });
  });

  it('calls an open action due within the window due soon, from today to the last day of it', () => {
    const soon = { ...clock, dueSoonBy: '2026-03-30' };
    expect(assessAction(facts({ targetDate: '2026-03-02' }), soon).dueSoon).toBe(true);
    expect(assessAction(facts({ targetDate: '2026-03-30' }), soon).dueSoon).toBe(true);
    expect(assessAction(facts({ targetDate: '2026-03-31' }), soon).dueSoon).toBe(false);
    expect(assessAction(facts({ targetDate: '2026-03-01' }), soon)).toMatchObject({ dueSoon: false, overdue: true });
    expect(assessAction(facts({ targetDate: '2026-03-10', status: 'completed' }), soon).dueSoon).toBe(false);
    expect(assessAction(facts({ targetDate: '2026-03-10' }), clock).dueSoon).toBe(false);
  });

  it('keeps an overdue action red and flags it stale too', () => {
    expect(assessAction(facts({ targetDate: '2025-12-31', lastUpdateAt: '2025-11-01T00:00:00.000Z' }), clock)).toMatchObject({
      brag: 'red',
      overdue: true,
      stale: true,
    });
  });
});

describe('an action returned for more information', () => {
  const clock = { today: '2026-03-02', staleBefore: '2026-01-05T00:00:00.000Z' };
  const returned = (replyBy: string, extra: Partial<ActionFacts> = {}): ActionFacts => ({
    status: 'in_progress',
    targetDate: '2026-01-31',
    latestConfidence: 'off_track',
    lastUpdateAt: '2025-11-01T10:00:00.000Z',
    createdAt: '2025-06-01T10:00:00.000Z',
    returnedAt: '2026-02-20T10:00:00.000Z',
    returnedReplyBy: replyBy,
    ...extra,
  });

  it('is Amber, not overdue and not stale while the agency is within its reply period', () => {
    expect(assessAction(returned('2026-03-20'), clock)).toEqual({
      brag: 'amber',
      bragReason: 'Returned for more information on 2026-02-20; answer due by 2026-03-20',
      overdue: false,
      stale: false,
      dueSoon: false,
    });
    // The reply-by day itself is still within the period.
    expect(assessAction(returned('2026-03-02'), clock)).toMatchObject({ brag: 'amber', overdue: false });
  });

  it('is Red once the answer is late, and overdue again if its target date has passed', () => {
    expect(assessAction(returned('2026-03-01'), clock)).toMatchObject({
      brag: 'red',
      bragReason: 'Returned for more information on 2026-02-20; no answer by 2026-03-01',
      overdue: true,
      stale: true,
    });
    expect(assessAction(returned('2026-03-01', { targetDate: '2026-12-31', latestConfidence: 'on_track' }), clock)).toMatchObject({
      brag: 'red',
      overdue: false,
    });
  });
});
