import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { and, eq, lt, sql } from 'drizzle-orm';
import { accountLinks, emails, forDialect, replyLinks, writeTransaction, type Db, type Tx } from '@lrt/db';
import { LINK_PLACEHOLDER } from './outbox.service';

export interface MailOptions {
  /** `smtp://…` or `smtps://…`; without it, messages are kept in the outbox and written to the log ("log" transport). */
  smtpUrl?: string | undefined;
  /** The sender of every message. */
  from: string;
  /** The address people use: the base of every link in a message. */
  publicUrl: string;
  /** At most this many messages leave per minute (the scheduler spreads them over its ticks). */
  perMinute?: number | undefined;
}

type EmailRow = typeof emails.$inferSelect;

/** `smtp://user:password@host:port` (STARTTLS when the server offers it) or `smtps://…` (TLS from the start). */
export function smtpServer(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes: 256 bits, well over the 128 a guess would have to beat. */
const newToken = () => randomBytes(32).toString('base64url');

/** A claim older than this belongs to a process that stopped mid-send: the message is tried again. */
const CLAIM_MINUTES = 10;
/** The wait after the nth failure: 1, 2, 4 … minutes, at most an hour. Nothing is ever given up. */
export const retryDelayMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

/** What the kept copy says in place of a personal link once the message has gone over SMTP. */
export const LINK_NOT_KEPT = '[personal link: sent to the recipient, not kept]';

/**
 * Takes queued messages from the outbox and sends them. Each message is claimed first, by one statement that marks
 * it as being sent by this process (see `claim`), so two server processes on one database never both send it. A personal link (a reply link of a chase, or an
 * account link) is made at this moment, so its token exists only in the message that leaves; only its hash is
 * kept. A failure puts the message back with a later attempt time and the error: nothing is lost while the SMTP
 * server is down. The SMTP exchange itself runs outside any transaction: the claim, the link and the outcome are
 * each written in a write transaction of their own, so the write lock is never held while the server answers.
 */
export class MailSender {
  readonly transport: 'smtp' | 'log';
  private readonly transporter: Transporter | null;
  private readonly claimant = `${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly options: MailOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = options.smtpUrl ? 'smtp' : 'log';
    this.transporter = options.smtpUrl
      ? nodemailer.createTransport({ ...smtpServer(options.smtpUrl), connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  /** Messages a tick sends at most: the per-minute rate spread over ticks of `tickMs`. */
  batchSize(tickMs: number) {
    return Math.max(1, Math.ceil(((this.options.perMinute ?? 120) * tickMs) / 60_000));
  }

  /** Sends up to `limit` messages that are due. Answers how many left and how many failed (to be retried). */
  async deliverDue(limit = 50): Promise<{ sent: number; failed: number }> {
    const claimed = await this.claim(limit);
    let sent = 0;
    let failed = 0;
    for (const email of claimed) {
      if (await this.deliver(email)) sent += 1;
      else failed += 1;
    }
    return { sent, failed };
  }

  /**
   * Claims up to `limit` due messages for this process, the longest waiting first, and answers them (in id order).
   * Claims older than CLAIM_MINUTES are first put back in the queue (their process stopped mid-send). The claim
   * itself is one statement that marks as being sent only rows nobody else holds: on PostgreSQL its subquery locks
   * the rows it picks (FOR UPDATE) and passes over rows another instance's claim has locked (SKIP LOCKED), so two
   * instances claiming at once take different messages; a row another claim took and committed since this
   * transaction's snapshot makes the serialisable transaction fail and run again, from a snapshot that sees it
   * claimed. SQLite has no row locks (and no FOR UPDATE): its write transactions run one at a time, so the
   * second claim sees the first's rows as `sending` and passes over them.
   */
  claim(limit: number): Promise<EmailRow[]> {
    const now = this.now().toISOString();
    return writeTransaction(this.db, async (tx) => {
      const abandoned = new Date(this.now().getTime() - CLAIM_MINUTES * 60_000).toISOString();
      await tx
        .update(emails)
        .set({ status: 'queued', claimedBy: null, claimedAt: null })
        .where(and(eq(emails.status, 'sending'), lt(emails.claimedAt, abandoned)));
      const unheld = forDialect(tx, { sqlite: sql``, postgres: sql` for update skip locked` });
      const claimed = await tx
        .update(emails)
        .set({ status: 'sending', claimedBy: this.claimant, claimedAt: now })
        .where(
          sql`${emails.id} in (select due.id from emails due where due.status = 'queued' and due.next_attempt_at <= ${now}
            order by due.next_attempt_at, due.id limit ${limit}${unheld})`,
        )
        .returning();
      return claimed.sort((a, b) => a.id - b.id);
    });
  }

  /**
   * Makes the message's personal link, if it has one, in a write transaction of its own: answers its address, and
   * how to take it back (in the caller's transaction) if sending fails.
   */
  private async mintLink(email: EmailRow): Promise<{ url: string; undo: (tx: Tx) => Promise<unknown> } | null> {
    if (email.replyRecipientId !== null) {
      const token = newToken();
      const recipientId = email.replyRecipientId;
      const [link] = await writeTransaction(this.db, async (tx) =>
        tx
          .insert(replyLinks)
          .values({ recipientId, tokenHash: sha256(token), createdAt: this.now().toISOString() })
          .returning({ id: replyLinks.id }),
      );
      const id = link!.id;
      return { url: `${this.options.publicUrl}/respond/${token}`, undo: async (tx) => tx.delete(replyLinks).where(eq(replyLinks.id, id)) };
    }
    if (email.accountLinkId !== null) {
      const token = newToken();
      const linkId = email.accountLinkId;
      await writeTransaction(this.db, async (tx) =>
        tx.update(accountLinks).set({ tokenHash: sha256(token) }).where(eq(accountLinks.id, linkId)),
      );
      return {
        url: `${this.options.publicUrl}/set-password/${token}`,
        undo: async (tx) => tx.update(accountLinks).set({ tokenHash: null }).where(eq(accountLinks.id, linkId)),
      };
    }
    return null;
  }

  private async deliver(email: EmailRow): Promise<boolean> {
    const link = await this.mintLink(email);
    const fill = (body: string, url: string) => body.split(LINK_PLACEHOLDER).join(url);
    const text = link ? fill(email.text, link.url) : email.text;
    const html = link ? fill(email.html, link.url) : email.html;
    const at = () => this.now().toISOString();
    if (!this.transporter) {
      // No SMTP server: the outbox is the delivery. Its copy keeps the link, since it is the only way to follow it.
      this.log.info({ emailId: email.id, kind: email.kind, to: email.toAddress, subject: email.subject, text }, 'email kept in the outbox (no SMTP_URL set)');
      await writeTransaction(this.db, async (tx) =>
        tx
          .update(emails)
          .set({ status: 'logged', text, html, sentAt: at(), attempts: email.attempts + 1, lastError: null, claimedBy: null, claimedAt: null })
          .where(eq(emails.id, email.id)),
      );
      return true;
    }
    try {
      // Outside any transaction: the SMTP server may take seconds to answer.
      const info = await this.transporter.sendMail({
        from: this.options.from,
        to: { name: email.toName, address: email.toAddress },
        subject: email.subject,
        text,
        html,
        headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
      });
      const kept = (body: string) => (link ? fill(body, LINK_NOT_KEPT) : body);
      await writeTransaction(this.db, async (tx) =>
        tx
          .update(emails)
          .set({
            status: 'sent',
            text: kept(email.text),
            html: kept(email.html),
            sentAt: at(),
            attempts: email.attempts + 1,
            lastError: null,
            messageId: typeof info.messageId === 'string' ? info.messageId : null,
            claimedBy: null,
            claimedAt: null,
          })
          .where(eq(emails.id, email.id)),
      );
      return true;
    } catch (error) {
      const attempts = email.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ emailId: email.id, attempts, err: message }, 'email not sent; it will be tried again');
      // The link taken back and the message put back for a later attempt, together.
      await writeTransaction(this.db, async (tx) => {
        await link?.undo(tx);
        await tx
          .update(emails)
          .set({
            status: 'queued',
            attempts,
            lastError: message.slice(0, 500),
            nextAttemptAt: new Date(this.now().getTime() + retryDelayMinutes(attempts) * 60_000).toISOString(),
            claimedBy: null,
            claimedAt: null,
          })
          .where(eq(emails.id, email.id));
      });
      return false;
    }
  }

  close() {
    this.transporter?.close();
  }
}
