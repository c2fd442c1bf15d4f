import type { ReactNode } from 'react';

export interface ReportColumn<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The cell that names the row, read out as its header. */
  rowHeader?: boolean;
}

/**
 * A table of the report: a GOV.UK table whose caption names it, whose header repeats on every printed page, and
 * whose rows stack into labelled blocks on a phone (each cell says its column), so nothing scrolls sideways.
 */
export function ReportTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: ReactNode;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
}) {
  return (
    <div className="app-table-wrapper">
      <table className="govuk-table app-stacked-table app-report-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className="govuk-table__row">
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className="govuk-table__header" data-label={column.header}>
                    <div>{column.cell(row)}</div>
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}
                    data-label={column.header}
                  >
                    <div>{column.cell(row)}</div>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
