import { useId, type ReactNode } from 'react';

/**
 * A GOV.UK table with the MoJ Frontend sortable table's markup (`@ministryofjustice/frontend`, its Sass only): a
 * sortable column's header cell says how the rows are sorted (`aria-sort`) and holds a button with MoJ's arrows;
 * the caption tells screen readers which headers sort. MoJ's JavaScript is not used: the sort itself is done by
 * whoever owns the rows (often the API, with the sort kept in the URL), so this table only reports which sort was
 * asked for.
 *
 * On narrow screens (below the tablet breakpoint) each row stacks into a block, every cell labelled with its
 * column's name, so the table reflows at 320 CSS pixels instead of scrolling sideways (WCAG 1.4.10).
 */
export interface SortableColumn<Row> {
  /** Unique within the table. */
  key: string;
  header: ReactNode;
  /** The column's name as text, shown beside each cell when rows stack on narrow screens. */
  label: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The cell that names the row: rendered as a row header for screen readers. */
  rowHeader?: boolean;
  /** The sort values for this column, ascending and descending, when the rows can be sorted by it. */
  sort?: { ascending: string; descending: string; /** Which way the first press sorts. */ first?: 'ascending' | 'descending' };
  /** Extra class on the column's cells, e.g. to set a width. */
  className?: string;
}

export interface SortableTableProps<Row> {
  caption: ReactNode;
  /** Show the caption as a heading-sized caption, or keep it for screen readers only. */
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  columns: readonly SortableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** The sort in force (one of the columns' sort values), if any. */
  sort?: string | undefined;
  /** Called with the new sort value when a sortable header is pressed. Without it, headers are plain text. */
  onSort?: ((sort: string) => void) | undefined;
  /** Stack rows into blocks on narrow screens. On by default. */
  stackOnSmallScreens?: boolean;
}

type AriaSort = 'ascending' | 'descending' | 'none';

/** MoJ Frontend's sort arrows (as its sortable table draws them): up, down, or both when the column is not sorted. */
function SortArrow({ direction }: { direction: AriaSort }) {
  return (
    <svg width="22" height="22" focusable="false" aria-hidden="true" viewBox="0 0 22 22" fill="none" xmlns="http://www.w3.org/2000/svg">
      {direction === 'ascending' ? (
        <path d="M6.5625 15.5L11 6.63125L15.4375 15.5H6.5625Z" fill="currentColor" />
      ) : direction === 'descending' ? (
        <path d="M15.4375 7L11 15.8687L6.5625 7L15.4375 7Z" fill="currentColor" />
      ) : (
        <>
          <path d="M8.1875 9.5L10.9609 3.95703L13.7344 9.5H8.1875Z" fill="currentColor" />
          <path d="M13.7344 12.0781L10.9609 17.6211L8.1875 12.0781H13.7344Z" fill="currentColor" />
        </>
      )}
    </svg>
  );
}

function ariaSortOf(column: SortableColumn<unknown>, sort: string | undefined): AriaSort | undefined {
  if (!column.sort) return undefined;
  if (sort === column.sort.ascending) return 'ascending';
  if (sort === column.sort.descending) return 'descending';
  return 'none';
}

export function SortableTable<Row>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  stackOnSmallScreens = true,
}: SortableTableProps<Row>) {
  const captionId = useId();
  const captionClass =
    captionSize === 'hidden' ? 'govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`;
  const sortable = onSort !== undefined && columns.some((column) => column.sort);
  return (
    // Focusable so keyboard users can scroll it sideways when it does not fit (between 641px and its natural width).
    <div className="app-table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={`govuk-table app-sortable-table${stackOnSmallScreens ? ' app-stacked-table' : ''}`}>
        <caption className={captionClass} id={captionId}>
          {caption}
          {sortable ? <span className="govuk-visually-hidden"> (column headers with buttons are sortable).</span> : null}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column, index) => {
              const ariaSort = onSort ? ariaSortOf(column as SortableColumn<unknown>, sort) : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={ariaSort}
                  className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}${column.className ? ` ${column.className}` : ''}`}
                >
                  {column.sort && onSort ? (
                    <button
                      type="button"
                      data-index={index}
                      onClick={() => {
                        const { ascending, descending, first = 'ascending' } = column.sort!;
                        if (ariaSort === 'ascending') onSort(descending);
                        else if (ariaSort === 'descending') onSort(ascending);
                        else onSort(first === 'ascending' ? ascending : descending);
                      }}
                    >
                      {column.header}
                      <SortArrow direction={ariaSort ?? 'none'} />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="govuk-table__row">
              {columns.map((column) => {
                const className = `${column.numeric ? ' govuk-table__cell--numeric' : ''}${column.className ? ` ${column.className}` : ''}`;
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={`govuk-table__header${className}`} data-label={column.label}>
                    <span className="app-sortable-table__value">{column.cell(row)}</span>
                  </th>
                ) : (
                  <td key={column.key} className={`govuk-table__cell${className}`} data-label={column.label}>
                    <span className="app-sortable-table__value">{column.cell(row)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The start of a long text for a table row: its first line, at most `length` characters. The whole text is on its own page. */
export function clampText(text: string, length = 140): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const more = firstLine.length < text.trim().length;
  if (firstLine.length > length) return `${firstLine.slice(0, length - 1).trimEnd()}…`;
  return more ? `${firstLine.trimEnd()}…` : firstLine;
}
