import { z } from 'zod';
import { Instant } from './common';
import { PASSWORD_MAX_LENGTH } from './constants';

/** One of the signed-in user's own sessions: where and when, never its id. */
export const OwnSession = z.object({
  /** A handle for this list only (not the session id, which is never shown). */
  ref: z.string(),
  current: z.boolean(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: z.string().nullable(),
  /** The browser, as it described itself. */
  userAgent: z.string().nullable(),
});
export type OwnSession = z.infer<typeof OwnSession>;

export const OwnSessions = z.object({ items: z.array(OwnSession) });
export type OwnSessions = z.infer<typeof OwnSessions>;

export const EndOtherSessions = z.strictObject({
  currentPassword: z.string().min(1, { error: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
});
export type EndOtherSessions = z.output<typeof EndOtherSessions>;
