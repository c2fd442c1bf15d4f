import { ACCOUNT_LINK_HOURS } from '@lrt/contracts';
import { renderEmail } from '../mail/email-layout';
import { LINK_PLACEHOLDER } from '../mail/outbox.service';

const TRACKER = 'Learning Review Tracker';

// Built once: constructing Intl formatters is comparatively expensive.
const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const londonDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "10:00 on Monday 9 March 2026", UK time: people read the deadline where they are, not in UTC. */
export function londonWhen(at: Date): string {
  const parts = londonDay.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${londonTime.format(at)} on ${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "one hour", "7 days": how long a link of this many hours lasts. */
export const lifetimeWords = (hours: number) =>
  hours % 24 === 0 ? (hours === 24 ? 'one day' : `${hours / 24} days`) : hours === 1 ? 'one hour' : `${hours} hours`;

interface Recipient {
  name: string;
  email: string;
}

export interface AccountEmail {
  subject: string;
  text: string;
  html: string;
}

/** An invitation to a new account (or a fresh start for an existing one): who asked, what the tracker is, the link. */
export function invitationEmail(input: { to: Recipient; partnershipName: string; invitedBy: string; expiresAt: Date }): AccountEmail {
  return {
    subject: `${input.partnershipName}: set up your ${TRACKER} account`,
    ...renderEmail({
      partnershipName: input.partnershipName,
      heading: `Set up your ${TRACKER} account`,
      greeting: `Dear ${input.to.name},`,
      intro: [
        `${input.invitedBy} has invited you to the ${TRACKER} of ${input.partnershipName}. The partnership uses it to follow up the actions agreed after its case reviews: who is doing what, by when, and the evidence that practice has changed.`,
        `You will sign in with this email address, ${input.to.email}. First choose your password with this link.`,
      ],
      link: { text: 'Set your password', url: LINK_PLACEHOLDER },
      outro: [
        `The link works once, for ${lifetimeWords(ACCOUNT_LINK_HOURS.invitation)}: until ${londonWhen(input.expiresAt)}. If it has expired, ask ${input.partnershipName}'s business unit to send a new invitation.`,
        'If you were not expecting this email, you can ignore it, or let the business unit know.',
      ],
    }),
  };
}

/** A reset someone asked for on the sign-in page: it may not have been the account's owner, so it says what to do then. */
export function passwordResetEmail(input: { to: Recipient; partnershipName: string; expiresAt: Date }): AccountEmail {
  return {
    subject: `${input.partnershipName}: reset your ${TRACKER} password`,
    ...renderEmail({
      partnershipName: input.partnershipName,
      heading: `Reset your ${TRACKER} password`,
      greeting: `Dear ${input.to.name},`,
      intro: [
        `Someone asked to reset the password of your ${TRACKER} account at ${input.partnershipName} (${input.to.email}). To choose a new password, use this link.`,
      ],
      link: { text: 'Choose a new password', url: LINK_PLACEHOLDER },
      outro: [
        `The link works once, for ${lifetimeWords(ACCOUNT_LINK_HOURS.password_reset)}: until ${londonWhen(input.expiresAt)}. Choosing a new password signs you out everywhere. If you use two-factor sign-in, you will still need a code from your app when you sign in.`,
        'If you did not ask for this, you can ignore this email: your password has not changed.',
      ],
    }),
  };
}
