import type { Action, TargetDateHistoryEntry } from '@lrt/contracts';
import { SortableTable, type SortableColumn } from '@/components/sortable-table';
import { formatDate, formatDateTime } from '@/lib/format';
import { revisedFrom, revisionsOf } from '../target-date-history';

type Dated = Pick<Action, 'targetDate' | 'targetDateHistory'>;

/** "31 January 2027, revised from 26 November 2026": the original date stays beside the revised one. */
export function TargetDateInWords({ action, empty = 'None set' }: { action: Dated; empty?: string }) {
  const original = revisedFrom(action);
  return (
    <>
      {formatDate(action.targetDate, empty)}
      {original ? `, revised from ${formatDate(original)}` : null}
    </>
  );
}

/**
 * For a table cell: the date, and under it "(revised from 26 November 2026)" when it was revised. The long
 * month names match the rest of the column.
 */
export function TargetDateCell({ action }: { action: Dated }) {
  const original = revisedFrom(action);
  return (
    <>
      {formatDate(action.targetDate, 'None set')}
      {original ? <span className="app-cell-secondary">(revised from {formatDate(original)})</span> : null}
    </>
  );
}

interface Row {
  entry: TargetDateHistoryEntry;
  index: number;
}

const columns: SortableColumn<Row>[] = [
  {
    key: 'date',
    header: 'Target date',
    label: 'Target date',
    rowHeader: true,
    cell: ({ entry, index }) => (
      <>
        {formatDate(entry.targetDate, 'None')}
        {index === 0 ? <span className="app-cell-secondary">Original date</span> : null}
      </>
    ),
  },
  {
    key: 'from',
    header: 'Moved from',
    label: 'Moved from',
    cell: ({ entry, index }) => (index === 0 ? 'First set' : formatDate(entry.from, 'None')),
  },
  {
    key: 'reason',
    header: 'Reason',
    label: 'Reason',
    cell: ({ entry, index }) =>
      entry.reason ? <span className="app-pre-wrap">{entry.reason}</span> : index === 0 ? 'Set when the action was agreed' : 'Not recorded',
  },
  { key: 'decidedBy', header: 'Decided by', label: 'Decided by', cell: ({ entry }) => entry.decidedBy ?? 'Not recorded' },
  { key: 'on', header: 'When', label: 'When', cell: ({ entry }) => formatDateTime(entry.on) },
];

/**
 * Every target date the action has had, the original first, in a GOV.UK details element: what a board asks
 * about an extended action (how many times, by how long, why, and who agreed). Shown only once it was revised.
 */
export function TargetDateHistory({ action }: { action: Pick<Action, 'ref' | 'targetDateHistory'> }) {
  const revisions = revisionsOf(action).length;
  if (revisions === 0) return null;
  const rows = action.targetDateHistory.map((entry, index) => ({ entry, index }));
  return (
    <details className="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Target date history</span>
      </summary>
      <div className="govuk-details__text">
        <SortableTable
          caption={`Target dates of action ${action.ref}: the original and ${revisions === 1 ? 'one revision' : `${revisions} revisions`}`}
          captionSize="s"
          columns={columns}
          rows={rows}
          rowKey={(row) => row.index}
        />
      </div>
    </details>
  );
}
