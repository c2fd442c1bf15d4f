import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { ACCOUNT_LINK_HOURS, type AccountLinkPurpose, type AccountLinkView, type Invitation, type InvitationState } from '@lrt/contracts';
import { accountLinks, emails, first, settings, signInFailures, users, writeTransaction, type Db, type Tx } from '@lrt/db';
import { passwordProblem } from '../../domain/password-policy';
import { recordAudit, type Actor } from '../../lib/audit';
import { hashPassword } from '../../lib/password-hash';
import { endAllSessions } from '../../plugins/auth';
import { ProblemError, notFound, unprocessable } from '../../plugins/problems';
import { addressKey } from '../auth/sign-in-throttle';
import { sha256 } from '../mail/mail-sender';
import { enqueueEmail } from '../mail/outbox.service';
import { invitationEmail, lifetimeWords, passwordResetEmail } from './account-link-emails';

type LinkRow = typeof accountLinks.$inferSelect;
type UserRow = Pick<typeof users.$inferSelect, 'id' | 'name' | 'email' | 'active' | 'passwordChangedAt'>;

/** The token travels only in the email; the database keeps its SHA-256, as the mail sender wrote it. */
const tokenHash = sha256;

const hoursLater = (now: Date, hours: number) => new Date(now.getTime() + hours * 3_600_000);

const partnershipName = async (tx: Tx | Db) =>
  (await first(tx.select({ name: settings.partnershipName }).from(settings).where(eq(settings.id, 1))))?.name ?? 'The partnership';

const userColumns = { id: users.id, name: users.name, email: users.email, active: users.active, passwordChangedAt: users.passwordChangedAt };

/**
 * What a link can still do. Only the newest link of a purpose works, and none made before the password last
 * changed (by another link, on the account page, or by an admin): so asking again, or remembering the old
 * password, leaves no older link open in someone's inbox.
 */
async function stateOf(tx: Tx | Db, link: LinkRow, user: UserRow, now: Date): Promise<InvitationState> {
  if (link.usedAt) return 'used';
  const newer = await first(
    tx
      .select({ id: accountLinks.id })
      .from(accountLinks)
      .where(and(eq(accountLinks.userId, link.userId), eq(accountLinks.purpose, link.purpose), gt(accountLinks.id, link.id)))
      .limit(1),
  );
  if (newer || (user.passwordChangedAt !== null && user.passwordChangedAt > link.createdAt)) return 'superseded';
  if (link.expiresAt <= now.toISOString()) return 'expired';
  return 'open';
}

/** Older links of this purpose that still worked: the audit trail says a new one replaced them. */
async function openLinksOf(tx: Tx, user: UserRow, purpose: AccountLinkPurpose, now: Date): Promise<number> {
  const links = await tx
    .select()
    .from(accountLinks)
    .where(and(eq(accountLinks.userId, user.id), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now.toISOString())));
  let open = 0;
  for (const link of links) if ((await stateOf(tx, link, user, now)) === 'open') open += 1;
  return open;
}

/** Makes a link of `purpose` for `user` and queues the email that carries it; its token is made when it is sent. */
async function createLink(tx: Tx, input: { user: UserRow; purpose: AccountLinkPurpose; now: Date; actor: Actor }): Promise<LinkRow> {
  const { user, purpose, now, actor } = input;
  const replaced = await openLinksOf(tx, user, purpose, now);
  const expiresAt = hoursLater(now, ACCOUNT_LINK_HOURS[purpose]);
  const link = (await first(
    tx
      .insert(accountLinks)
      .values({ userId: user.id, purpose, createdAt: now.toISOString(), createdByUserId: actor.id, expiresAt: expiresAt.toISOString() })
      .returning(),
  ))!;
  const partnership = await partnershipName(tx);
  const to = { name: user.name, email: user.email };
  const message =
    purpose === 'invitation'
      ? invitationEmail({ to, partnershipName: partnership, invitedBy: actor.name, expiresAt })
      : passwordResetEmail({ to, partnershipName: partnership, expiresAt });
  await enqueueEmail(tx, { kind: purpose, to: { name: user.name, address: user.email }, ...message, accountLinkId: link.id, at: now });
  await recordAudit(tx, actor, {
    entity: 'account_link',
    entityId: link.id,
    operation: 'create',
    after: { userId: user.id, purpose, expiresAt: link.expiresAt, replacedOpenLinks: replaced },
    at: now,
  });
  return link;
}

async function invitationOf(tx: Tx | Db, link: LinkRow, user: UserRow, now: Date): Promise<Invitation> {
  const email = await first(tx.select({ sentAt: emails.sentAt }).from(emails).where(eq(emails.accountLinkId, link.id)).orderBy(desc(emails.id)).limit(1));
  const invitedBy =
    link.createdByUserId === null ? null : ((await first(tx.select({ name: users.name }).from(users).where(eq(users.id, link.createdByUserId))))?.name ?? null);
  return {
    state: await stateOf(tx, link, user, now),
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    usedAt: link.usedAt,
    sentAt: email?.sentAt ?? null,
    invitedBy,
  };
}

/**
 * Invites a user by email, in the caller's transaction: a link to set their password, lasting
 * ACCOUNT_LINK_HOURS.invitation, that replaces any invitation sent before. A deactivated account is refused.
 */
export async function inviteUser(tx: Tx, input: { userId: number; now: Date; actor: Actor }): Promise<Invitation> {
  const user = await first(tx.select(userColumns).from(users).where(eq(users.id, input.userId)));
  if (!user) throw notFound('user', input.userId);
  if (!user.active) {
    throw unprocessable(
      'account_link.user_deactivated',
      [{ path: 'id', message: 'is a deactivated account: reactivate it before sending an invitation' }],
      `${user.name}'s account is deactivated, so no invitation was sent. Reactivate the account first.`,
    );
  }
  const link = await createLink(tx, { user, purpose: 'invitation', now: input.now, actor: input.actor });
  return invitationOf(tx, link, user, input.now);
}

export const sendInvitation = (db: Db, input: { userId: number; now: Date; actor: Actor }): Promise<Invitation> =>
  writeTransaction(db, (tx) => inviteUser(tx, input));

/** The user's latest invitation and what it can still do, or null if none was ever sent. */
export async function latestInvitation(db: Db, userId: number, now: Date): Promise<Invitation | null> {
  const user = await first(db.select(userColumns).from(users).where(eq(users.id, userId)));
  if (!user) throw notFound('user', userId);
  const link = await first(
    db
      .select()
      .from(accountLinks)
      .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, 'invitation')))
      .orderBy(desc(accountLinks.id))
      .limit(1),
  );
  return link ? invitationOf(db, link, user, now) : null;
}

/**
 * How often a reset may be asked for. Past a limit the answer is the same 202 but nothing is sent, so the form
 * cannot be used to flood someone's inbox, nor tell anyone whether it did.
 */
export const PASSWORD_RESET_LIMITS = { perEmail: 3, perAddress: 10, windowMinutes: 60 };
export type PasswordResetLimits = typeof PASSWORD_RESET_LIMITS;

export const PASSWORD_RESET_ANSWER = {
  message: `If an account uses that address, we have emailed it a link to set a new password. The link works for ${lifetimeWords(ACCOUNT_LINK_HOURS.password_reset)}.`,
  linkHours: ACCOUNT_LINK_HOURS.password_reset,
} as const;

/**
 * Someone asks for a password reset. The same work is done whether or not the address has an account (the
 * request is counted, the user looked up) and the caller learns nothing: an active account gets a link lasting
 * ACCOUNT_LINK_HOURS.password_reset that replaces earlier ones. Requests are counted per address asked for
 * (hashed: a stranger's typing is not kept) and per client address, in the sign-in throttle's table under keys of
 * their own, so the limits hold across server processes. Answers whether an email was queued, for the log only.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string; now: Date; actor: Actor; limits?: PasswordResetLimits | undefined },
  log?: FastifyBaseLogger,
): Promise<boolean> {
  const limits = input.limits ?? PASSWORD_RESET_LIMITS;
  const email = input.email.trim().toLowerCase();
  const keys = { email: `password_reset:email:${tokenHash(email)}`, address: `password_reset:address:${addressKey(input.ip)}` };
  const since = new Date(input.now.getTime() - limits.windowMinutes * 60_000).toISOString();
  return writeTransaction(db, async (tx) => {
    const user = await first(tx.select(userColumns).from(users).where(sql`lower(${users.email}) = ${email}`));
    const counted = await tx
      .select({ key: signInFailures.key, n: sql<number>`count(*)` })
      .from(signInFailures)
      .where(and(inArray(signInFailures.key, Object.values(keys)), gt(signInFailures.at, since)))
      .groupBy(signInFailures.key);
    const counts = new Map(counted.map((row) => [row.key, row.n]));
    if ((counts.get(keys.email) ?? 0) >= limits.perEmail || (counts.get(keys.address) ?? 0) >= limits.perAddress) {
      log?.warn({ address: addressKey(input.ip) }, 'password reset not sent: too many asked for this address or from this client');
      return false;
    }
    const at = input.now.toISOString();
    await tx.insert(signInFailures).values([{ key: keys.email, at }, { key: keys.address, at }]);
    await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(input.now.getTime() - 86_400_000).toISOString()));
    if (!user?.active) return false;
    await createLink(tx, { user, purpose: 'password_reset', now: input.now, actor: input.actor });
    return true;
  });
}

const gone = (code: string, detail: string) => new ProblemError(410, code, 'This link no longer works', detail, [{ path: 'token', message: detail }]);

/** The link a token opens, if it may still set a password; otherwise the problem that says why not, in words. */
async function openLink(tx: Tx | Db, token: string, now: Date): Promise<{ link: LinkRow; user: UserRow }> {
  const link = await first(tx.select().from(accountLinks).where(eq(accountLinks.tokenHash, tokenHash(token))));
  const user = link ? await first(tx.select(userColumns).from(users).where(eq(users.id, link.userId))) : undefined;
  if (!link || !user) {
    throw new ProblemError(404, 'account_link.not_found', 'Link not recognised', 'This link is not recognised. Check that you copied the whole link from the email.', [
      { path: 'token', message: 'is not a link the tracker sent' },
    ]);
  }
  const asking = link.purpose === 'invitation' ? 'Ask your business unit to send a new invitation, or ask for a password reset.' : 'Ask for a new link.';
  if (!user.active) throw gone('account_link.account_deactivated', "This account has been deactivated, so its password cannot be set. Ask your partnership's business unit.");
  switch (await stateOf(tx, link, user, now)) {
    case 'used':
      throw gone('account_link.used', `This link has already been used to set a password, and each link works only once. ${asking}`);
    case 'superseded':
      throw gone(
        'account_link.superseded',
        `A newer link has been sent since this one, or the password has been changed since: this link no longer works. Use the link in the latest email, or ${asking.charAt(0).toLowerCase()}${asking.slice(1)}`,
      );
    case 'expired':
      throw gone(
        'account_link.expired',
        `This link has expired: ${link.purpose === 'invitation' ? 'an invitation' : 'a link to reset a password'} works for ${lifetimeWords(ACCOUNT_LINK_HOURS[link.purpose])}. ${asking}`,
      );
    case 'open':
      return { link, user };
  }
}

/** Who a link is for, so its page can greet them; or why it no longer works. */
export async function viewAccountLink(db: Db, token: string, now: Date): Promise<AccountLinkView> {
  const { link, user } = await openLink(db, token, now);
  return { purpose: link.purpose, name: user.name, email: user.email, expiresAt: link.expiresAt };
}

/**
 * Sets the password with a link: the same rules and hashing as every password. In one transaction the link is
 * checked again and used (so two tabs sending it at once set it once), every session of the user ends, and a
 * password change an admin asked for is no longer due. It signs no one in: they sign in afterwards with the new
 * password, and their second factor if they have one.
 */
export async function setPasswordWithLink(db: Db, input: { token: string; password: string; now: Date; actor: Actor; scryptCost: number }): Promise<void> {
  const { user } = await openLink(db, input.token, input.now);
  const problem = passwordProblem(input.password, user);
  if (problem) throw unprocessable('user.weak_password', [{ path: 'password', message: problem }]);
  const passwordHash = await hashPassword(input.password, input.scryptCost);
  await writeTransaction(db, async (tx) => {
    const { link } = await openLink(tx, input.token, input.now);
    const at = input.now.toISOString();
    await tx.update(accountLinks).set({ usedAt: at }).where(eq(accountLinks.id, link.id));
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, user.id));
    const sessionsEnded = await endAllSessions(tx, user.id);
    await recordAudit(tx, { ...input.actor, id: user.id, name: user.name }, {
      entity: 'user',
      entityId: user.id,
      operation: 'password_changed',
      after: { with: link.purpose, sessionsEnded },
      at: input.now,
    });
  });
}
