import type { ActionStatus } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

const STATUS_TAG_CLASS: Record<ActionStatus, string> = {
  not_started: 'govuk-tag govuk-tag--grey',
  in_progress: 'govuk-tag govuk-tag--purple',
  completed: 'govuk-tag govuk-tag--teal',
  assured: 'govuk-tag',
  withdrawn: 'govuk-tag govuk-tag--grey',
};

/** An action's status in words, from the shared labels. */
export function StatusTag({ status }: { status: ActionStatus }) {
  return <strong className={STATUS_TAG_CLASS[status]}>{LABELS.actionStatus[status]}</strong>;
}
