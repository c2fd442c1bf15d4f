import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { RECOVERY_CODE_PATTERN, SECOND_FACTOR, TOTP_CODE_PATTERN, type Role, type SecondFactor, type TotpEnrolment } from '@lrt/contracts';
import { first, mfaChallenges, mfaRecoveryCodes, sessions, settings, signInFailures, users, writeTransaction, type Db, type Tx } from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { notFound, ProblemError, unprocessable } from '../../plugins/problems';
import { confirmPassword } from './password.service';
import type { SignInGuard } from './sign-in-throttle';

/**
 * Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, the step either side accepted).
 *
 * - A secret is set up as pending and only asked for at sign-in once a code from it has been confirmed.
 * - A code's time step is remembered: a step at or before the last one accepted is refused, so a code seen over
 *   someone's shoulder (or replayed from a log) never works a second time.
 * - Recovery codes are kept as SHA-256 hashes. A slow hash would protect nothing here: each code is 50 random bits,
 *   tried online at most a handful of times, and anyone holding a copy of the database already holds the TOTP
 *   secret it sits beside. The hash keeps the codes themselves out of backups and logs.
 * - A sign-in waiting for its code is a challenge: only a hash of its token is stored; it lasts five minutes and
 *   five wrong codes. Across challenges, ten wrong codes in fifteen minutes stop codes for the account until the
 *   window passes, so knowing the password never buys an unlimited guess at the code.
 */

export const WRONG_CODE_LIMIT = { perAccount: 10, windowMinutes: 15 } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const stepOf = (now: Date) => Math.floor(now.getTime() / 1000 / SECOND_FACTOR.periodSeconds);
const failureKey = (userId: number) => `second-factor:${userId}`;

function totpOf(secret: string, labels: { issuer?: string; label?: string } = {}) {
  return new OTPAuth.TOTP({
    ...labels,
    algorithm: 'SHA1',
    digits: SECOND_FACTOR.codeDigits,
    period: SECOND_FACTOR.periodSeconds,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step of `code` if it is valid for `secret` at `now` (one step either side), else null. */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  if (!TOTP_CODE_PATTERN.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: SECOND_FACTOR.windowSteps });
  return delta === null ? null : stepOf(now) + delta;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** `abcde-23456`: ten base32 characters (50 bits), each drawn without bias. */
const newRecoveryCode = () => {
  const chars = Array.from({ length: 10 }, () => BASE32[randomInt(BASE32.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
};
const recoveryHash = (code: string) => sha256(code.replace(/[\s-]/g, '').toLowerCase());

async function replaceRecoveryCodes(tx: Tx, userId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: SECOND_FACTOR.recoveryCodes }, newRecoveryCode);
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: recoveryHash(code), createdAt: now.toISOString() })));
  return codes;
}

const requiredRoles = async (db: Db | Tx): Promise<Role[]> =>
  (await first(db.select({ roles: settings.requireMfaRoles }).from(settings).where(eq(settings.id, 1))))?.roles ?? [];

/** Whether the partnership requires a second factor of someone with these roles. */
export const roleRequiresSecondFactor = async (db: Db | Tx, roles: readonly Role[]): Promise<boolean> => {
  const required = await requiredRoles(db);
  return roles.some((role) => required.includes(role));
};

/**
 * How a session was signed in. Single sign-on is exempt from the partnership's requirement: the organisation's
 * own sign-in provides the second factor. Sessions do not record this yet, so every session is a password one.
 */
export type SignInMethod = 'password' | 'single_sign_on';

/** The user's two-factor sign-in, as `Me` shows it. */
export async function secondFactorOf(
  db: Db | Tx,
  user: { id: number; roles: readonly Role[] },
  signedInWith: SignInMethod = 'password',
): Promise<SecondFactor> {
  const row = await first(db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id)));
  const enabled = Boolean(row?.secret);
  const left = enabled
    ? ((
        await first(
          db
            .select({ n: sql<number>`count(*)` })
            .from(mfaRecoveryCodes)
            .where(and(eq(mfaRecoveryCodes.userId, user.id), isNull(mfaRecoveryCodes.usedAt))),
        )
      )?.n ?? 0)
    : 0;
  return {
    enabled,
    required: signedInWith === 'password' && (await roleRequiresSecondFactor(db, user.roles)),
    enabledAt: enabled ? (row?.enabledAt ?? null) : null,
    recoveryCodesLeft: left,
  };
}

/** A password session of someone whose role requires a second factor they have not set up: it may only set one up. */
export async function mustSetUpSecondFactor(db: Db, user: { id: number; roles: readonly Role[] }, signedInWith: SignInMethod = 'password'): Promise<boolean> {
  if (signedInWith !== 'password' || user.roles.length === 0) return false;
  const row = await first(db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, user.id)));
  return !row?.secret && (await roleRequiresSecondFactor(db, user.roles));
}

export const hasSecondFactor = async (db: Db, userId: number): Promise<boolean> =>
  Boolean((await first(db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId))))?.secret);

const alreadyOn = () =>
  new ProblemError(409, 'auth.mfa_already_enabled', 'Already on', 'Two-factor sign-in is already on. To use another authenticator app, turn it off first, then set it up again.');
const notOn = () => new ProblemError(409, 'auth.mfa_not_enabled', 'Not on', 'Two-factor sign-in is not on for your account.');

/** Starts setting up an authenticator app: a new secret, pending until a code from it is confirmed. */
export async function startTotpEnrolment(db: Db, input: { userId: number }): Promise<TotpEnrolment> {
  const user = await first(db.select({ email: users.email, secret: users.totpSecret }).from(users).where(eq(users.id, input.userId)));
  if (!user) throw notFound('user', input.userId);
  if (user.secret) throw alreadyOn();
  // 160 bits, as RFC 4226 recommends.
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await writeTransaction(db, (tx) => tx.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, input.userId)));
  const issuer =
    (await first(db.select({ name: settings.partnershipName }).from(settings).where(eq(settings.id, 1))))?.name ?? 'Learning Review Tracker';
  const otpauthUrl = totpOf(secret, { issuer, label: user.email }).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * Confirms the pending secret with a code from the app: two-factor sign-in is on from now, with new recovery
 * codes (returned once). The user's other sessions end: anyone signed in elsewhere with the password alone must
 * sign in again, with a code.
 */
export function confirmTotpEnrolment(
  db: Db,
  input: { userId: number; code: string; keepSessionIdHash: string | null; now: Date },
  actor: Actor,
): Promise<string[]> {
  return writeTransaction(db, async (tx) => {
    const user = await first(tx.select({ secret: users.totpSecret, pending: users.totpPendingSecret }).from(users).where(eq(users.id, input.userId)));
    if (!user) throw notFound('user', input.userId);
    if (user.secret) throw alreadyOn();
    if (!user.pending) {
      throw new ProblemError(409, 'auth.mfa_not_started', 'Not started', 'Start setting up two-factor sign-in first: a new QR code and secret are made for you.');
    }
    const step = stepOfCode(user.pending, input.code, input.now);
    if (step === null) {
      throw unprocessable(
        'auth.mfa_invalid',
        [{ path: 'code', message: 'is not the code your authenticator app shows now: check the app was set up with this QR code or secret, and enter its newest code' }],
        'The code is not right.',
      );
    }
    await tx
      .update(users)
      .set({
        totpSecret: user.pending,
        totpPendingSecret: null,
        totpEnabledAt: input.now.toISOString(),
        // The code that confirmed the app cannot also be used to sign in.
        totpLastStep: step,
        version: sql`${users.version} + 1`,
        updatedAt: input.now.toISOString(),
      })
      .where(eq(users.id, input.userId));
    const codes = await replaceRecoveryCodes(tx, input.userId, input.now);
    const others = input.keepSessionIdHash
      ? and(eq(sessions.userId, input.userId), ne(sessions.idHash, input.keepSessionIdHash))
      : eq(sessions.userId, input.userId);
    const ended = (await tx.delete(sessions).where(others).returning({ idHash: sessions.idHash })).length;
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: input.userId,
      operation: 'second_factor_enabled',
      after: { method: 'totp', recoveryCodes: codes.length, otherSessionsEnded: ended },
      at: input.now,
    });
    return codes;
  });
}

const cleared = (now: Date) => ({
  totpSecret: null,
  totpPendingSecret: null,
  totpEnabledAt: null,
  totpLastStep: null,
  version: sql`${users.version} + 1`,
  updatedAt: now.toISOString(),
});

/** The user turns their own second factor off, with their password. Refused while their role requires one. */
export async function turnOffSecondFactor(
  db: Db,
  guard: SignInGuard,
  input: { userId: number; roles: readonly Role[]; currentPassword: string; ip: string; now: Date },
  actor: Actor,
): Promise<void> {
  if (!(await hasSecondFactor(db, input.userId))) throw notOn();
  if (await roleRequiresSecondFactor(db, input.roles)) {
    throw new ProblemError(
      403,
      'auth.mfa_required',
      'Required for your role',
      'Your partnership requires two-factor sign-in for your role, so it cannot be turned off. If you have lost your authenticator app, use a recovery code, or ask your business unit to reset it.',
    );
  }
  await confirmPassword(db, guard, { userId: input.userId, password: input.currentPassword, ip: input.ip });
  await writeTransaction(db, async (tx) => {
    await tx.update(users).set(cleared(input.now)).where(eq(users.id, input.userId));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, input.userId));
    await tx.delete(mfaChallenges).where(eq(mfaChallenges.userId, input.userId));
    await recordAudit(tx, actor, { entity: 'user', entityId: input.userId, operation: 'second_factor_disabled', before: { method: 'totp' }, at: input.now });
  });
}

/** New recovery codes, with the password: the old ones stop working. */
export async function renewRecoveryCodes(
  db: Db,
  guard: SignInGuard,
  input: { userId: number; currentPassword: string; ip: string; now: Date },
  actor: Actor,
): Promise<string[]> {
  if (!(await hasSecondFactor(db, input.userId))) throw notOn();
  await confirmPassword(db, guard, { userId: input.userId, password: input.currentPassword, ip: input.ip });
  return writeTransaction(db, async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId, input.now);
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: input.userId,
      operation: 'update',
      before: { recoveryCodes: 'previous' },
      after: { recoveryCodes: 'new' },
      at: input.now,
    });
    return codes;
  });
}

/**
 * The business unit resets someone's second factor (a lost phone, no recovery codes left): it is off, their
 * recovery codes and waiting sign-ins are gone, and every session of theirs ends. If their role requires a second
 * factor, they set up a new one at their next sign-in.
 */
export function resetSecondFactor(db: Db, input: { userId: number; now: Date }, actor: Actor): Promise<{ sessionsEnded: number }> {
  return writeTransaction(db, async (tx) => {
    const user = await first(tx.select({ secret: users.totpSecret, pending: users.totpPendingSecret }).from(users).where(eq(users.id, input.userId)));
    if (!user) throw notFound('user', input.userId);
    if (!user.secret) {
      throw new ProblemError(409, 'user.second_factor_off', 'Already off', 'Two-factor sign-in is not on for this user: there is nothing to reset.');
    }
    await tx.update(users).set(cleared(input.now)).where(eq(users.id, input.userId));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, input.userId));
    await tx.delete(mfaChallenges).where(eq(mfaChallenges.userId, input.userId));
    const ended = (await tx.delete(sessions).where(eq(sessions.userId, input.userId)).returning({ idHash: sessions.idHash })).length;
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: input.userId,
      operation: 'second_factor_reset',
      before: { method: 'totp' },
      after: { sessionsEnded: ended },
      at: input.now,
    });
    return { sessionsEnded: ended };
  });
}

/** A sign-in whose password was right now waits for a code: a 256-bit token, of which only a hash is kept. */
export async function startChallenge(db: Db, input: { userId: number; now: Date; ip: string }): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await writeTransaction(db, async (tx) => {
    await tx.delete(mfaChallenges).where(lte(mfaChallenges.expiresAt, input.now.toISOString()));
    await tx.insert(mfaChallenges).values({
      tokenHash: sha256(token),
      userId: input.userId,
      createdAt: input.now.toISOString(),
      expiresAt: new Date(input.now.getTime() + SECOND_FACTOR.challengeMinutes * 60_000).toISOString(),
      ip: input.ip,
    });
  });
  return token;
}

export type ChallengeResult =
  | { ok: true; userId: number; name: string; email: string; method: 'totp' | 'recovery_code'; recoveryCodesLeft: number }
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'invalid'; attemptsLeft: number }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Answers a challenge with a code from the app or a recovery code. One write transaction (they run one at a
 * time): two requests with the same code cannot both use it.
 */
export function answerChallenge(db: Db, input: { mfaToken: string; code: string; now: Date; ip: string; requestId: string }): Promise<ChallengeResult> {
  const nowIso = input.now.toISOString();
  return writeTransaction(db, async (tx): Promise<ChallengeResult> => {
    const challenge = await first(tx.select().from(mfaChallenges).where(eq(mfaChallenges.tokenHash, sha256(input.mfaToken))));
    if (!challenge) return { ok: false, reason: 'expired' };
    const voidChallenge = async () => {
      await tx.delete(mfaChallenges).where(eq(mfaChallenges.tokenHash, challenge.tokenHash));
    };
    if (challenge.expiresAt <= nowIso || challenge.attempts >= SECOND_FACTOR.attemptsPerChallenge) {
      await voidChallenge();
      return { ok: false, reason: 'expired' };
    }
    const user = await first(
      tx
        .select({ name: users.name, email: users.email, active: users.active, secret: users.totpSecret, lastStep: users.totpLastStep })
        .from(users)
        .where(eq(users.id, challenge.userId)),
    );
    // Deactivated, or the second factor reset, since the password was checked.
    if (!user?.active || !user.secret) {
      await voidChallenge();
      return { ok: false, reason: 'expired' };
    }

    const windowStart = new Date(input.now.getTime() - WRONG_CODE_LIMIT.windowMinutes * 60_000).toISOString();
    const recent = await first(
      tx
        .select({ n: sql<number>`count(*)`, first: sql<string>`min(${signInFailures.at})` })
        .from(signInFailures)
        .where(and(eq(signInFailures.key, failureKey(challenge.userId)), gt(signInFailures.at, windowStart))),
    );
    if (recent && recent.n >= WRONG_CODE_LIMIT.perAccount) {
      const freeAt = Date.parse(recent.first) + WRONG_CODE_LIMIT.windowMinutes * 60_000;
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((freeAt - input.now.getTime()) / 1000)) };
    }

    let method: 'totp' | 'recovery_code' | null = null;
    if (TOTP_CODE_PATTERN.test(input.code)) {
      const step = stepOfCode(user.secret, input.code, input.now);
      const accepted =
        step !== null &&
        (
          await tx
            .update(users)
            .set({ totpLastStep: step })
            .where(and(eq(users.id, challenge.userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
            .returning({ id: users.id })
        ).length === 1;
      if (accepted) method = 'totp';
    } else if (RECOVERY_CODE_PATTERN.test(input.code)) {
      const used = (
        await tx
          .update(mfaRecoveryCodes)
          .set({ usedAt: nowIso })
          .where(and(eq(mfaRecoveryCodes.userId, challenge.userId), eq(mfaRecoveryCodes.codeHash, recoveryHash(input.code)), isNull(mfaRecoveryCodes.usedAt)))
          .returning({ id: mfaRecoveryCodes.id })
      ).length;
      if (used === 1) method = 'recovery_code';
    }

    if (method) {
      await voidChallenge();
      await tx.delete(signInFailures).where(eq(signInFailures.key, failureKey(challenge.userId)));
      const recoveryCodesLeft =
        (
          await first(
            tx
              .select({ n: sql<number>`count(*)` })
              .from(mfaRecoveryCodes)
              .where(and(eq(mfaRecoveryCodes.userId, challenge.userId), isNull(mfaRecoveryCodes.usedAt))),
          )
        )?.n ?? 0;
      if (method === 'recovery_code') {
        await recordAudit(tx, { id: challenge.userId, name: user.name, requestId: input.requestId, ip: input.ip }, {
          entity: 'user',
          entityId: challenge.userId,
          operation: 'update',
          before: { recoveryCodesLeft: recoveryCodesLeft + 1 },
          after: { recoveryCodesLeft },
          at: input.now,
        });
      }
      return { ok: true, userId: challenge.userId, name: user.name, email: user.email, method, recoveryCodesLeft };
    }

    const attempts = challenge.attempts + 1;
    const attemptsLeft = SECOND_FACTOR.attemptsPerChallenge - attempts;
    if (attemptsLeft > 0) await tx.update(mfaChallenges).set({ attempts }).where(eq(mfaChallenges.tokenHash, challenge.tokenHash));
    else await voidChallenge();
    await tx.insert(signInFailures).values({ key: failureKey(challenge.userId), at: nowIso });
    await recordAudit(tx, { id: null, name: user.email, requestId: input.requestId, ip: input.ip }, {
      entity: 'user',
      entityId: challenge.userId,
      operation: 'sign_in_failed',
      after: { email: user.email, refused: 'wrong second-factor code', attemptsLeft },
      at: input.now,
    });
    return { ok: false, reason: 'invalid', attemptsLeft };
  });
}
