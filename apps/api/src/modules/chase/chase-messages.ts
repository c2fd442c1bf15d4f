import { LABELS, type ChaseCandidateAction, type Settings } from '@lrt/contracts';
import { renderEmail, type EmailTable } from '../mail/email-layout';

/** A calendar day as people write it: 31 March 2026. */
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const longDate = (isoDate: string) => LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type ListedAction = Pick<ChaseCandidateAction, 'ref' | 'targetDate' | 'brag' | 'bragReason' | 'latestNote' | 'returnedQuestion'>;

/** The actions as a message lists them: the reference, target date, BRAG in words, and (unless the partnership keeps notes out of email) the latest note. */
export function actionTable(actions: ListedAction[], detail: Settings['chaseMessageDetail'], more = 0): EmailTable {
  const brag = (a: ListedAction) => (a.brag ? `${LABELS.brag[a.brag]}: ${a.bragReason}` : a.bragReason);
  return {
    caption: more > 0 ? `${plural(actions.length + more, 'action')} (the ${actions.length} most pressing)` : plural(actions.length, 'action'),
    columns: detail === 'notes' ? ['Action', 'Target date', 'BRAG', 'Latest note'] : ['Action', 'Target date', 'BRAG'],
    rows: actions.map((a) => {
      const base = [a.ref, a.targetDate ? longDate(a.targetDate) : 'No target date', brag(a)];
      return detail === 'notes' ? [...base, truncate(a.latestNote ?? 'No update yet', 300)] : base;
    }),
  };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export interface ChaseEmailInput {
  kind: 'chase' | 'return';
  partnershipName: string;
  detail: Settings['chaseMessageDetail'];
  recipientName: string;
  agencyName: string;
  askedBy: string;
  replyBy: string;
  expiresOn: string;
  question?: string | undefined;
  actions: ListedAction[];
  /** Actions in the request beyond those listed (a message lists the fifty most pressing). */
  moreActions?: number | undefined;
  /** The personal link (a placeholder until the message is sent). */
  link: string;
  signInUrl: string;
}

/** The message a lead receives: one per lead, listing exactly their agency's actions in the request. */
export function chaseEmail(input: ChaseEmailInput) {
  const more = input.moreActions ?? 0;
  const n = input.actions.length + more;
  const subject =
    input.kind === 'return'
      ? `${input.partnershipName}: more information needed on ${input.actions[0]?.ref ?? 'an action'} by ${longDate(input.replyBy)}`
      : `${input.partnershipName}: please update ${plural(n, 'action')} for ${input.agencyName} by ${longDate(input.replyBy)}`;
  const intro =
    input.kind === 'return'
      ? [
          `${input.askedBy} has returned this action of ${input.agencyName} for more information before it can be assured.`,
          `The question: ${input.question ?? ''}`,
          `Please answer with an update by ${longDate(input.replyBy)}.`,
        ]
      : [
          `${input.askedBy} asks ${input.agencyName} for an update on ${n === 1 ? 'the action' : `the ${n} actions`} below by ${longDate(input.replyBy)}: what has been done, how confident you are that it is on track, and any evidence.`,
          ...(more > 0 ? [`The ${input.actions.length} most pressing are listed here; the link below opens all ${n}.`] : []),
        ];
  return {
    subject,
    ...renderEmail({
      partnershipName: input.partnershipName,
      heading: subject,
      greeting: `Dear ${input.recipientName},`,
      intro,
      table: actionTable(input.actions, input.detail, more),
      link: { text: n === 1 ? 'Post your update' : 'Post your updates', url: input.link },
      outro: [
        `This link is personal to you: it lets you read and update only these actions, without signing in, until ${longDate(input.expiresOn)}. Please do not forward it.`,
        `You can also sign in to the tracker: ${input.signInUrl}`,
      ],
    }),
  };
}

export interface ReminderEmailInput extends Omit<ChaseEmailInput, 'kind' | 'question' | 'askedBy'> {
  askedOn: string;
}

/** A reminder to a lead who has not answered: the actions still unanswered, and a fresh personal link. */
export function reminderEmail(input: ReminderEmailInput, today: string) {
  const n = input.actions.length;
  const due = input.replyBy >= today ? `by ${longDate(input.replyBy)}` : `since ${longDate(input.replyBy)}`;
  const subject = `${input.partnershipName}: reminder — ${plural(n, 'action')} for ${input.agencyName} ${input.replyBy >= today ? 'to update' : 'overdue for an update'} ${due}`;
  return {
    subject,
    ...renderEmail({
      partnershipName: input.partnershipName,
      heading: subject,
      greeting: `Dear ${input.recipientName},`,
      intro: [
        `On ${longDate(input.askedOn)} ${input.agencyName} was asked for an update ${input.replyBy >= today ? `by ${longDate(input.replyBy)}` : `by ${longDate(input.replyBy)}, which has passed`}. These actions have no update yet.`,
      ],
      table: actionTable(input.actions, input.detail),
      link: { text: n === 1 ? 'Post your update' : 'Post your updates', url: input.link },
      outro: [
        `This link is personal to you and works until ${longDate(input.expiresOn)}. Please do not forward it.`,
        `You can also sign in to the tracker: ${input.signInUrl}`,
      ],
    }),
  };
}

export interface EscalationEmailInput {
  partnershipName: string;
  detail: Settings['chaseMessageDetail'];
  seniorName: string;
  agencyName: string;
  askedOn: string;
  replyBy: string;
  leads: string[];
  actions: ListedAction[];
  signInUrl: string;
}

/** To an agency's senior contact when its leads have not answered by the reply-by day. No personal link: they are asked to see that it is done. */
export function escalationEmail(input: EscalationEmailInput) {
  const n = input.actions.length;
  const subject = `${input.partnershipName}: ${input.agencyName} has not updated ${plural(n, 'action')} due by ${longDate(input.replyBy)}`;
  const asked = input.leads.length
    ? `its ${input.leads.length === 1 ? 'lead' : 'leads'} (${input.leads.join(', ')})`
    : 'the agency (it has no lead named in the tracker, so please name one)';
  return {
    subject,
    ...renderEmail({
      partnershipName: input.partnershipName,
      heading: subject,
      greeting: `Dear ${input.seniorName},`,
      intro: [
        `You are ${input.agencyName}'s senior contact for the partnership's learning reviews. On ${longDate(input.askedOn)} ${asked} was asked for an update on the actions below by ${longDate(input.replyBy)}; they have no update yet.`,
        'Please make sure they are updated, or tell the partnership business unit what is in the way.',
      ],
      table: actionTable(input.actions, input.detail),
      outro: [`The tracker: ${input.signInUrl}`],
    }),
  };
}
