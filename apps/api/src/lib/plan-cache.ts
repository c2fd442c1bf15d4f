import { rawRow, type Db } from '@lrt/db';
import { londonEndOfDay } from '@lrt/domain';

/**
 * Answers of the overview's aggregate requests (the dashboard, the themes matrix), kept serialised and served
 * again while they are still exactly right: until the plan changes (every table they read moves `plan_version`
 * on, by trigger, in the writing transaction, whichever process writes) or until the clock crosses the next
 * moment a rating could change by itself: the end of the London day (overdue, due soon, a return's reply period,
 * the trend's months) or the instant the next open action goes stale (the first entry of actions_next_stale_idx).
 * So a busy overview costs one read of a number, not a rescan of every action, and is never a second out of date.
 * Parts that depend only on the status history (the dashboard's trend) are kept apart, by `history_version`, so
 * that a progress note does not make them be built again.
 */
interface Entry<T> {
  version: number;
  validUntil: number;
  value: T;
}

const MAX_ENTRIES = 500;

/** A bounded map of entries, the oldest dropped first. */
class Entries<T> {
  private readonly map = new Map<string, Entry<T>>();

  find(key: string, version: number, now: number) {
    const entry = this.map.get(key);
    return entry && entry.version === version && now < entry.validUntil ? entry : undefined;
  }

  keep(key: string, entry: Entry<T>) {
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    this.map.delete(key);
    this.map.set(key, entry);
  }
}

export class PlanCache {
  private readonly answers = new Entries<string>();
  private readonly histories = new Entries<unknown>();

  constructor(private readonly db: Db) {}

  // Hand-written and, on SQLite, compiled once: these run on every request.
  private readonly versions = async () =>
    (await rawRow<{ plan: number; history: number }>(this.db, 'select version as plan, history_version as history from plan_version where id = 1'))!;

  /** The oldest last word among open actions not yet stale: it is the next to go stale, a cadence after it. */
  private readonly oldestFresh = async (staleBefore: string) =>
    (
      await rawRow<{ v: string | null }>(
        this.db,
        `select min(coalesce(last_update_at, created_at)) as v from actions
          where status in ('not_started', 'in_progress') and coalesce(last_update_at, created_at) >= ?`,
        [staleBefore],
      )
    )?.v ?? null;

  private readonly endOfDay = (today: string) => Date.parse(londonEndOfDay(today)) + 1;

  /** The serialised answer for `key`, computed again only when the plan or the clock has moved past it. */
  async get(key: string, clock: { now: Date; today: string; staleBefore: string }, compute: () => unknown): Promise<string> {
    const version = (await this.versions()).plan;
    const now = clock.now.getTime();
    const kept = this.answers.find(key, version, now);
    if (kept) return kept.value;
    const body = JSON.stringify(await compute());
    const cadenceMs = now - Date.parse(clock.staleBefore);
    const oldestFresh = await this.oldestFresh(clock.staleBefore);
    const nextStale = oldestFresh === null ? Infinity : Date.parse(oldestFresh) + cadenceMs;
    this.answers.keep(key, { version, validUntil: Math.min(this.endOfDay(clock.today), nextStale), value: body });
    return body;
  }

  /**
   * A part of an answer that depends only on the status history and on what each action belongs to (the monthly
   * trend), computed again only when `history_version` moves or the London day ends: a progress note that changes
   * no status leaves it as it was.
   */
  async history<T>(key: string, clock: { now: Date; today: string }, compute: () => T | Promise<T>): Promise<T> {
    const version = (await this.versions()).history;
    const now = clock.now.getTime();
    const kept = this.histories.find(key, version, now);
    if (kept) return kept.value as T;
    const value = await compute();
    this.histories.keep(key, { version, validUntil: this.endOfDay(clock.today), value });
    return value;
  }
}
