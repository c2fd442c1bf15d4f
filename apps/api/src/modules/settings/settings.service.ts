import { eq } from 'drizzle-orm';
import type { Settings, SettingsPatch } from '@lrt/contracts';
import { settings, writeTransaction, type Db, type Tx } from '@lrt/db';
import { staleBefore, type AssessmentClock, addDays, londonToday, type Principal } from '@lrt/domain';
import { prepared, updateVersioned } from '../../lib/persistence';
import type { Actor } from '../../lib/audit';

const toDto = (row: typeof settings.$inferSelect): Settings => ({
  partnershipName: row.partnershipName,
  updateCadenceDays: row.updateCadenceDays,
  dueSoonDays: row.dueSoonDays,
  replyPeriodDays: row.replyPeriodDays,
  evidenceMaxMegabytes: row.evidenceMaxMegabytes,
  requireMfaRoles: row.requireMfaRoles,
  chaseMessageDetail: row.chaseMessageDetail,
  replyLinkGraceDays: row.replyLinkGraceDays,
  reminderDaysBefore: row.reminderDaysBefore,
  escalationDaysAfter: row.escalationDaysAfter,
  version: row.version,
});

/** Read by every request (for the clock the rules run on): its query is built and prepared once per database. */
export async function getSettings(db: Db | Tx): Promise<Settings> {
  const row = await prepared(db, 'settings.get', (d) => d.select().from(settings).where(eq(settings.id, 1)).prepare()).get();
  if (!row) throw new Error('The settings row is missing: the database was not migrated');
  return toDto(row);
}

export async function patchSettings(db: Db, patch: SettingsPatch, now: Date, actor: Actor): Promise<Settings> {
  const { version, ...values } = patch;
  // Read in the transaction: on PostgreSQL another connection would not see the change before it commits.
  return writeTransaction(db, (tx) => updateVersioned(tx, { table: settings, resource: 'settings', id: 1, version, values, now, actor, current: () => getSettings(tx) }));
}

export interface PlanClock extends AssessmentClock {
  now: Date;
  /** Who is looking: what each action lets them do depends on it. */
  viewer: Principal | null;
  /** Open actions due on or before this day are due soon. */
  dueSoonBy: string;
  /** Days an agency has to answer a return for more information, unless the decider names a day. */
  replyPeriodDays: number;
}

/** "Now" for the rules, with the partnership's own cadence: one read of settings per request. */
export async function planClock(db: Db, now: Date, viewer: Principal | null = null): Promise<PlanClock> {
  const { updateCadenceDays, dueSoonDays, replyPeriodDays } = await getSettings(db);
  const today = londonToday(now);
  return { now, viewer, today, staleBefore: staleBefore(now, updateCadenceDays), dueSoonBy: addDays(today, dueSoonDays), replyPeriodDays };
}
