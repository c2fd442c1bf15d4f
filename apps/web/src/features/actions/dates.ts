import { londonToday } from '@lrt/domain';

/** Whole days from the UK day of `instant` to today (0 on the day itself): how long something has waited. */
export function daysSince(instant: string, now: Date = new Date()): number {
  const from = Date.parse(`${londonToday(new Date(instant))}T00:00:00Z`);
  const to = Date.parse(`${londonToday(now)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}
