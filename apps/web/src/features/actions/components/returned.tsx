import type { Action, ActionReturned } from '@lrt/contracts';
import type { MouseEvent } from 'react';
import { formatDate, formatInstantDate } from '@/lib/format';
import { londonToday } from '@lrt/domain';

/** Past its reply-by day with no answer yet. */
export const isAnswerLate = (returned: ActionReturned, today = londonToday(new Date())) => returned.replyBy < today;

/**
 * "Returned" beside an action in a list: sent back to its agency for more information, with the day the answer is
 * due. An MoJ badge in words, like the other flags (`components/flags.tsx`).
 */
export function ReturnedFlag({ returned }: { returned: ActionReturned }) {
  const late = isAnswerLate(returned);
  return (
    <>
      <strong className={`moj-badge ${late ? 'moj-badge--red' : 'moj-badge--bright-purple'}`}>
        Returned <span className="govuk-visually-hidden">for more information</span>
      </strong>{' '}
      <span className="app-returned-due">
        answer due by {formatDate(returned.replyBy)}
        {late ? ', late' : ''}
      </span>
    </>
  );
}

/**
 * The panel at the top of a returned action's page: to whom and when it was returned, the question, and when
 * the answer is due (and that it is late, once it is). An agency lead answers with a progress update, so the
 * panel links to the form when there is one.
 */
export function ReturnedPanel({ action, agencyName, formId }: { action: Action; agencyName: string; formId?: string | undefined }) {
  const returned = action.returned;
  const late = returned ? isAnswerLate(returned) : false;
  if (!returned) return null;

  // Move to the form without changing the URL (the router owns it), as the error summary does.
  const goToForm = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = formId ? document.getElementById(formId) : null;
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView?.();
    target.focus({ preventScroll: true });
  };

  return (
    <div className="govuk-notification-banner app-returned-panel" role="region" aria-labelledby="returned-panel-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="returned-panel-title">
          Returned for more information
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Returned to {agencyName} for more information on {formatInstantDate(returned.on)}
        </p>
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">The question</p>
        <blockquote className="app-returned-panel__question app-pre-wrap">{returned.question}</blockquote>
        <p className="govuk-body govuk-!-font-weight-bold">Answer due by {formatDate(returned.replyBy)}</p>
        {late ? (
          <div className="govuk-warning-text govuk-!-margin-bottom-2">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              The answer is late
            </strong>
          </div>
        ) : null}
        {formId ? (
          <p className="govuk-body govuk-!-margin-bottom-0">
            <a className="govuk-notification-banner__link" href={`#${formId}`} onClick={goToForm}>
              Answer with a progress update
            </a>
          </p>
        ) : null}
      </div>
    </div>
  );
}
