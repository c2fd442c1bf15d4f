import type { ActionChase } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '@/components/states';
import { ACTION_STATE_TAGS, actionStateInWords, requestTitle } from '@/features/chase/words';
import { formatDate } from '@/lib/format';
import { useActionChases } from '../api/get-action-chases';

/**
 * The update requests that asked about this action: when, who asked, which agency and whom, by when, and what
 * became of each. People who chase (the business unit, subgroup chairs) can open each request; everyone else
 * reads what was asked, since a lead wants to know what is waiting on them.
 */
export function UpdateRequests({ actionId, canOpenRequests }: { actionId: number; canOpenRequests: boolean }) {
  const chases = useActionChases(actionId);
  return (
    <section aria-labelledby="update-requests-heading">
      <h2 className="govuk-heading-l" id="update-requests-heading">
        Update requests
      </h2>
      {chases.isPending ? (
        <Loading label="Loading the update requests" />
      ) : chases.isError ? (
        <ErrorState error={chases.error} onRetry={() => void chases.refetch()} />
      ) : chases.data.items.length === 0 ? (
        <p className="govuk-body">No update requests yet.</p>
      ) : (
        <ol className="govuk-list" aria-label="Update requests, newest first">
          {chases.data.items.map((request) => (
            <UpdateRequest key={`${request.chaseId}-${request.agencyId}`} request={request} canOpen={canOpenRequests} />
          ))}
        </ol>
      )}
    </section>
  );
}

function UpdateRequest({ request, canOpen }: { request: ActionChase; canOpen: boolean }) {
  const title = requestTitle(request);
  const rows: [string, ReactNode][] = [
    ['Sent by', request.createdByName],
    ['Agency', request.agencyName],
    ['Sent to', request.sentTo.length > 0 ? request.sentTo.join(', ') : 'No lead'],
    ['Reply by', formatDate(request.replyBy)],
    [
      'State',
      <strong className={ACTION_STATE_TAGS[request.state]}>{actionStateInWords(request.state, request.answeredAt)}</strong>,
    ],
  ];
  return (
    <li className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
        {canOpen ? (
          <Link className="govuk-link" to={`/chase/${request.chaseId}`}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h3>
      <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-0">
        {rows.map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
