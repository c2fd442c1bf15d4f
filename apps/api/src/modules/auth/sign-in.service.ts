import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { signInFailures, users, writeTransaction, type Db } from '@lrt/db';
import { recordAudit } from '../../lib/audit';
import { decoyHash, verifyPassword } from '../../lib/password-hash';

/** Failed sign-ins allowed in the window, per account and per address, before further attempts are refused. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

export type SignInResult = { ok: true; userId: number; name: string } | { ok: false; reason: 'invalid' | 'rate_limited' };

const keysFor = (email: string, ip: string) => ({ account: `account:${email.toLowerCase()}`, address: `address:${ip}` });

function recentFailures(db: Db, key: string, since: string) {
  return db.select({ n: sql<number>`count(*)` }).from(signInFailures).where(and(eq(signInFailures.key, key), gt(signInFailures.at, since))).get()?.n ?? 0;
}

/**
 * Checks an email and password. Every failure looks the same from outside (unknown email, wrong password, a
 * deactivated account), takes as long (a decoy hash is checked for unknown emails), and counts against both the
 * account and the address; past the limit, even the right password is refused until the window has passed.
 */
export async function checkSignIn(
  db: Db,
  input: { email: string; password: string; ip: string; now: Date; requestId: string; scryptCost: number },
): Promise<SignInResult> {
  const { account, address } = keysFor(input.email, input.ip);
  const since = new Date(input.now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();
  if (recentFailures(db, account, since) >= SIGN_IN_LIMITS.perAccount || recentFailures(db, address, since) >= SIGN_IN_LIMITS.perAddress) {
    recordFailure(db, input, false);
    return { ok: false, reason: 'rate_limited' };
  }
  const user = db
    .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`)
    .get();
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash(input.scryptCost)));
  if (!user || !matches || !user.active) {
    recordFailure(db, input, true);
    return { ok: false, reason: 'invalid' };
  }
  writeTransaction(db, (tx) => {
    tx.delete(signInFailures).where(eq(signInFailures.key, account)).run();
    tx.update(users).set({ lastSignInAt: input.now.toISOString() }).where(eq(users.id, user.id)).run();
    recordAudit(tx, { id: user.id, name: user.name, requestId: input.requestId, ip: input.ip }, {
      entity: 'user',
      entityId: user.id,
      operation: 'sign_in',
      at: input.now,
    });
  });
  return { ok: true, userId: user.id, name: user.name };
}

function recordFailure(db: Db, input: { email: string; ip: string; now: Date; requestId: string }, count: boolean) {
  const { account, address } = keysFor(input.email, input.ip);
  writeTransaction(db, (tx) => {
    if (count) {
      tx.insert(signInFailures)
        .values([
          { key: account, at: input.now.toISOString() },
          { key: address, at: input.now.toISOString() },
        ])
        .run();
    }
    // Keep the table small: failures older than a day count for nothing.
    tx.delete(signInFailures).where(lt(signInFailures.at, new Date(input.now.getTime() - 86_400_000).toISOString())).run();
    recordAudit(tx, { id: null, name: input.email.slice(0, 254), requestId: input.requestId, ip: input.ip }, {
      entity: 'user',
      entityId: null,
      operation: 'sign_in_failed',
      after: { email: input.email.slice(0, 254), refused: count ? 'invalid credentials' : 'too many attempts' },
      at: input.now,
    });
  });
}
