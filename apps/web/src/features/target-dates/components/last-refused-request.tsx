import type { Action } from '@lrt/contracts';
import { formatDate, formatDateTime } from '@/lib/format';
import { useTargetDateRequests } from '../api/get-target-date-requests';

/**
 * The latest request for a new target date, when it was refused: what the lead asked for, who refused it and
 * their note, so the lead knows where things stand before asking again. Agreed requests need no such note: the
 * target date history shows them.
 */
export function LastRefusedRequest({ action }: { action: Pick<Action, 'id' | 'pendingTargetDateRequest'> }) {
  const requests = useTargetDateRequests(action.id, { enabled: action.pendingTargetDateRequest === null });
  const latest = requests.data?.items[0];
  if (action.pendingTargetDateRequest !== null || !latest || latest.state !== 'refused') return null;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body govuk-!-margin-bottom-1">
        The last request, for {formatDate(latest.requestedTargetDate)}, was refused
        {latest.decidedBy ? ` by ${latest.decidedBy}` : ''}
        {latest.decidedAt ? ` on ${formatDateTime(latest.decidedAt)}` : ''}
        {latest.decisionNote ? ':' : '.'}
      </p>
      {latest.decisionNote ? <p className="govuk-body app-pre-wrap govuk-!-margin-bottom-0">{latest.decisionNote}</p> : null}
    </div>
  );
}
