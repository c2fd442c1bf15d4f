import type { Review } from '@lrt/contracts';
import { TimelinessFlag } from '@/components/flags';
import { formatDate } from '@/lib/format';

interface KeyDateRow {
  event: string;
  on: string | null;
  dueOn?: string | null;
  timescale?: string;
  late?: boolean | null;
}

/**
 * The review's key dates against the statutory timescales. The due days and whether each was met come
 * from the API, which counts working days with England and Wales bank holidays.
 */
export function KeyDates({ review }: { review: Review }) {
  const { timeliness } = review;
  const rows: KeyDateRow[] = [
    { event: 'Incident notified to the partnership', on: review.notifiedOn },
    {
      event: 'Rapid review held',
      on: review.rapidReviewOn,
      dueOn: timeliness.rapidReviewDueOn,
      timescale: '15 working days after notification',
      late: timeliness.rapidReviewLate,
    },
    { event: 'Review started', on: review.startedOn },
    { event: 'Review completed', on: review.completedOn },
    {
      event: 'Review published',
      on: review.publishedOn,
      dueOn: timeliness.reviewDueOn,
      timescale: 'six months after the review started',
      late: timeliness.reviewLate,
    },
  ];

  return (
    <div className="app-table-wrapper">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Key dates</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Event
            </th>
            <th scope="col" className="govuk-table__header">
              Date
            </th>
            <th scope="col" className="govuk-table__header">
              Statutory timescale
            </th>
            <th scope="col" className="govuk-table__header">
              Timeliness
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={row.event} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {row.event}
              </th>
              <td className="govuk-table__cell">{formatDate(row.on, 'Not yet')}</td>
              <td className="govuk-table__cell">
                {row.timescale ? (
                  <>
                    Due by {formatDate(row.dueOn, 'not known')}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">({row.timescale})</span>
                  </>
                ) : (
                  <span className="govuk-visually-hidden">None</span>
                )}
              </td>
              <td className="govuk-table__cell">
                {row.timescale ? (
                  row.late === null || row.late === undefined ? (
                    row.dueOn ? 'Not yet due' : 'Not known'
                  ) : (
                    <TimelinessFlag late={row.late} />
                  )
                ) : (
                  <span className="govuk-visually-hidden">Not applicable</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
