import { z } from 'zod';
import { Email, Password, User, UserCreate } from './auth';
import { Instant } from './common';
import { ACCOUNT_LINK_HOURS, ACCOUNT_LINK_PURPOSES } from './constants';

/**
 * Accounts by email: an admin's invitation to a new account, and anyone's request to reset a forgotten password.
 * Both send a single-use link, `/set-password/<token>`, that expires; only the token's SHA-256 is kept.
 */

export const AccountLinkPurpose = z.enum(ACCOUNT_LINK_PURPOSES);
export type AccountLinkPurpose = z.infer<typeof AccountLinkPurpose>;

export const PasswordResetRequest = z.strictObject({ email: Email });
export type PasswordResetRequest = z.output<typeof PasswordResetRequest>;

/** The one answer to every reset request, whether or not an account uses the address. */
export const PasswordResetAccepted = z.object({
  message: z.string(),
  /** How long a link sent lasts. */
  linkHours: z.literal(ACCOUNT_LINK_HOURS.password_reset),
});
export type PasswordResetAccepted = z.infer<typeof PasswordResetAccepted>;

export const AccountLinkParams = z.strictObject({ token: z.string().min(1).max(200) });

/** What the page a link opens needs to greet its holder. */
export const AccountLinkView = z.object({
  purpose: AccountLinkPurpose,
  name: z.string(),
  email: z.string(),
  expiresAt: Instant,
});
export type AccountLinkView = z.infer<typeof AccountLinkView>;

export const AccountLinkPassword = z.strictObject({ password: Password });
export type AccountLinkPassword = z.output<typeof AccountLinkPassword>;

/**
 * An invitation as the business unit sees it: `open` (its link works until `expiresAt`), `used` (the password was
 * set with it), `expired`, or `superseded` (the password was set another way since it was sent).
 */
export const InvitationState = z.enum(['open', 'used', 'expired', 'superseded']);
export type InvitationState = z.infer<typeof InvitationState>;

export const Invitation = z.object({
  state: InvitationState,
  createdAt: Instant,
  expiresAt: Instant,
  usedAt: Instant.nullable(),
  /** When its email left (or was kept in the outbox, without an SMTP server); null while it waits to be sent. */
  sentAt: Instant.nullable(),
  invitedBy: z.string().nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

export const UserInvitation = z.object({ invitation: Invitation.nullable() });
export type UserInvitation = z.infer<typeof UserInvitation>;

/**
 * A new user, with either a password the admin gives them (to be changed at first sign-in), or `sendInvitation`
 * and no password: the account has no usable password until they set their own with the emailed link.
 */
export const NewUser = UserCreate.extend({
  password: Password.optional(),
  sendInvitation: z.boolean().default(false),
}).superRefine((user, context) => {
  if (user.sendInvitation && user.password !== undefined) {
    context.addIssue({ code: 'custom', path: ['password'], message: 'must be left out when an invitation email lets them choose their own' });
  } else if (!user.sendInvitation && user.password === undefined) {
    context.addIssue({ code: 'custom', path: ['password'], message: 'is needed, unless an invitation email is sent instead' });
  }
});
export type NewUser = z.output<typeof NewUser>;
export type NewUserInput = z.input<typeof NewUser>;

/** A user just created, with the invitation sent to them, if any. */
export const CreatedUser = User.extend({ invitation: Invitation.nullable() });
export type CreatedUser = z.infer<typeof CreatedUser>;
