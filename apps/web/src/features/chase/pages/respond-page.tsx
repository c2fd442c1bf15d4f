import type { RespondView } from '@lrt/contracts';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '@/components/states';
import { isApiError, type ApiError } from '@/lib/api-client';
import { formatDate, formatInstantDate, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRespondView } from '../api/get-respond-view';
import { ReplyAction } from '../components/reply-action';
import { SIGN_IN_TO_MY_AGENCY } from '../words';

/**
 * The page a reply link opens, for someone who may never have signed in: the token in the address is the only
 * credential, so nothing here needs a session. It lists the actions the link may answer, each with a form. A link
 * that has expired, was revoked or is not known explains itself and offers signing in.
 */
export function RespondPage() {
  const token = useParams().token ?? '';
  const view = useRespondView(token);
  if (view.isPending) return <Loading label="Opening your link" />;
  if (view.isError) {
    return isApiError(view.error) && [404, 410].includes(view.error.status) ? (
      <LinkProblem error={view.error} />
    ) : (
      <ErrorState error={view.error} onRetry={() => void view.refetch()} />
    );
  }
  return <Respond token={token} view={view.data} />;
}

function Respond({ token, view }: { token: string; view: RespondView }) {
  const title = `Updates asked of ${view.agency.name}`;
  useDocumentTitle(title);
  const answered = view.actions.filter((action) => action.answeredAt !== null).length;
  return (
    <>
      <span className="govuk-caption-l">{view.partnershipName}</span>
      <h1 className="govuk-heading-xl">{title}</h1>
      <p className="govuk-body-l">
        {view.kind === 'return'
          ? `${view.askedBy} returned an action of ${view.agency.name} for more information on ${formatInstantDate(view.askedAt)}, and asks for an answer by ${formatDate(view.replyBy)}.`
          : `${view.askedBy} asked ${view.agency.name} on ${formatInstantDate(view.askedAt)} for an update on ${pluralise(view.actions.length, 'action')}, by ${formatDate(view.replyBy)}.`}
      </p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">This link is for</dt>
          <dd className="govuk-summary-list__value app-break-anywhere">
            {view.holder.name}, {view.holder.email}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Asked by</dt>
          <dd className="govuk-summary-list__value">{view.askedBy}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Reply by</dt>
          <dd className="govuk-summary-list__value">{formatDate(view.replyBy)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">The link works until</dt>
          <dd className="govuk-summary-list__value">the end of {formatDate(view.expiresOn)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Answered so far</dt>
          <dd className="govuk-summary-list__value">
            {answered} of {pluralise(view.actions.length, 'action')}
          </dd>
        </div>
      </dl>
      {view.question ? (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-margin-bottom-1">
            <strong>The question:</strong>
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">{view.question}</p>
        </div>
      ) : null}
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          This link is personal to you: do not forward it. Updates posted through it are recorded in your name. It opens only these
          actions, and nothing else of the tracker.
        </strong>
      </div>
      <p className="govuk-body">
        If you have an account, you can also{' '}
        <Link className="govuk-link" to={SIGN_IN_TO_MY_AGENCY}>
          sign in
        </Link>{' '}
        to see all of your agency&rsquo;s actions.
      </p>
      {view.actions.map((action) => (
        <ReplyAction key={action.id} token={token} action={action} maxMegabytes={view.evidenceMaxMegabytes} />
      ))}
    </>
  );
}

const PROBLEMS: Record<string, { title: string; why: string }> = {
  'reply_link.expired': {
    title: 'This link has expired',
    why: 'Links in update requests work until a short while after the reply-by date, then stop, so an old email cannot be used to change the plan.',
  },
  'reply_link.holder_changed': {
    title: 'This link no longer works',
    why: 'It was sent to someone who is no longer a lead of the agency, so it cannot be used to post the agency’s updates.',
  },
  'reply_link.revoked': {
    title: 'This link has been revoked',
    why: 'The partnership stopped this link working, for example because the email went to the wrong person or a newer request was sent.',
  },
};

const UNKNOWN = {
  title: 'This link does not work',
  why: 'The tracker does not know this link. Check you copied the whole web address from the email: it is long, and email programs sometimes split it.',
};

/** Why the link opens nothing, in words, and the ways on: signing in, or asking for a new link. */
function LinkProblem({ error }: { error: ApiError }) {
  const problem = PROBLEMS[error.code] ?? UNKNOWN;
  useDocumentTitle(problem.title);
  return (
    <>
      <h1 className="govuk-heading-l">{problem.title}</h1>
      <p className="govuk-body">{problem.why}</p>
      {error.problem.detail && error.problem.detail !== problem.why ? <p className="govuk-body">{error.problem.detail}</p> : null}
      <h2 className="govuk-heading-m">What you can do</h2>
      <p className="govuk-body">If you have an account, sign in to post your agency&rsquo;s updates there.</p>
      <Link className="govuk-button" to={SIGN_IN_TO_MY_AGENCY} data-module="govuk-button">
        Sign in
      </Link>
      <p className="govuk-body">
        If you do not have an account, reply to the email that brought you here, or ask your partnership&rsquo;s business unit for a new
        link.
      </p>
    </>
  );
}
