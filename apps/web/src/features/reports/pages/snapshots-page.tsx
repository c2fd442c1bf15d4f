import type { Snapshot } from '@lrt/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { LABELS } from '@/lib/contract-constants';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useSnapshots } from '../api/get-snapshots';
import { ReportTable } from '../components/report-table';
import { SnapshotForm } from '../components/snapshot-form';

const TITLE = 'Board snapshots';
const BRAG_ORDER = ['red', 'amber', 'green', 'blue'] as const;

/** "Red 2, Amber 5, Green 9, Blue 3; 1 withdrawn": the counts in words, never only colours. */
export const bragWords = (byBrag: Snapshot['byBrag']) =>
  `${BRAG_ORDER.map((brag) => `${LABELS.brag[brag]} ${byBrag[brag]}`).join(', ')}; ${byBrag.withdrawn} withdrawn`;

/**
 * Board snapshots: the plan frozen as at a board meeting, under its name, so the next report can say what moved
 * since. Everyone who may read the plan sees the list; the business unit takes them.
 */
export function SnapshotsPage() {
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle(TITLE, { hasErrors });
  const me = useSignedIn();
  const snapshots = useSnapshots();
  const [taken, setTaken] = useState<Snapshot | null>(null);

  return (
    <>
      <h1 className="govuk-heading-l">{TITLE}</h1>
      <p className="govuk-body-l">
        A snapshot freezes the whole plan as it stood at the end of a day, under a name, usually a board meeting&rsquo;s. A
        snapshot cannot be changed or deleted once it is taken, so a report compared with it always says the same thing.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/reports">
          Back to the board assurance report
        </Link>
      </p>

      {taken ? (
        <SuccessBanner heading={`Snapshot “${taken.name}” taken`}>
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to={`/reports?compareTo=${taken.id}`}>
              Report compared with this snapshot
            </Link>
          </p>
        </SuccessBanner>
      ) : null}

      {me?.capabilities.managePlans ? (
        <SnapshotForm
          onTaken={(snapshot) => {
            setTaken(snapshot);
            setHasErrors(false);
          }}
          onErrorsChange={(has) => {
            setHasErrors(has);
            // A new refusal replaces the last confirmation: only one message speaks at a time.
            if (has) setTaken(null);
          }}
        />
      ) : null}

      <h2 className="govuk-heading-m">Snapshots taken</h2>
      {snapshots.isPending ? (
        <Loading label="Loading the snapshots" />
      ) : snapshots.isError ? (
        <ErrorState error={snapshots.error} onRetry={() => void snapshots.refetch()} />
      ) : snapshots.data.length === 0 ? (
        <EmptyState title="No snapshot has been taken yet">
          {me?.capabilities.managePlans ? 'Take one before each board meeting.' : 'The business unit takes one before each board meeting.'}
        </EmptyState>
      ) : (
        <ReportTable
          caption="Every board snapshot, newest first"
          columns={[
            { key: 'name', header: 'Name', rowHeader: true, cell: (row: Snapshot) => row.name },
            { key: 'asAt', header: 'As at', cell: (row) => formatDate(row.asAt) },
            { key: 'taken', header: 'Taken on', cell: (row) => formatDateTime(row.createdAt) },
            { key: 'by', header: 'By', cell: (row) => row.createdBy },
            { key: 'actions', header: 'Actions', numeric: true, cell: (row) => row.actions },
            { key: 'brag', header: 'BRAG ratings', cell: (row) => bragWords(row.byBrag) },
            { key: 'overdue', header: 'Overdue', numeric: true, cell: (row) => row.overdue },
            {
              key: 'report',
              header: 'Report',
              cell: (row) => (
                <Link className="govuk-link" to={`/reports?compareTo=${row.id}`}>
                  Report compared with this snapshot<span className="govuk-visually-hidden">: {row.name}</span>
                </Link>
              ),
            },
          ]}
          rows={snapshots.data}
          rowKey={(row) => row.id}
        />
      )}
    </>
  );
}
