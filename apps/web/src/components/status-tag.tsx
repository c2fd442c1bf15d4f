import type { ActionStatus } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

/**
 * An action's status in words, from the shared labels. Statuses are outlined in black on white and BRAG ratings
 * are solid colours (see `BragTag`), so a row showing "Completed" beside "Green" never shows two alike green tags.
 */
export function StatusTag({ status }: { status: ActionStatus }) {
  return <strong className={`govuk-tag app-status-tag app-status-tag--${status.replace('_', '-')}`}>{LABELS.actionStatus[status]}</strong>;
}
