import { z } from 'zod';
import { Me } from './auth';
import { PASSWORD_MAX_LENGTH, SECOND_FACTOR } from './constants';

/** Spaces (and, in recovery codes, dashes) are how people copy codes; they never change what was meant. */
const compact = (text: string) => text.replace(/[\s-]/g, '').toLowerCase();

export const TOTP_CODE_PATTERN = new RegExp(`^\\d{${SECOND_FACTOR.codeDigits}}$`);
/** A recovery code: ten base32 characters, shown as `xxxxx-xxxxx`. */
export const RECOVERY_CODE_PATTERN = /^[a-z2-7]{10}$/;

/** The code an authenticator app shows: six digits, spaces allowed. */
export const TotpCode = z
  .string()
  .max(64, { error: 'must be the 6-digit code from your authenticator app' })
  .transform(compact)
  .pipe(
    z
      .string()
      .min(1, { error: 'must not be empty' })
      .regex(TOTP_CODE_PATTERN, { error: 'must be the 6 digits your authenticator app shows' }),
  );

/** A code that completes a sign-in: from the authenticator app, or one of the recovery codes. */
export const SecondFactorCode = z
  .string()
  .max(64, { error: 'must be the 6-digit code from your authenticator app, or a recovery code' })
  .transform(compact)
  .pipe(
    z
      .string()
      .min(1, { error: 'must not be empty' })
      .refine((code) => TOTP_CODE_PATTERN.test(code) || RECOVERY_CODE_PATTERN.test(code), {
        error: 'must be the 6-digit code from your authenticator app, or a recovery code like abcde-23456',
      }),
  );

const CurrentPassword = z.string().min(1, { error: 'must not be empty' }).max(PASSWORD_MAX_LENGTH);

/** A TOTP secret being set up: for an authenticator app to scan (the QR code) or to type (the secret). */
export const TotpEnrolment = z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The QR code of `otpauthUrl`, as an SVG document. Show it as an image (`data:image/svg+xml`), never inline. */
  qrSvg: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpConfirmBody = z.strictObject({ code: TotpCode });
export type TotpConfirmBody = z.output<typeof TotpConfirmBody>;

/** Shown once: only a hash of each is kept. Each works once, in place of a code from the app. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()).length(SECOND_FACTOR.recoveryCodes) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Turning two-factor sign-in off, or making new recovery codes, needs the password again. */
export const SecondFactorProof = z.strictObject({ currentPassword: CurrentPassword });
export type SecondFactorProof = z.output<typeof SecondFactorProof>;

/** The password was right and a second factor is set: the sign-in waits for a code, sent with this token. */
export const MfaRequired = z.object({ mfaRequired: z.literal(true), mfaToken: z.string() });
export type MfaRequired = z.infer<typeof MfaRequired>;

/** What `POST /api/auth/login` answers: a session, or the second step. */
export const LoginAnswer = z.union([Me, MfaRequired]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;

export const MfaLoginBody = z.strictObject({
  mfaToken: z.string().min(1, { error: 'must not be empty' }).max(100),
  code: SecondFactorCode,
});
export type MfaLoginBody = z.output<typeof MfaLoginBody>;
export type MfaLoginBodyInput = z.input<typeof MfaLoginBody>;
