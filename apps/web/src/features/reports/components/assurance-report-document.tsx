import type { AssuranceReport, Brag, ReportAction, ReportSection } from '@lrt/contracts';
import { Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { StatusTag } from '@/components/status-tag';
import { ChartLoading, StackedBarChart } from '@/features/dashboard/components/lazy-charts';
import { LABELS } from '@/lib/contract-constants';
import { formatDate, formatDateTime, formatInstantDate, pluralise } from '@/lib/format';
import { REPORT_SECTION_TITLES } from '@/lib/contract-constants';
import { ReportTable, type ReportColumn } from './report-table';

/** The order ratings are read out in the report: the ones needing attention first. */
const BRAG_ROWS: Brag[] = ['red', 'amber', 'green', 'blue'];

type Tally = AssuranceReport['brag']['atEnd'];
type Evidence = { label: string; url: string | null; fileId: number | null };

const headingId = (section: ReportSection) => `report-section-${section}`;

/** "+3", "−2" (a true minus sign) or "No change". */
export function signed(change: number) {
  if (change === 0) return 'No change';
  return change > 0 ? `+${change}` : `\u2212${Math.abs(change)}`;
}

/** Where the lists stopped: the counts above cover everything, and the report says how much it left out. */
function NotListed({ count, what = 'action', many }: { count: number; what?: string; many?: string }) {
  if (count <= 0) return null;
  return (
    <p className="govuk-body govuk-!-font-weight-bold">
      A further {pluralise(count, what, many)} {count === 1 ? 'is' : 'are'} not listed here. The figures above count every one.
    </p>
  );
}

/** An empty section says so in words, rather than showing an empty table. */
function Nothing({ children }: { children: ReactNode }) {
  return <p className="govuk-body app-report__nothing">{children}</p>;
}

function ActionRef({ id, actionRef }: { id: number; actionRef: string }) {
  return (
    <Link className="govuk-link app-actions-table__ref" to={`/actions/${id}`}>
      {actionRef}
    </Link>
  );
}

function LatestNote({ note }: { note: ReportAction['latestNote'] }) {
  if (!note) return <>No progress update yet</>;
  return (
    <>
      <span className="app-cell-secondary govuk-!-margin-top-0">
        {formatInstantDate(note.on)}, {note.author}
        {note.confidence ? `: ${LABELS.confidence[note.confidence]}` : ''}
      </span>
      <span className="app-report__note">{note.text}</span>
    </>
  );
}

function EvidenceLinks({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <>None given</>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {evidence.map((item, index) => (
        <li key={`${item.fileId ?? item.url ?? item.label}-${index}`}>
          {item.fileId !== null ? (
            <a className="govuk-link app-break-anywhere" href={`/api/evidence/${item.fileId}`}>
              {item.label}
            </a>
          ) : item.url ? (
            <a className="govuk-link app-break-anywhere" href={item.url} rel="noreferrer">
              {item.label}
            </a>
          ) : (
            item.label
          )}
        </li>
      ))}
    </ul>
  );
}

function ActionBrag({ action }: { action: Pick<ReportAction, 'brag' | 'bragReason'> }) {
  return <BragTag brag={action.brag} reason={action.bragReason} showReason />;
}

/** The columns most lists of actions share: which action, whose, what, by when, where it stands. */
const actionColumns = <Row extends ReportAction>(): ReportColumn<Row>[] => [
  { key: 'ref', header: 'Action', rowHeader: true, cell: (row) => <ActionRef id={row.id} actionRef={row.ref} /> },
  { key: 'agency', header: 'Agency', cell: (row) => row.ownerAgency },
  { key: 'action', header: 'What is to be done', cell: (row) => row.action },
  { key: 'target', header: 'Target date', cell: (row) => formatDate(row.targetDate) },
  { key: 'status', header: 'Status', cell: (row) => <StatusTag status={row.status} /> },
  { key: 'brag', header: 'BRAG', cell: (row) => <ActionBrag action={row} /> },
];

function ActionList({ caption, actions }: { caption: string; actions: readonly ReportAction[] }) {
  return (
    <ReportTable
      caption={caption}
      columns={[...actionColumns<ReportAction>(), { key: 'note', header: 'Latest update', cell: (row) => <LatestNote note={row.latestNote} /> }]}
      rows={actions}
      rowKey={(row) => row.id}
    />
  );
}

function SummarySection({ report }: { report: AssuranceReport }) {
  const { totals } = report;
  return (
    <>
      {report.summary.length === 0 ? <Nothing>There is nothing to summarise: no action is in scope.</Nothing> : null}
      {report.summary.map((paragraph, index) => (
        <p key={index} className="govuk-body">
          {paragraph}
        </p>
      ))}
      <ul className="govuk-list govuk-list--bullet">
        <li>{pluralise(totals.actions, 'action')} in scope</li>
        <li>
          {BRAG_ROWS.map((brag) => `${LABELS.brag[brag]} ${totals.byBrag[brag]}`).join(', ')}; withdrawn {totals.byBrag.withdrawn}
        </li>
        <li>
          {pluralise(totals.overdue, 'action')} overdue, {pluralise(totals.stale, 'action')} without a recent update
        </li>
      </ul>
    </>
  );
}

function BragSection({ report }: { report: AssuranceReport }) {
  const rows: { key: keyof Tally; label: ReactNode }[] = [
    ...BRAG_ROWS.map((brag) => ({ key: brag, label: <BragTag brag={brag} /> })),
    { key: 'withdrawn' as const, label: 'Withdrawn (not rated)' },
  ];
  const start = formatDate(report.period.from);
  return (
    <ReportTable
      caption={`Actions by BRAG rating at the start of the period (${start}) and as at ${formatDate(report.asAt)}`}
      columns={[
        { key: 'rating', header: 'Rating', rowHeader: true, cell: (row) => row.label },
        { key: 'start', header: 'At the start', numeric: true, cell: (row) => report.brag.atStart[row.key] },
        { key: 'end', header: 'As at', numeric: true, cell: (row) => report.brag.atEnd[row.key] },
        { key: 'change', header: 'Change', numeric: true, cell: (row) => signed(report.brag.change[row.key]) },
      ]}
      rows={rows}
      rowKey={(row) => row.key}
    />
  );
}

function AgenciesSection({ report }: { report: AssuranceReport }) {
  const agencies = report.agencies;
  if (agencies.length === 0) return <Nothing>No agency has an action in this scope.</Nothing>;
  const mostRed = [...agencies].sort((a, b) => b.byBrag.red - a.byBrag.red)[0];
  const description = [
    `Red, amber, green and blue actions of each of ${agencies.length} agencies, as stacked bars.`,
    mostRed && mostRed.byBrag.red > 0 ? `${mostRed.name} has the most red actions (${mostRed.byBrag.red}).` : '',
    'The table "Progress by agency" below gives every number.',
  ]
    .filter(Boolean)
    .join(' ');
  const bragColumns = BRAG_ROWS.map(
    (brag): ReportColumn<(typeof agencies)[number]> => ({ key: brag, header: LABELS.brag[brag], numeric: true, cell: (row) => row.byBrag[brag] }),
  );
  return (
    <>
      <Suspense fallback={<ChartLoading />}>
        <StackedBarChart
          id="report-agencies-chart"
          title="Actions of each agency by BRAG rating"
          description={description}
          series={BRAG_ROWS.map((brag) => ({ key: brag, label: LABELS.brag[brag], tone: brag }))}
          categories={agencies.map((agency) => ({ key: agency.agencyId, label: agency.shortName, title: agency.name, values: agency.byBrag }))}
        />
      </Suspense>
      <ReportTable
        caption="Progress by agency"
        columns={[
          { key: 'agency', header: 'Agency', rowHeader: true, cell: (row) => `${row.name} (${row.shortName})` },
          { key: 'actions', header: 'Actions', numeric: true, cell: (row) => row.actions },
          ...bragColumns,
          { key: 'withdrawn', header: 'Withdrawn', numeric: true, cell: (row) => row.byBrag.withdrawn },
          { key: 'overdue', header: 'Overdue', numeric: true, cell: (row) => row.overdue },
          { key: 'done', header: 'Completed or assured', numeric: true, cell: (row) => `${row.percentDone}%` },
        ]}
        rows={agencies}
        rowKey={(row) => row.agencyId}
      />
    </>
  );
}

function RecommendationsSection({ report }: { report: AssuranceReport }) {
  const { items, notListed } = report.recommendations;
  if (items.length === 0 && notListed === 0) return <Nothing>No recommendation in this scope has an action.</Nothing>;
  return (
    <>
      {items.map((item) => {
        const name =
          item.recommendationId === null ? `${item.reviewCode}: actions not under a recommendation` : `${item.reviewCode}, recommendation ${item.number ?? ''}`.trim();
        return (
          <div key={`${item.reviewId}-${item.recommendationId ?? 'none'}`} className="app-report__recommendation">
            <h4 className="govuk-heading-s">{name}</h4>
            {item.text ? <p className="govuk-body">{item.text}</p> : null}
            {item.actions.length === 0 ? (
              <Nothing>No action answers this recommendation yet.</Nothing>
            ) : (
              <ReportTable
                caption={`Actions of ${name}`}
                columns={[
                  ...actionColumns<(typeof item.actions)[number]>(),
                  { key: 'note', header: 'Latest update', cell: (row) => <LatestNote note={row.latestNote} /> },
                  { key: 'evidence', header: 'Evidence', cell: (row) => <EvidenceLinks evidence={row.evidence} /> },
                ]}
                rows={item.actions}
                rowKey={(row) => row.id}
              />
            )}
          </div>
        );
      })}
      <NotListed count={notListed} />
    </>
  );
}

function OverdueSection({ report }: { report: AssuranceReport }) {
  const { items, notListed } = report.overdue;
  if (items.length === 0 && notListed === 0) return <Nothing>No action is overdue as at {formatDate(report.asAt)}.</Nothing>;
  return (
    <>
      <ReportTable
        caption={`Actions past their target date as at ${formatDate(report.asAt)}, most overdue first`}
        columns={[
          { key: 'ref', header: 'Action', rowHeader: true, cell: (row) => <ActionRef id={row.id} actionRef={row.ref} /> },
          { key: 'agency', header: 'Agency', cell: (row) => row.ownerAgency },
          { key: 'action', header: 'What is to be done', cell: (row) => row.action },
          { key: 'target', header: 'Target date', cell: (row) => formatDate(row.targetDate) },
          { key: 'days', header: 'Days overdue', numeric: true, cell: (row) => pluralise(row.daysOverdue, 'day') },
          { key: 'brag', header: 'BRAG', cell: (row) => <ActionBrag action={row} /> },
          { key: 'note', header: 'Latest update', cell: (row) => <LatestNote note={row.latestNote} /> },
        ]}
        rows={items}
        rowKey={(row) => row.id}
      />
      <NotListed count={notListed} />
    </>
  );
}

function RevisedDatesSection({ report }: { report: AssuranceReport }) {
  const { items, notListed } = report.revisedDates;
  if (items.length === 0 && notListed === 0) return <Nothing>No target date was revised in the period.</Nothing>;
  return (
    <>
      <ReportTable
        caption="Target dates revised in the period"
        columns={[
          { key: 'ref', header: 'Action', rowHeader: true, cell: (row) => <ActionRef id={row.actionId} actionRef={row.ref} /> },
          { key: 'agency', header: 'Agency', cell: (row) => row.ownerAgency },
          { key: 'from', header: 'Was', cell: (row) => formatDate(row.from) },
          { key: 'to', header: 'Now', cell: (row) => formatDate(row.to) },
          { key: 'reason', header: 'Reason', cell: (row) => row.reason },
          { key: 'decided', header: 'Agreed by', cell: (row) => `${row.decidedBy}, ${formatInstantDate(row.on)}` },
        ]}
        rows={items}
        rowKey={(row, index) => `${row.actionId}-${index}`}
      />
      <NotListed count={notListed} what="revision" />
    </>
  );
}

function CompletedSection({ report }: { report: AssuranceReport }) {
  const { items, notListed } = report.completed;
  if (items.length === 0 && notListed === 0) return <Nothing>No action was completed or assured in the period.</Nothing>;
  return (
    <>
      <ReportTable
        caption="Actions completed or assured in the period, with the evidence of their impact"
        columns={[
          { key: 'ref', header: 'Action', rowHeader: true, cell: (row) => <ActionRef id={row.id} actionRef={row.ref} /> },
          { key: 'agency', header: 'Agency', cell: (row) => row.ownerAgency },
          { key: 'action', header: 'What was to be done', cell: (row) => row.action },
          { key: 'status', header: 'Status', cell: (row) => <StatusTag status={row.status} /> },
          { key: 'completed', header: 'Completed', cell: (row) => formatDate(row.completedOn, 'Not recorded') },
          { key: 'assured', header: 'Assured', cell: (row) => formatDate(row.assuredOn, 'Not yet') },
          { key: 'impact', header: 'Evidence of impact', cell: (row) => row.evidenceOfImpact ?? 'None recorded' },
          { key: 'evidence', header: 'Evidence', cell: (row) => <EvidenceLinks evidence={row.evidence} /> },
        ]}
        rows={items}
        rowKey={(row) => row.id}
      />
      <NotListed count={notListed} />
    </>
  );
}

function ChangesSection({ report }: { report: AssuranceReport }) {
  const { changes, comparedWith } = report;
  const against =
    comparedWith.snapshotId === null
      ? `the start of the period (${formatDate(comparedWith.asAt)})`
      : `the snapshot “${comparedWith.name}”, as at ${formatDate(comparedWith.asAt)}`;
  const lists: { key: string; title: string; none: string; actions: readonly ReportAction[] }[] = [
    { key: 'newlyOverdue', title: 'Newly overdue', none: 'No action became overdue.', actions: changes.newlyOverdue },
    { key: 'assured', title: 'Assured', none: 'No action was assured.', actions: changes.assured },
    { key: 'withdrawn', title: 'Withdrawn', none: 'No action was withdrawn.', actions: changes.withdrawn },
    { key: 'added', title: 'Added', none: 'No action was added.', actions: changes.added },
  ];
  const rating = (brag: Brag | null) => (brag ? LABELS.brag[brag] : 'Not rated');
  return (
    <>
      <p className="govuk-body">What changed since {against}.</p>
      <h4 className="govuk-heading-s">Moved</h4>
      {changes.moved.length === 0 ? (
        <Nothing>No action changed its status or BRAG rating.</Nothing>
      ) : (
        <ReportTable
          caption="Actions whose status or BRAG rating changed"
          columns={[
            { key: 'ref', header: 'Action', rowHeader: true, cell: (row) => <ActionRef id={row.actionId} actionRef={row.ref} /> },
            { key: 'agency', header: 'Agency', cell: (row) => row.ownerAgency },
            {
              key: 'status',
              header: 'Status',
              cell: (row) =>
                row.fromStatus === row.toStatus
                  ? `${LABELS.actionStatus[row.toStatus]} (no change)`
                  : `${LABELS.actionStatus[row.fromStatus]} to ${LABELS.actionStatus[row.toStatus]}`,
            },
            {
              key: 'brag',
              header: 'BRAG',
              cell: (row) =>
                row.fromBrag === row.toBrag ? (
                  <>
                    <BragTag brag={row.toBrag} /> (no change)
                  </>
                ) : (
                  <>
                    <BragTag brag={row.fromBrag} /> to <BragTag brag={row.toBrag} />
                    <span className="govuk-visually-hidden">
                      {' '}
                      (was {rating(row.fromBrag)}, now {rating(row.toBrag)})
                    </span>
                  </>
                ),
            },
          ]}
          rows={changes.moved}
          rowKey={(row) => row.actionId}
        />
      )}
      {lists.map((list) => (
        <div key={list.key}>
          <h4 className="govuk-heading-s">{list.title}</h4>
          {list.actions.length === 0 ? <Nothing>{list.none}</Nothing> : <ActionList caption={`${list.title} since ${against}`} actions={list.actions} />}
        </div>
      ))}
      <NotListed count={changes.notListed} what="change" />
    </>
  );
}

function ThemesSection({ report }: { report: AssuranceReport }) {
  const { themes, reviews, cells } = report.themes;
  if (themes.length === 0) return <Nothing>No action in this scope is tagged with a theme.</Nothing>;
  const count = (themeId: number, reviewId: number) => cells.find((cell) => cell.themeId === themeId && cell.reviewId === reviewId)?.actions ?? 0;
  return (
    <ReportTable
      caption="Actions tagged with each theme, by review"
      columns={[
        { key: 'theme', header: 'Theme', rowHeader: true, cell: (row) => row.name },
        ...reviews.map(
          (review): ReportColumn<(typeof themes)[number]> => ({ key: `review-${review.id}`, header: review.code, numeric: true, cell: (row) => count(row.id, review.id) }),
        ),
        { key: 'reviews', header: 'Reviews', numeric: true, cell: (row) => row.reviewCount },
        { key: 'actions', header: 'Actions', numeric: true, cell: (row) => row.actions },
      ]}
      rows={themes}
      rowKey={(row) => row.id}
    />
  );
}

/** Late, on time, or (null) neither yet: not due and not done. */
function Late({ late }: { late: boolean | null }) {
  if (late === true) return <strong className="govuk-tag govuk-tag--red app-report__late">Late</strong>;
  return <>{late === false ? 'On time' : 'Not yet due'}</>;
}

function TimelinessSection({ report }: { report: AssuranceReport }) {
  const rows = report.timeliness;
  if (rows.length === 0) return <Nothing>No review is in this scope.</Nothing>;
  return (
    <ReportTable
      caption="Each review's dates against the statutory timescales"
      columns={[
        { key: 'review', header: 'Review', rowHeader: true, cell: (row) => `${row.code}: ${row.title}` },
        { key: 'type', header: 'Type and stage', cell: (row) => `${LABELS.reviewType[row.type]}, ${LABELS.reviewStage[row.stage].toLowerCase()}` },
        { key: 'notified', header: 'Notified', cell: (row) => formatDate(row.notifiedOn, 'Not recorded') },
        {
          key: 'rapid',
          header: 'Rapid review',
          cell: (row) => (
            <>
              Due {formatDate(row.rapidReviewDueOn, 'not set')}; held {formatDate(row.rapidReviewOn, 'not yet')}.{' '}
              <Late late={row.rapidReviewLate} />
            </>
          ),
        },
        {
          key: 'review-due',
          header: 'Review',
          cell: (row) => (
            <>
              Started {formatDate(row.startedOn, 'not yet')}; due {formatDate(row.reviewDueOn, 'not set')}; published {formatDate(row.publishedOn, 'not yet')}.{' '}
              <Late late={row.reviewLate} />
            </>
          ),
        },
      ]}
      rows={rows}
      rowKey={(row) => row.reviewId}
    />
  );
}

const SECTIONS: Record<ReportSection, (props: { report: AssuranceReport }) => ReactNode> = {
  summary: SummarySection,
  brag: BragSection,
  agencies: AgenciesSection,
  recommendations: RecommendationsSection,
  overdue: OverdueSection,
  revisedDates: RevisedDatesSection,
  completed: CompletedSection,
  changes: ChangesSection,
  themes: ThemesSection,
  timeliness: TimelinessSection,
};

/**
 * The board assurance report as the chair previews and prints it: the same model, in the same order and under
 * the same headings as the Word document and the printable page. Every chosen section is shown; an empty one
 * says so in words; a list cut short says how much it left out.
 */
export function AssuranceReportDocument({ report }: { report: AssuranceReport }) {
  return (
    <article className="app-report" aria-labelledby="report-title">
      <p className="app-report__confidential govuk-body-s govuk-!-font-weight-bold">
        Confidential: for the partnership&rsquo;s board. Do not share outside the partnership.
      </p>
      <span className="govuk-caption-m">{report.partnershipName}</span>
      <h2 className="govuk-heading-l" id="report-title">
        {report.title}
      </h2>
      <dl className="govuk-summary-list govuk-summary-list--no-border app-report__about">
        {(
          [
            ['Covers', report.scope.name],
            ['Period', `${formatDate(report.period.from)} to ${formatDate(report.period.to)}`],
            ['As at', formatDate(report.asAt)],
            [
              'Compared with',
              report.comparedWith.snapshotId === null
                ? `The start of the period (${formatDate(report.comparedWith.asAt)})`
                : `${report.comparedWith.name}, as at ${formatDate(report.comparedWith.asAt)}`,
            ],
            ['Produced', formatDateTime(report.generatedAt)],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {report.sections.map((section) => {
        const Section = SECTIONS[section];
        return (
          <section key={section} className="app-report__section" aria-labelledby={headingId(section)}>
            <h3 className="govuk-heading-m" id={headingId(section)}>
              {REPORT_SECTION_TITLES[section]}
            </h3>
            <Section report={report} />
          </section>
        );
      })}
    </article>
  );
}
