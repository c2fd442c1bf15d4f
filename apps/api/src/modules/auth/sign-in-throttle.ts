import { isIPv6 } from 'node:net';
import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { first, signInAddresses, signInFailures, writeTransaction, type Db } from '@lrt/db';
import { recordAudit } from '../../lib/audit';

/**
 * How password checks are throttled. There is no lock an attacker can trigger for someone else: each key has a
 * few free tries, then a delay that doubles with every further try (up to `maxDelaySeconds`) and that ends of
 * itself once the window passes without tries.
 *
 * - `pair`: one account from one address (someone mistyping, or one attacker on one account).
 * - `address`: one address across every account (password spraying).
 * - `account`: one account from addresses it has never signed in from (a distributed guess). The addresses the
 *   user has signed in from are not slowed by it, so an attack from elsewhere never keeps them out.
 */
export const SIGN_IN_LIMITS = {
  freePerPair: 3,
  freePerAccount: 10,
  freePerAddress: 30,
  windowMinutes: 15,
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  /** Password checks running at once for one account, and from one address, in this process. */
  concurrentPerAccount: 2,
  concurrentPerAddress: 4,
  /** Password checks running at once in this process (each takes a worker thread for ~100 ms), and waiting. */
  concurrentChecks: 4,
  queueLength: 32,
} as const;

export type ThrottleLimits = { [K in keyof typeof SIGN_IN_LIMITS]: number };

export type Verdict =
  | { kind: 'checked'; ok: boolean }
  | { kind: 'refused'; reason: 'throttled' | 'busy'; retryAfterSeconds: number };

/** IPv6 clients usually hold a whole /64, so an address is throttled by its /64; IPv4 by itself. */
export function addressKey(ip: string): string {
  const bare = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!isIPv6(bare)) return bare;
  const [head = '', tail = ''] = bare.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const normalEmail = (email: string) => email.trim().toLowerCase();

/** A small counting semaphore with a bounded queue: a flood is refused at once rather than starving everyone. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly size: number,
    private readonly queueLength: number,
  ) {}
  /** Resolves once a slot is held; false at once when the queue is full. */
  acquire(): Promise<boolean> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.queueLength) return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(() => resolve(true)));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * Guards every check of a password (sign-in, and the current password when changing it). An attempt is counted,
 * in the database and before the slow hash starts, so a burst sent at the same moment is counted as it arrives:
 * past the free tries the rest are refused without a check, the right password among them. Refusals that cost
 * nothing are counted in memory and written to the audit trail as one event per window, not a row each.
 */
export class SignInGuard {
  private readonly slots: Slots;
  private readonly inFlight = new Map<string, number>();
  private refused = { windowStart: 0, count: 0, accounts: new Set<string>(), addresses: new Map<string, number>() };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly limits: ThrottleLimits = SIGN_IN_LIMITS,
    private readonly log?: FastifyBaseLogger,
  ) {
    this.slots = new Slots(limits.concurrentChecks, limits.queueLength);
    this.timer = setInterval(() => {
      // Fire and forget: the tick catches its own failure (and logs it), so it is never an unhandled rejection.
      void this.flushRefusals(false).catch((error: unknown) => this.log?.error({ err: error }, 'sign-in throttle: refusals not written to the trail'));
    }, 60_000);
    this.timer.unref();
  }

  private windowMs() {
    return this.limits.windowMinutes * 60_000;
  }

  /**
   * Counts an attempt for `email` from `ip`, then runs `check` (the password hash) if the attempt may go ahead.
   * `userId` is the account the email belongs to, if any (its known addresses are spared the account delay).
   */
  async attempt(
    input: { email: string; ip: string; userId: number | null },
    check: () => Promise<boolean>,
    { forgive = true }: { forgive?: boolean } = {},
  ): Promise<Verdict> {
    const email = normalEmail(input.email);
    const address = addressKey(input.ip);
    const keys = { pair: `pair:${email}|${address}`, account: `account:${email}`, address: `address:${address}` };
    const flightKeys = [`account:${email}`, `address:${address}`];
    if ((this.inFlight.get(flightKeys[0]!) ?? 0) >= this.limits.concurrentPerAccount || (this.inFlight.get(flightKeys[1]!) ?? 0) >= this.limits.concurrentPerAddress) {
      await this.countRefusal(email, address);
      return { kind: 'refused', reason: 'busy', retryAfterSeconds: 1 };
    }
    // In flight from here, before the attempt is counted: counting awaits the database, and a check that arrives
    // meanwhile must see this one, or a burst could get past the limits of checks at once.
    flightKeys.forEach((key) => this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1));
    try {
      const now = this.now();
      const { wait, attemptIds } = await this.countAndAdmit(keys, input.userId, input.ip, now);
      if (wait > 0) {
        await this.countRefusal(email, address);
        return { kind: 'refused', reason: 'throttled', retryAfterSeconds: Math.ceil(wait) };
      }
      if (!(await this.slots.acquire())) {
        await this.countRefusal(email, address);
        return { kind: 'refused', reason: 'busy', retryAfterSeconds: 1 };
      }
      try {
        const ok = await check();
        // With a second factor to come, the password alone forgives nothing: see `secondFactorPassed`.
        if (ok && forgive) await this.succeeded(keys.pair, attemptIds, input.userId, input.ip, now);
        return { kind: 'checked', ok };
      } finally {
        this.slots.release();
      }
    } finally {
      flightKeys.forEach((key) => {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      });
    }
  }

  /**
   * Seconds still to wait, or 0 after counting the attempt. One write transaction, reading the count and adding
   * to it: write transactions run one at a time, so two attempts at once are counted one after the other.
   */
  private countAndAdmit(
    keys: { pair: string; account: string; address: string },
    userId: number | null,
    ip: string,
    now: Date,
  ): Promise<{ wait: number; attemptIds: number[] }> {
    const since = new Date(now.getTime() - this.windowMs()).toISOString();
    return writeTransaction(this.db, async (tx) => {
      const rows = await tx
        .select({ key: signInFailures.key, n: sql<number>`count(*)`, latest: sql<string>`max(${signInFailures.at})` })
        .from(signInFailures)
        .where(and(inArray(signInFailures.key, Object.values(keys)), gt(signInFailures.at, since)))
        .groupBy(signInFailures.key);
      const known =
        userId !== null &&
        (await first(
          tx.select({ ip: signInAddresses.ip }).from(signInAddresses).where(and(eq(signInAddresses.userId, userId), eq(signInAddresses.ip, ip))),
        )) !== undefined;
      const free: Record<string, number> = {
        [keys.pair]: this.limits.freePerPair,
        [keys.address]: this.limits.freePerAddress,
        ...(known ? {} : { [keys.account]: this.limits.freePerAccount }),
      };
      let wait = 0;
      for (const row of rows) {
        const allowed = free[row.key];
        if (allowed === undefined || row.n < allowed) continue;
        const delay = Math.min(this.limits.maxDelaySeconds, this.limits.firstDelaySeconds * 2 ** (row.n - allowed));
        wait = Math.max(wait, delay - (now.getTime() - Date.parse(row.latest)) / 1000);
      }
      if (wait > 0) return { wait, attemptIds: [] };
      const at = now.toISOString();
      const attemptIds = (
        await tx
          .insert(signInFailures)
          .values(Object.values(keys).map((key) => ({ key, at })))
          .returning({ id: signInFailures.id })
      ).map((row) => row.id);
      // Keep the table small: tries older than a day count for nothing.
      await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 86_400_000).toISOString()));
      return { wait: 0, attemptIds };
    });
  }

  /**
   * The right password: this attempt was no failure after all, this account's tries from this address are
   * forgiven, and the address is known. Tries from elsewhere still count.
   */
  private async succeeded(pairKey: string, attemptIds: number[], userId: number | null, ip: string, now: Date): Promise<void> {
    await writeTransaction(this.db, async (tx) => {
      await tx.delete(signInFailures).where(or(eq(signInFailures.key, pairKey), inArray(signInFailures.id, attemptIds)));
      if (userId !== null) {
        await tx
          .insert(signInAddresses)
          .values({ userId, ip, lastSuccessAt: now.toISOString() })
          .onConflictDoUpdate({ target: [signInAddresses.userId, signInAddresses.ip], set: { lastSuccessAt: now.toISOString() } });
      }
    });
  }

  /**
   * The second factor was right too: now the sign-in forgives this account's tries from this address and makes
   * the address known, as a password alone does for an account without one. (Until then, someone holding only
   * the password cannot make their address one the account throttle spares.)
   */
  secondFactorPassed(input: { email: string; ip: string; userId: number }): Promise<void> {
    return this.succeeded(`pair:${normalEmail(input.email)}|${addressKey(input.ip)}`, [], input.userId, input.ip, this.now());
  }

  private async countRefusal(email: string, address: string): Promise<void> {
    const now = this.now().getTime();
    const windowStart = now - (now % this.windowMs());
    // The last window's count is taken (and this window's begun) before the write is awaited, so this refusal and
    // any that arrive meanwhile count in the new window, and the old one is written once.
    const flushed = windowStart !== this.refused.windowStart ? this.flushRefusals(true, windowStart) : undefined;
    this.refused.count++;
    if (this.refused.accounts.size < 1000) this.refused.accounts.add(email);
    this.refused.addresses.set(address, (this.refused.addresses.get(address) ?? 0) + 1);
    this.log?.warn({ throttledSignIns: this.refused.count, address }, 'sign-in refused without a password check (throttled)');
    await flushed;
  }

  /**
   * Writes the finished window's refusals as one audit event. `force` writes the current window too (on close).
   * The window's count is taken and reset at once, before the write is awaited, so it is never written twice.
   */
  async flushRefusals(force: boolean, nextWindowStart?: number): Promise<void> {
    const { windowStart, count, accounts, addresses } = this.refused;
    const now = this.now().getTime();
    const ended = windowStart + this.windowMs() <= now;
    if (count === 0 || force || ended) {
      this.refused = { windowStart: nextWindowStart ?? now - (now % this.windowMs()), count: 0, accounts: new Set(), addresses: new Map() };
    }
    if (count > 0 && (force || ended)) {
      const top = [...addresses.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
      await writeTransaction(this.db, (tx) =>
        recordAudit(tx, { id: null, name: 'Sign-in throttle' }, {
          entity: 'user',
          entityId: null,
          operation: 'sign_in_throttled',
          after: {
            from: new Date(windowStart).toISOString(),
            to: new Date(Math.min(now, windowStart + this.windowMs())).toISOString(),
            refused: count,
            accounts: accounts.size,
            busiestAddresses: Object.fromEntries(top),
          },
          at: new Date(now),
        }),
      );
    }
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.flushRefusals(true);
  }
}
