import { and, eq, ne } from 'drizzle-orm';
import { first, sessions, users, writeTransaction, type Db } from '@lrt/db';
import { passwordProblem } from '../../domain/password-policy';
import { recordAudit, type Actor } from '../../lib/audit';
import { hashPassword, verifyPassword } from '../../lib/password-hash';
import { ProblemError, unprocessable } from '../../plugins/problems';
import { waitWords } from './sign-in.service';
import type { SignInGuard } from './sign-in-throttle';

/**
 * A user changes their own password, proving they know the current one (a stolen session alone cannot take the
 * account). A wrong current password counts as a failed sign-in for the account from that address, so a session
 * cannot be used to guess it. Every other session of theirs ends; the one they are using stays.
 */
export async function changeOwnPassword(
  db: Db,
  guard: SignInGuard,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionIdHash: string; now: Date; ip: string; scryptCost: number },
  actor: Actor,
): Promise<void> {
  const user = await first(db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, input.userId)));
  if (!user) throw new Error(`changeOwnPassword: no user ${input.userId}`);
  const problem = passwordProblem(input.newPassword, user);
  if (problem) throw unprocessable('user.weak_password', [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword) {
    throw unprocessable('user.same_password', [{ path: 'newPassword', message: 'must be different from your current password' }]);
  }
  await confirmPassword(db, guard, { userId: input.userId, password: input.currentPassword, ip: input.ip });
  // Hashed before the transaction: the write lock is not held while scrypt runs.
  const passwordHash = await hashPassword(input.newPassword, input.scryptCost);
  await writeTransaction(db, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: input.now.toISOString(), updatedAt: input.now.toISOString() })
      .where(eq(users.id, input.userId));
    const ended = (
      await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, input.userId), ne(sessions.idHash, input.keepSessionIdHash)))
        .returning({ idHash: sessions.idHash })
    ).length;
    await recordAudit(tx, actor, { entity: 'user', entityId: input.userId, operation: 'password_changed', after: { otherSessionsEnded: ended }, at: input.now });
  });
}

/**
 * Asks a signed-in user for their password again before something that could take the account (changing the
 * password, signing out everywhere else, turning off a second factor). A wrong one counts like a failed sign-in,
 * so a stolen session cannot be used to guess it. Throws the problem to answer with, naming `field`.
 */
export async function confirmPassword(db: Db, guard: SignInGuard, input: { userId: number; password: string; ip: string }, field = 'currentPassword') {
  const user = await first(db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)));
  if (!user) throw new Error(`confirmPassword: no user ${input.userId}`);
  const verdict = await guard.attempt({ email: user.email, ip: input.ip, userId: input.userId }, () => verifyPassword(input.password, user.passwordHash));
  if (verdict.kind === 'refused') {
    const wait = waitWords(verdict.retryAfterSeconds);
    throw new ProblemError(429, 'auth.rate_limited', 'Too many attempts', `Too many wrong passwords. Wait ${wait} and try again.`, [
      { path: field, message: `was tried too often: wait ${wait}` },
    ]);
  }
  if (!verdict.ok) throw unprocessable('auth.wrong_password', [{ path: field, message: 'is not your current password' }]);
}
