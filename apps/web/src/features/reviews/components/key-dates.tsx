import type { Review } from '@lrt/contracts';
import { useId } from 'react';
import { formatDate } from '@/lib/format';
import { describeTimeliness, type Timeliness } from '../timeliness';
import { TimelinessTag } from './timeliness-tag';

interface KeyDateRow {
  event: string;
  on: string | null;
  statutory?: { timescale: string; dueOn: string | null; timeliness: Timeliness };
}

/**
 * The review's key dates against the statutory timescales: the rapid review is due on the 15th working day after
 * the partnership was notified, the review six months after it started. The due days and whether each was met
 * come from the API, which counts working days with England and Wales bank holidays.
 */
export function KeyDates({ review }: { review: Review }) {
  const { timeliness } = review;
  const captionId = useId();
  const rows: KeyDateRow[] = [
    { event: 'Incident notified to the partnership', on: review.notifiedOn },
    {
      event: 'Rapid review held',
      on: review.rapidReviewOn,
      statutory: {
        timescale: '15th working day after notification',
        dueOn: timeliness.rapidReviewDueOn,
        timeliness: describeTimeliness(timeliness.rapidReviewDueOn, timeliness.rapidReviewLate),
      },
    },
    { event: 'Review started', on: review.startedOn },
    { event: 'Review completed', on: review.completedOn },
    {
      event: 'Review published',
      on: review.publishedOn,
      statutory: {
        timescale: 'six months after the review started',
        dueOn: timeliness.reviewDueOn,
        timeliness: describeTimeliness(timeliness.reviewDueOn, timeliness.reviewLate),
      },
    },
  ];
  return (
    // Focusable so keyboard users can scroll it sideways when it does not fit (a phone).
    <div className="app-table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table app-key-dates">
        <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>Key dates and statutory timescales</caption>
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
                {row.statutory ? (
                  <>
                    {row.statutory.dueOn ? `Due by ${formatDate(row.statutory.dueOn)}` : 'Due day not known yet'}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">({row.statutory.timescale})</span>
                  </>
                ) : (
                  <span className="app-secondary-text">None</span>
                )}
              </td>
              <td className="govuk-table__cell">
                {row.statutory ? <TimelinessTag timeliness={row.statutory.timeliness} /> : <span className="app-secondary-text">Not applicable</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
