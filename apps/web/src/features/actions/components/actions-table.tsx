import type { Action, Agency, Review } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { DataTable, type Column } from '@/components/data-table';
import { ActionFlags } from '@/components/flags';
import { StatusTag } from '@/components/status-tag';
import { formatDate, formatInstantDate } from '@/lib/format';

export interface ActionsTableProps {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  actions: readonly Action[];
  agencies: ReadonlyMap<number, Agency>;
  /** Given, a column names each action's review. Left out on a review's own page. */
  reviews?: ReadonlyMap<number, Review> | undefined;
}

const shorten = (text: string, length = 140) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

export function AgencyName({ id, agencies }: { id: number | null; agencies: ReadonlyMap<number, Agency> }) {
  if (id === null) return <>None</>;
  const agency = agencies.get(id);
  if (!agency) return <>Agency {id}</>;
  return <abbr title={agency.name}>{agency.shortName}</abbr>;
}

export function ActionsTable({ caption, captionSize = 'm', actions, agencies, reviews }: ActionsTableProps) {
  const columns: Column<Action>[] = [
    {
      key: 'ref',
      header: 'Reference',
      rowHeader: true,
      cell: (action) => (
        <Link className="govuk-link" to={`/actions/${action.id}`}>
          {action.ref}
        </Link>
      ),
    },
    { key: 'action', header: 'Action', cell: (action) => shorten(action.action) },
    ...(reviews
      ? [
          {
            key: 'review',
            header: 'Review',
            cell: (action: Action) => {
              const review = reviews.get(action.reviewId);
              return review ? (
                <Link className="govuk-link" to={`/reviews/${review.id}`}>
                  {review.code}
                </Link>
              ) : (
                `Review ${action.reviewId}`
              );
            },
          },
        ]
      : []),
    { key: 'owner', header: 'Owner', cell: (action) => <AgencyName id={action.ownerAgencyId} agencies={agencies} /> },
    { key: 'target', header: 'Target date', cell: (action) => formatDate(action.targetDate, 'None set') },
    { key: 'status', header: 'Status', cell: (action) => <StatusTag status={action.status} /> },
    { key: 'brag', header: 'BRAG', cell: (action) => <BragTag brag={action.brag} reason={action.bragReason} /> },
    {
      key: 'attention',
      header: 'Flags',
      cell: (action) =>
        action.overdue || action.stale ? (
          <ActionFlags overdue={action.overdue} stale={action.stale} />
        ) : (
          <span className="govuk-visually-hidden">None</span>
        ),
    },
    { key: 'updated', header: 'Last update', cell: (action) => formatInstantDate(action.lastUpdateAt, 'None yet') },
  ];

  return <DataTable caption={caption} captionSize={captionSize} columns={columns} rows={actions} rowKey={(a) => a.id} />;
}
