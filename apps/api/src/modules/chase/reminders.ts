import { eq, inArray, sql } from 'drizzle-orm';
import { agencies, chases, first, inJsonIds, rowsOf, writeTransaction, type Db } from '@lrt/db';
import { addDays, londonToday, type Principal } from '@lrt/domain';
import { planClock } from '../settings/settings.service';
import { getSettings } from '../settings/settings.service';
import { enqueueEmail, LINK_PLACEHOLDER } from '../mail/outbox.service';
import { candidateActions, ESCALATION_KEY_PREFIX, escalationKey, pushTo, REMINDER_KEY_PREFIX, reminderKey, type MailContext } from './chase.service';
import { escalationEmail, reminderEmail } from './chase-messages';

/** The rules read every action when the scheduler plans: it chases on nobody's behalf. */
const SCHEDULER: Principal = { id: 0, name: 'Scheduler', roles: ['admin'], agencyIds: [], subgroupIds: [] };

/** Unanswered open actions of each (chase, agency): what a reminder or an escalation lists. */
async function unanswered(db: Db, chaseIds: number[]) {
  if (chaseIds.length === 0) return new Map<string, number[]>();
  const rows = await rowsOf<{ chaseId: number; agencyId: number; actionId: number }>(db, sql`
    select ca.chase_id as "chaseId", ca.agency_id as "agencyId", ca.action_id as "actionId"
    from chase_actions ca join chases c on c.id = ca.chase_id join actions a on a.id = ca.action_id
    where ${inJsonIds(db, sql`ca.chase_id`, JSON.stringify(chaseIds))} and a.status in ('not_started', 'in_progress')
      and not exists (select 1 from progress_updates pu where pu.action_id = ca.action_id and pu.agency_id = ca.agency_id
        and pu.kind = 'progress' and pu.created_at >= c.created_at)`);
  const map = new Map<string, number[]>();
  for (const r of rows) pushTo(map, `${r.chaseId}:${r.agencyId}`, r.actionId);
  return map;
}

/**
 * Plans the reminders and escalations that have fallen due, and queues each once: before the reply-by date, a
 * reminder to each lead who has not answered (with a fresh personal link); after it, an escalation to the
 * agency's senior contact. Each has a key in the outbox, so it is queued once only whether this runs every few
 * seconds, after a restart, or in two processes at once; one missed while the server was down is queued at the
 * next run. A reminder is not sent for a request made inside the reminder window (it was just asked).
 *
 * What makes "once" hold when two processes plan at the same moment is the outbox's unique index on the key
 * (emails_dedupe_unique), not the reads here: both may read that a reminder is due, but the second insert of its
 * key does nothing (enqueueEmail's ON CONFLICT DO NOTHING; on PostgreSQL it waits for the first to commit, or its
 * serialisable transaction fails and runs again, and then finds the key taken).
 */
export async function planRemindersAndEscalations(db: Db, now: Date, mail: MailContext): Promise<{ queued: number }> {
  const settings = await getSettings(db);
  const today = londonToday(now);
  const clock = await planClock(db, now, SCHEDULER);
  let queued = 0;

  if (settings.reminderDaysBefore > 0) {
    const remindBy = addDays(today, settings.reminderDaysBefore);
    type Due = { recipientId: number; chaseId: number; agencyId: number; name: string; email: string; linkExpiresOn: string; askedAt: string; replyBy: string };
    // Not for a request made inside the reminder window: asked (the day of created_at, an ISO time in UTC) before
    // the day the window opens, decided here rather than with an engine's date functions.
    const due = (
      await rowsOf<Due>(db, sql`
        select r.id as "recipientId", r.chase_id as "chaseId", r.agency_id as "agencyId", r.name as name, r.email as email,
          r.link_expires_on as "linkExpiresOn", c.created_at as "askedAt", c.reply_by as "replyBy"
        from chase_recipients r join chases c on c.id = r.chase_id
        where r.revoked_at is null and r.link_expires_on >= ${today} and c.reply_by <= ${remindBy}
          and not exists (select 1 from emails e where e.dedupe_key = ${REMINDER_KEY_PREFIX} || cast(r.id as text))
          and exists (select 1 from emails e where e.reply_recipient_id = r.id and e.status in ('sent', 'logged'))`)
    ).filter((d) => d.askedAt.slice(0, 10) < addDays(d.replyBy, -settings.reminderDaysBefore));
    const open = await unanswered(db, [...new Set(due.map((d) => d.chaseId))]);
    for (const recipient of due) {
      const actionIds = open.get(`${recipient.chaseId}:${recipient.agencyId}`);
      if (!actionIds?.length) continue;
      const chase = (await first(db.select().from(chases).where(eq(chases.id, recipient.chaseId))))!;
      const agency = (await first(db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, recipient.agencyId))))!;
      const listed = await candidateActions(db, clock, SCHEDULER, actionIds, settings.chaseMessageDetail === 'notes');
      const body = reminderEmail(
        {
          partnershipName: settings.partnershipName,
          detail: settings.chaseMessageDetail,
          recipientName: recipient.name,
          agencyName: agency.name,
          askedOn: chase.createdAt.slice(0, 10),
          replyBy: chase.replyBy,
          expiresOn: recipient.linkExpiresOn,
          actions: listed,
          link: LINK_PLACEHOLDER,
          signInUrl: `${mail.publicUrl}/my-agency`,
        },
        today,
      );
      const id = await writeTransaction(db, (tx) =>
        enqueueEmail(tx, {
          kind: 'reminder',
          to: { name: recipient.name, address: recipient.email },
          ...body,
          chaseId: recipient.chaseId,
          replyRecipientId: recipient.recipientId,
          dedupeKey: reminderKey(recipient.recipientId),
          at: now,
        }),
      );
      if (id !== null) queued += 1;
    }
  }

  if (settings.escalationDaysAfter > 0) {
    const escalateOnOrBefore = addDays(today, -settings.escalationDaysAfter);
    const due = await rowsOf<{ chaseId: number; agencyId: number }>(db, sql`
      select distinct ca.chase_id as "chaseId", ca.agency_id as "agencyId"
      from chase_actions ca join chases c on c.id = ca.chase_id join agencies g on g.id = ca.agency_id
      where c.reply_by <= ${escalateOnOrBefore} and g.senior_contact_email is not null
        and not exists (select 1 from emails e
          where e.dedupe_key = ${ESCALATION_KEY_PREFIX} || cast(ca.chase_id as text) || ':' || cast(ca.agency_id as text))`);
    const open = await unanswered(db, [...new Set(due.map((d) => d.chaseId))]);
    const agencyRows = due.length ? await db.select().from(agencies).where(inArray(agencies.id, [...new Set(due.map((d) => d.agencyId))])) : [];
    for (const { chaseId, agencyId } of due) {
      const actionIds = open.get(`${chaseId}:${agencyId}`);
      if (!actionIds?.length) continue;
      const chase = (await first(db.select().from(chases).where(eq(chases.id, chaseId))))!;
      const agency = agencyRows.find((a) => a.id === agencyId)!;
      const leads = (
        await rowsOf<{ name: string }>(db, sql`select name from chase_recipients where chase_id = ${chaseId} and agency_id = ${agencyId} order by name`)
      ).map((r) => r.name);
      const actions = await candidateActions(db, clock, SCHEDULER, actionIds, settings.chaseMessageDetail === 'notes');
      const body = escalationEmail({
        partnershipName: settings.partnershipName,
        detail: settings.chaseMessageDetail,
        seniorName: agency.seniorContactName ?? agency.seniorContactEmail!,
        agencyName: agency.name,
        askedOn: chase.createdAt.slice(0, 10),
        replyBy: chase.replyBy,
        leads,
        actions,
        signInUrl: mail.publicUrl,
      });
      const id = await writeTransaction(db, (tx) =>
        enqueueEmail(tx, {
          kind: 'escalation',
          to: { name: agency.seniorContactName ?? agency.seniorContactEmail!, address: agency.seniorContactEmail! },
          ...body,
          chaseId,
          dedupeKey: escalationKey(chaseId, agencyId),
          at: now,
        }),
      );
      if (id !== null) queued += 1;
    }
  }
  return { queued };
}
