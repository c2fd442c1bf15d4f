import type { Action, ActionSort, Agency, Review } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { ActionFlags } from '@/components/flags';
import { clampText, SortableTable, type SortableColumn } from '@/components/sortable-table';
import { StatusTag } from '@/components/status-tag';
import { TargetDateCell } from '@/features/target-dates/components/target-date-in-words';
import { formatInstantDate } from '@/lib/format';
import { ReturnedFlag } from './returned';

export interface ActionsTableProps {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  actions: readonly Action[];
  agencies: ReadonlyMap<number, Agency>;
  /** Given, each action names its review under its reference. Left out on a review's own page. */
  reviews?: ReadonlyMap<number, Review> | undefined;
  /** The sort in force; with `onSort`, the reference, target date and last update headers sort the list. */
  sort?: ActionSort | undefined;
  onSort?: ((sort: ActionSort) => void) | undefined;
}

export function AgencyName({ id, agencies }: { id: number | null; agencies: ReadonlyMap<number, Agency> }) {
  if (id === null) return <>None</>;
  const agency = agencies.get(id);
  if (!agency) return <>Agency {id}</>;
  return <abbr title={agency.name}>{agency.shortName}</abbr>;
}

/**
 * Actions in a table: long texts cut to their first line (the whole text is on the action's page), BRAG as a word,
 * a revised target date beside the original, and a returned action flagged with the day its answer is due.
 */
export function ActionsTable({ caption, captionSize = 'm', actions, agencies, reviews, sort, onSort }: ActionsTableProps) {
  const columns: SortableColumn<Action>[] = [
    {
      key: 'ref',
      header: 'Reference',
      label: 'Reference',
      rowHeader: true,
      className: 'app-actions-table__ref',
      sort: { ascending: 'ref', descending: '-ref' },
      cell: (action) => {
        const review = reviews?.get(action.reviewId);
        return (
          <>
            <Link className="govuk-link" to={`/actions/${action.id}`}>
              {action.ref}
            </Link>
            {reviews ? (
              // The review rides under the reference, so the list keeps one column fewer at 1280px.
              <span className="app-cell-secondary">
                Review{' '}
                <Link className="govuk-link" to={`/reviews/${action.reviewId}`}>
                  {review ? review.code : action.reviewId}
                </Link>
              </span>
            ) : null}
          </>
        );
      },
    },
    {
      key: 'action',
      header: 'Action',
      label: 'Action',
      className: 'app-actions-table__text',
      cell: (action) => <span className="app-clamp">{clampText(action.action)}</span>,
    },
    { key: 'owner', header: 'Owner', label: 'Owner', cell: (action) => <AgencyName id={action.ownerAgencyId} agencies={agencies} /> },
    {
      key: 'target',
      header: 'Target date',
      label: 'Target date',
      className: 'app-nowrap-from-desktop',
      sort: { ascending: 'targetDate', descending: '-targetDate' },
      cell: (action) => <TargetDateCell action={action} />,
    },
    { key: 'status', header: 'Status', label: 'Status', cell: (action) => <StatusTag status={action.status} /> },
    {
      key: 'brag',
      header: 'BRAG and flags',
      label: 'BRAG',
      cell: (action) => (
        <>
          <BragTag brag={action.brag} reason={action.bragReason} />
          {action.overdue || action.stale ? (
            <span className="app-cell-flags">
              <ActionFlags overdue={action.overdue} stale={action.stale} />
            </span>
          ) : null}
          {action.returned ? (
            <span className="app-cell-flags">
              <ReturnedFlag returned={action.returned} />
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'updated',
      header: 'Last update',
      label: 'Last update',
      className: 'app-nowrap-from-desktop',
      // Pressed first, the longest-silent actions come first: those are the ones to chase.
      sort: { ascending: 'lastUpdateAt', descending: '-lastUpdateAt' },
      cell: (action) => formatInstantDate(action.lastUpdateAt, 'None yet'),
    },
  ];

  return (
    <SortableTable
      caption={caption}
      captionSize={captionSize}
      columns={columns}
      rows={actions}
      rowKey={(a) => a.id}
      sort={sort}
      onSort={onSort as ((sort: string) => void) | undefined}
    />
  );
}
