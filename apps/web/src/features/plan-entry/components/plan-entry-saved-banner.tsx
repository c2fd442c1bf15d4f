import { useLocation } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { pluralise } from '@/lib/format';

/** What the review page is sent after actions are added on the plan-entry page. */
export interface PlanEntrySavedState {
  addedActions: { count: number; refs: string[] };
}

const refsInWords = (refs: readonly string[]) =>
  refs.length <= 3 ? refs.join(', ') : `${refs[0]} to ${refs[refs.length - 1]}`;

/** "5 actions added", on the page the plan-entry form returns to (the review page). Shows nothing otherwise. */
export function PlanEntrySavedBanner() {
  const state = useLocation().state as Partial<PlanEntrySavedState> | null;
  const added = state?.addedActions;
  if (!added) return null;
  return (
    <SuccessBanner heading={`${pluralise(added.count, 'action')} added`}>
      {added.refs.length > 0 ? <p className="govuk-body">{added.refs.length === 1 ? 'Reference' : 'References'}: {refsInWords(added.refs)}.</p> : null}
    </SuccessBanner>
  );
}
