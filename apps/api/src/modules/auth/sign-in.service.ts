import { eq, sql } from 'drizzle-orm';
import { first, users, writeTransaction, type Db } from '@lrt/db';
import { recordAudit } from '../../lib/audit';
import { decoyHash, verifyPassword } from '../../lib/password-hash';
import type { SignInGuard } from './sign-in-throttle';

export { SIGN_IN_LIMITS } from './sign-in-throttle';

export type SignInResult =
  | { ok: true; userId: number; name: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited' | 'busy'; retryAfterSeconds: number };

/** "2 seconds", "4 minutes": how long to wait, in words. */
export function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** Keeps what a refused caller typed short and printable in the audit trail. */
const printable = (text: string, max: number) => text.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, max);

/**
 * Checks an email and password. Every failure looks the same from outside (unknown email, wrong password, a
 * deactivated account) and takes as long (a decoy hash is checked for unknown emails). The attempt is counted
 * by the guard before the hash is checked, and past the free tries it is refused without one (see
 * sign-in-throttle.ts). A right password is not yet a sign-in: the route records it with `recordSignIn` once the
 * session starts (after a second factor, if the user has one).
 */
export async function checkSignIn(
  db: Db,
  guard: SignInGuard,
  input: { email: string; password: string; ip: string; now: Date; requestId: string; scryptCost: number },
): Promise<SignInResult> {
  const user = await first(
    db
      .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, active: users.active, secondFactor: users.totpSecret })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`),
  );
  const hash = user?.passwordHash ?? (await decoyHash(input.scryptCost));
  // Only the right password of an active account is a success: it is what forgives the tries before it.
  const verdict = await guard.attempt(
    { email: input.email, ip: input.ip, userId: user?.id ?? null },
    async () => {
      const matches = await verifyPassword(input.password, hash);
      return matches && user !== undefined && user.active;
    },
    { forgive: !user?.secondFactor },
  );
  if (verdict.kind === 'refused') {
    return { ok: false, reason: verdict.reason === 'busy' ? 'busy' : 'rate_limited', retryAfterSeconds: verdict.retryAfterSeconds };
  }
  if (!user || !verdict.ok) {
    await writeTransaction(db, (tx) =>
      recordAudit(tx, { id: null, name: printable(input.email, 120) || 'Anonymous', requestId: input.requestId, ip: input.ip }, {
        entity: 'user',
        entityId: user?.id ?? null,
        operation: 'sign_in_failed',
        after: user ? { email: printable(input.email, 254), refused: 'invalid credentials' } : { refused: 'no such account', typed: printable(input.email, 120) },
        at: input.now,
      }),
    );
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, userId: user.id, name: user.name };
}

/** A completed sign-in: its audit event and the user's last sign-in, in one transaction. */
export async function recordSignIn(
  db: Db,
  input: { userId: number; name: string; ip: string; requestId: string; now: Date; method: 'password' | 'password_and_code' | 'password_and_recovery_code' | 'oidc' },
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.update(users).set({ lastSignInAt: input.now.toISOString() }).where(eq(users.id, input.userId));
    await recordAudit(tx, { id: input.userId, name: input.name, requestId: input.requestId, ip: input.ip }, {
      entity: 'user',
      entityId: input.userId,
      operation: 'sign_in',
      after: { method: input.method },
      at: input.now,
    });
  });
}
