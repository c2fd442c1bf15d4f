import type { Action } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';
import { formatDateTime } from '@/lib/format';

/**
 * The newest progress note on an action, "the latest word" a chair asks for. It comes with the action
 * (`action.latestUpdate`), so a list of actions shows its notes without a request per action; the action's own
 * page has the whole update, with its evidence.
 */
export function LatestUpdate({ action }: { action: Pick<Action, 'latestUpdate' | 'latestConfidence'> }) {
  const update = action.latestUpdate;
  if (update === null) return <p className="govuk-body-s">No progress update yet.</p>;

  const { authorName, createdAt, note } = update;
  // Every progress update sets the action's confidence, so the latest confidence is this update's.
  const confidence = action.latestConfidence;
  return (
    <div className="app-latest-update">
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        Latest update, {formatDateTime(createdAt)}, by {authorName}
        {confidence ? `: ${LABELS.confidence[confidence].toLowerCase()}` : ''}
      </p>
      <p className="govuk-body-s app-pre-wrap govuk-!-margin-bottom-1">{note}</p>
    </div>
  );
}
