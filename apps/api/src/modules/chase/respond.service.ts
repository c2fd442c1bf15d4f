import { and, eq, sql } from 'drizzle-orm';
import type { ProgressUpdate, RespondUpdateCreate, RespondView } from '@lrt/contracts';
import {
  agencies,
  chaseActions,
  chaseRecipients,
  chases,
  evidenceFiles,
  first,
  progressUpdateFiles,
  progressUpdates,
  replyLinks,
  reviews,
  rowsOf,
  writeTransaction,
  type Db,
  type Tx,
} from '@lrt/db';
import { londonToday, type Principal } from '@lrt/domain';
import { recordAudit, type Actor } from '../../lib/audit';
import { ProblemError } from '../../plugins/problems';
import { loadPrincipal } from '../../plugins/auth';
import { getAction } from '../actions/actions.service';
import { listProgressUpdates, postProgressUpdateIn } from '../progress-updates/progress-updates.service';
import { getSettings, planClock, type PlanClock } from '../settings/settings.service';
import { longDate } from './chase-messages';
import { sha256 } from '../mail/mail-sender';
import type { MailContext } from './chase.service';

/** Someone holding a reply link, as far as the link lets them act: a lead of the one agency it was sent for. */
export interface ReplyHolder {
  linkId: number;
  recipient: typeof chaseRecipients.$inferSelect;
  chase: typeof chases.$inferSelect;
  /** The holder's account, narrowed to what the link allows: agency lead of this agency only. */
  principal: Principal;
  actor: Actor;
}

const SIGN_IN_HINT = 'Sign in to the tracker to post updates, or ask the partnership business unit for a new link.';
const refused = (status: number, code: string, title: string, detail: string) => new ProblemError(status, code, title, detail);

/**
 * The reply link a token is, if it still works: not revoked, not past its last day (the reply-by date plus the
 * partnership's grace period), and its holder's account still active and still a lead of the agency. Tokens are
 * compared by their SHA-256 only. Nothing else of the API accepts one (they are not sessions or API tokens).
 */
export async function openReplyLink(
  db: Db | Tx,
  token: string,
  now: Date,
  request: { requestId?: string; ip?: string },
): Promise<ReplyHolder> {
  const found = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await first(
        db
          .select({ link: replyLinks, recipient: chaseRecipients, chase: chases })
          .from(replyLinks)
          .innerJoin(chaseRecipients, eq(chaseRecipients.id, replyLinks.recipientId))
          .innerJoin(chases, eq(chases.id, chaseRecipients.chaseId))
          .where(eq(replyLinks.tokenHash, sha256(token))),
      )
    : undefined;
  if (!found) {
    throw refused(404, 'reply_link.not_found', 'Link not recognised', `This link is not one the tracker sent, or it was copied incompletely. ${SIGN_IN_HINT}`);
  }
  const { recipient, chase, link } = found;
  if (recipient.revokedAt) {
    throw refused(410, 'reply_link.revoked', 'Link withdrawn', `The partnership business unit withdrew this link on ${longDate(recipient.revokedAt.slice(0, 10))}. ${SIGN_IN_HINT}`);
  }
  if (recipient.linkExpiresOn < londonToday(now)) {
    throw refused(410, 'reply_link.expired', 'Link expired', `This link worked until ${longDate(recipient.linkExpiresOn)}. ${SIGN_IN_HINT}`);
  }
  const account = recipient.userId === null ? null : await loadPrincipal(db, recipient.userId);
  if (!account?.active || !account.roles.includes('agency_lead') || !account.agencyIds.includes(recipient.agencyId)) {
    throw refused(410, 'reply_link.holder_changed', 'Link no longer valid', `The account this link was sent to is no longer a lead of the agency it was sent for. ${SIGN_IN_HINT}`);
  }
  return {
    linkId: link.id,
    recipient,
    chase,
    principal: { id: account.id, name: account.name, roles: ['agency_lead'], agencyIds: [recipient.agencyId], subgroupIds: [] },
    actor: { id: account.id, name: account.name, requestId: request.requestId, ip: request.ip },
  };
}

/** Every use of a link is in the audit trail, as its holder. */
async function recordUse(tx: Tx, holder: ReplyHolder, now: Date, use: Record<string, unknown>) {
  await tx.update(replyLinks).set({ lastUsedAt: now.toISOString() }).where(eq(replyLinks.id, holder.linkId));
  await recordAudit(tx, holder.actor, {
    entity: 'reply_link',
    entityId: holder.recipient.id,
    operation: 'token_used',
    after: { chaseId: holder.chase.id, agencyId: holder.recipient.agencyId, ...use },
    at: now,
  });
}

const askedActionIds = async (db: Db | Tx, holder: ReplyHolder) =>
  (
    await db
      .select({ actionId: chaseActions.actionId })
      .from(chaseActions)
      .where(and(eq(chaseActions.chaseId, holder.chase.id), eq(chaseActions.agencyId, holder.recipient.agencyId)))
  ).map((r) => r.actionId);

/** What a link opens: who it is for, the actions it may answer (as they are now), and until when. */
export async function respondView(db: Db, token: string, now: Date, request: { requestId?: string; ip?: string }): Promise<RespondView> {
  const holder = await writeTransaction(db, async (tx) => {
    const opened = await openReplyLink(tx, token, now, request);
    await recordUse(tx, opened, now, { read: true });
    return opened;
  });
  const clock = await planClock(db, now, holder.principal);
  const settings = await getSettings(db);
  const agency = (await first(
    db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, holder.recipient.agencyId)),
  ))!;
  const answered = await answeredAt(db, holder);
  const items: RespondView['actions'] = [];
  for (const id of await askedActionIds(db, holder)) {
    const action = await getAction(db, id, clock);
    const review = (await first(
      db.select({ code: reviews.code, title: reviews.title }).from(reviews).where(eq(reviews.id, action.reviewId)),
    ))!;
    items.push({
      id: action.id,
      ref: action.ref,
      reviewCode: review.code,
      reviewTitle: review.title,
      learningNeed: action.learningNeed,
      action: action.action,
      successMeasure: action.successMeasure,
      targetDate: action.targetDate,
      status: action.status,
      brag: action.brag,
      bragReason: action.bragReason,
      latestConfidence: action.latestConfidence,
      returned: action.returned,
      version: action.version,
      statusChanges: action.permissions.canPostUpdate ? action.permissions.statusChanges : [],
      answeredAt: answered.get(action.id) ?? null,
      recentUpdates: (await listProgressUpdates(db, action.id, { limit: 5 })).items,
    });
  }
  items.sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  return {
    partnershipName: settings.partnershipName,
    holder: { name: holder.recipient.name, email: holder.recipient.email },
    agency,
    kind: holder.chase.kind,
    question: holder.chase.question,
    askedBy: holder.chase.createdByName,
    askedAt: holder.chase.createdAt,
    replyBy: holder.chase.replyBy,
    expiresOn: holder.recipient.linkExpiresOn,
    evidenceMaxMegabytes: settings.evidenceMaxMegabytes,
    actions: items,
  };
}

async function answeredAt(db: Db | Tx, holder: ReplyHolder) {
  const rows = await rowsOf<{ actionId: number; at: string | null }>(db, sql`
    select ca.action_id as actionId, (select min(pu.created_at) from progress_updates pu where pu.action_id = ca.action_id
      and pu.agency_id = ca.agency_id and pu.kind = 'progress' and pu.created_at >= ${holder.chase.createdAt}) as at
    from chase_actions ca where ca.chase_id = ${holder.chase.id} and ca.agency_id = ${holder.recipient.agencyId}`);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.actionId, r.at!]));
}

/**
 * Posts the agency's progress on one of the link's actions, as its holder would signed in (the same rules,
 * evidence and status changes of an agency lead), for the link's agency. Any other action is refused.
 */
export async function postReply(
  db: Db,
  token: string,
  actionId: number,
  input: RespondUpdateCreate,
  now: Date,
  request: { requestId?: string; ip?: string },
  mail: MailContext,
): Promise<ProgressUpdate> {
  return writeTransaction(db, async (tx) => {
    const holder = await openReplyLink(tx, token, now, request);
    if (!(await askedActionIds(tx, holder)).includes(actionId)) {
      throw refused(403, 'reply_link.action_not_included', 'Not allowed', 'This link lets you update only the actions listed in its message. Sign in to update others.');
    }
    const clock: PlanClock = await planClock(tx, now, holder.principal);
    const update = await postProgressUpdateIn(
      tx,
      actionId,
      {
        kind: 'progress',
        agencyId: holder.recipient.agencyId,
        note: input.note,
        confidence: input.confidence,
        evidence: input.evidence,
        statusChange: input.statusChange,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        ...(input.actionVersion !== undefined ? { actionVersion: input.actionVersion } : {}),
      },
      clock,
      holder.actor,
      mail,
    );
    await recordUse(tx, holder, now, { actionId, progressUpdateId: update.id });
    return update;
  });
}

/**
 * An evidence document the holder may download through the link: one cited by an update on the link's actions,
 * or one they uploaded through it and have not cited yet. Anything else does not exist for them (404).
 */
export async function replyDownload(db: Db, token: string, fileId: number, now: Date, request: { requestId?: string; ip?: string }) {
  return writeTransaction(db, async (tx) => {
    const holder = await openReplyLink(tx, token, now, request);
    const asked = await askedActionIds(tx, holder);
    const file = await first(tx.select().from(evidenceFiles).where(eq(evidenceFiles.id, fileId)));
    const citedOn = (
      await tx
        .select({ actionId: progressUpdates.actionId })
        .from(progressUpdateFiles)
        .innerJoin(progressUpdates, eq(progressUpdates.id, progressUpdateFiles.progressUpdateId))
        .where(eq(progressUpdateFiles.evidenceFileId, fileId))
    ).map((r) => r.actionId);
    const allowed = file && (citedOn.length > 0 ? citedOn.some((id) => asked.includes(id)) : file.uploadedByUserId === holder.principal.id);
    if (!file || !allowed) throw new ProblemError(404, 'evidence.not_found', 'Not found', `There is no evidence document ${fileId} on the actions of this link.`);
    await recordUse(tx, holder, now, { downloaded: fileId });
    return file;
  });
}

/**
 * The holder an upload through a link belongs to (the evidence route keeps the document as theirs), checked
 * before the document is read. The use is recorded by `recordUpload`, in the transaction that keeps the document,
 * so a refused upload leaves nothing behind.
 */
export async function replyUploader(
  db: Db,
  token: string,
  now: Date,
  request: { requestId?: string; ip?: string },
): Promise<{ actor: Actor; recordUpload: (tx: Tx) => Promise<void> }> {
  const holder = await openReplyLink(db, token, now, request);
  return { actor: holder.actor, recordUpload: (tx) => recordUse(tx, holder, now, { upload: true }) };
}
