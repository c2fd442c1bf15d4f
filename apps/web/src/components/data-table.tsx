import type { ReactNode } from 'react';

export interface Column<Row> {
  /** Unique within the table. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The cell that names the row: rendered as a row header for screen readers. */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  caption: ReactNode;
  /** Show the caption as a heading-sized caption, or keep it for screen readers only. */
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}

/** A GOV.UK table with a caption and header cells; scrolls sideways on narrow screens instead of overflowing. */
export function DataTable<Row>({ caption, captionSize = 'm', columns, rows, rowKey }: DataTableProps<Row>) {
  const captionClass =
    captionSize === 'hidden' ? 'govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`;
  return (
    <div className="app-table-wrapper">
      <table className="govuk-table">
        <caption className={captionClass}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="govuk-table__row">
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className="govuk-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}
                  >
                    {column.cell(row)}
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
