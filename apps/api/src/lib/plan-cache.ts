import type { Db } from '@lrt/db';
import { londonEndOfDay } from '@lrt/domain';

/**
 * Answers of the overview's aggregate requests (the dashboard, the themes matrix), kept serialised and served
 * again while they are still exactly right: until the plan changes (every table they read moves `plan_version`
 * on, by trigger, in the writing transaction, whichever process writes) or until the clock crosses the next
 * moment a rating could change by itself: the end of the London day (overdue, due soon, a return's reply period,
 * the trend's months) or the instant the next open action goes stale. So a busy overview costs one read of a
 * number, not a rescan of every action, and is never a second out of date.
 */
interface Entry {
  version: number;
  validUntil: number;
  body: string;
}

const MAX_ENTRIES = 500;

export class PlanCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly db: Db) {}

  private readonly version = () => (this.db.$client.prepare('select version as v from plan_version where id = 1').get() as { v: number }).v;

  /** The oldest last word among open actions not yet stale: it is the next to go stale, a cadence after it. */
  private readonly oldestFresh = (staleBefore: string) =>
    (
      this.db.$client
        .prepare(
          `select min(coalesce(last_update_at, created_at)) as v from actions
            where status in ('not_started', 'in_progress') and coalesce(last_update_at, created_at) >= ?`,
        )
        .get(staleBefore) as { v: string | null }
    ).v;

  /** The serialised answer for `key`, computed again only when the plan or the clock has moved past it. */
  get(key: string, clock: { now: Date; today: string; staleBefore: string }, compute: () => unknown): string {
    const version = this.version();
    const now = clock.now.getTime();
    const entry = this.entries.get(key);
    if (entry && entry.version === version && now < entry.validUntil) return entry.body;
    const body = JSON.stringify(compute());
    const cadenceMs = now - Date.parse(clock.staleBefore);
    const oldestFresh = this.oldestFresh(clock.staleBefore);
    const nextStale = oldestFresh === null ? Infinity : Date.parse(oldestFresh) + cadenceMs;
    const endOfDay = Date.parse(londonEndOfDay(clock.today)) + 1;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(key);
    this.entries.set(key, { version, validUntil: Math.min(endOfDay, nextStale), body });
    return body;
  }
}
