import { Link, useSearchParams } from 'react-router';
import type { ImportMessage, ImportPreview, ImportRow } from '@lrt/contracts';
import { clampText, SortableTable, type SortableColumn } from '@/components/sortable-table';
import { formatDate, pluralise } from '@/lib/format';
import { fieldLabel, type ImportContract } from '../import-contract';
import { canLeaveOut, leftOutRows, pageOfRows, readRowView, ROW_FILTER_LABELS, ROW_FILTERS, rowFilterCount, type RowFilter } from '../preview-rows';
import { OUTCOME_TAG_CLASSES, OUTCOME_WORDS } from '../words';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const showValue = (value: string | undefined) => (value === undefined || value === '' ? '—' : DATE.test(value) ? formatDate(value) : value);

export const leaveOutId = (row: Pick<ImportRow, 'rowNumber'>) => `import-leave-out-${row.rowNumber}`;

export interface PreviewStepProps {
  preview: ImportPreview;
  contract: ImportContract;
  /** Sends the rows to leave out (every one, not only the change). */
  onLeaveOut: (rowNumbers: number[]) => void;
  applying: boolean;
}

/** A message about a field, with the field's label: "Target date: 31.3.26 read as 31 March 2026". */
function messageText(contract: ImportContract, message: ImportMessage) {
  // Messages about the row, the file or the mapping as a whole name no field.
  const label = (contract.fieldLabels as Record<string, string | undefined>)[message.field];
  return label ? `${label}: ${message.message}` : message.message;
}

function Messages({ row, contract }: { row: ImportRow; contract: ImportContract }) {
  if (row.errors.length === 0 && row.warnings.length === 0 && row.changes.length === 0) return <span className="app-secondary-text">None</span>;
  return (
    <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0 app-file-name">
      {row.errors.map((error, index) => (
        <li key={`e${index}`} className="govuk-error-message govuk-!-margin-bottom-1">
          <span className="govuk-visually-hidden">Error: </span>
          {messageText(contract, error)}
        </li>
      ))}
      {row.warnings.map((warning, index) => (
        <li key={`w${index}`}>
          <strong>Warning:</strong> {messageText(contract, warning)}
        </li>
      ))}
      {row.changes.length > 0 ? (
        <li>
          <strong>Changes:</strong> {row.changes.map((field) => fieldLabel(contract, field)).join(', ')}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * Step 4: the rows as they will be saved, fifty at a time, with a filter (kept in the URL, with the page, so a link
 * or a reload shows the same rows) and each row's errors and warnings beside it. Rows with errors or conflicts can
 * be left out of the import.
 */
export function PreviewStep({ preview, contract, onLeaveOut, applying }: PreviewStepProps) {
  const [search] = useSearchParams();
  const { filter, page } = readRowView(search);
  const shown = pageOfRows(preview.rows, filter, page);
  const { counts } = preview;
  const leftOut = leftOutRows(preview.rows);
  const withErrors = preview.rows.filter((row) => row.outcome === 'error').map((row) => row.rowNumber);

  const hrefFor = (next: { filter?: RowFilter; page?: number }) => {
    const params = new URLSearchParams(search);
    const nextFilter = next.filter ?? filter;
    if (nextFilter === 'all') params.delete('show');
    else params.set('show', nextFilter);
    const nextPage = next.page ?? 1;
    if (nextPage <= 1) params.delete('page');
    else params.set('page', String(nextPage));
    const query = params.toString();
    return `?${query}`;
  };

  const toggle = (row: ImportRow, leave: boolean) => {
    const set = new Set(leftOut);
    if (leave) set.add(row.rowNumber);
    else set.delete(row.rowNumber);
    onLeaveOut([...set].sort((a, b) => a - b));
  };

  const figures: [string, number][] = [
    ['Actions to create', counts.create],
    ['Actions to update', counts.update],
    ['Unchanged', counts.unchanged],
    ['Conflicts', counts.conflict],
    ['Rows with errors', counts.error],
    ['Left out', counts.leftOut],
    ['Warnings', counts.warnings],
  ];

  const columns: SortableColumn<ImportRow>[] = [
    { key: 'row', header: 'Row', label: 'Row', rowHeader: true, cell: (row) => <>Row {row.rowNumber}</> },
    {
      key: 'outcome',
      header: 'Outcome',
      label: 'Outcome',
      cell: (row) => <strong className={`govuk-tag ${OUTCOME_TAG_CLASSES[row.outcome]}`}>{OUTCOME_WORDS[row.outcome]}</strong>,
    },
    { key: 'ref', header: 'Ref', label: 'Ref', cell: (row) => row.ref ?? '—' },
    { key: 'owner', header: fieldLabel(contract, 'ownerAgency'), label: fieldLabel(contract, 'ownerAgency'), cell: (row) => showValue(row.values.ownerAgency) },
    {
      key: 'action',
      header: 'Action',
      label: 'Action',
      cell: (row) => <span className="app-file-name">{row.values.action ? clampText(row.values.action, 120) : '—'}</span>,
    },
    { key: 'target', header: fieldLabel(contract, 'targetDate'), label: fieldLabel(contract, 'targetDate'), cell: (row) => showValue(row.values.targetDate) },
    { key: 'status', header: fieldLabel(contract, 'status'), label: fieldLabel(contract, 'status'), cell: (row) => showValue(row.values.status) },
    { key: 'messages', header: 'Errors, warnings and changes', label: 'Errors and warnings', cell: (row) => <Messages row={row} contract={contract} /> },
    {
      key: 'leave-out',
      header: 'Leave out',
      label: 'Leave out',
      cell: (row) =>
        canLeaveOut(row) ? (
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={leaveOutId(row)}
                type="checkbox"
                checked={row.outcome === 'left_out'}
                disabled={applying}
                onChange={(event) => toggle(row, event.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={leaveOutId(row)}>
                Leave out <span className="govuk-visually-hidden">row {row.rowNumber}</span>
              </label>
            </div>
          </div>
        ) : (
          <span className="app-secondary-text">—</span>
        ),
    },
  ];

  return (
    <>
      <dl className="govuk-summary-list govuk-summary-list--no-border">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Rows read</dt>
          <dd className="govuk-summary-list__value">{counts.rows}</dd>
        </div>
        {figures.map(([label, value]) => (
          <div key={label} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{label}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>

      {preview.errors.length > 0 ? (
        <div className="govuk-error-summary" role="alert" aria-labelledby="import-file-errors">
          <h3 className="govuk-error-summary__title" id="import-file-errors">
            {preview.errors.length === 1 ? 'A problem with the file' : 'Problems with the file'}
          </h3>
          <div className="govuk-error-summary__body">
            <ul className="govuk-list govuk-error-summary__list">
              {preview.errors.map((error, index) => (
                <li key={index}>{messageText(contract, error)}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {preview.warnings.length > 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {preview.warnings.map((warning, index) => (
                <li key={index}>{messageText(contract, warning)}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      {withErrors.length > 0 ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={applying}
          onClick={() => onLeaveOut([...new Set([...leftOut, ...withErrors])].sort((a, b) => a - b))}
        >
          Leave out the {pluralise(withErrors.length, 'row')} with errors
        </button>
      ) : null}

      <nav aria-label="Which rows to show" className="govuk-!-margin-bottom-4">
        <ul className="govuk-list app-tag-list">
          {ROW_FILTERS.map((option) => {
            const count = rowFilterCount(preview, option);
            const label = `${ROW_FILTER_LABELS[option]} (${count})`;
            return (
              <li key={option} className="govuk-!-margin-right-3">
                {option === filter ? (
                  <strong aria-current="page">{label}</strong>
                ) : (
                  <Link className="govuk-link" to={hrefFor({ filter: option })} preventScrollReset>
                    {label}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      </nav>

      {shown.total === 0 ? (
        <p className="govuk-body">No row is {ROW_FILTER_LABELS[filter].toLowerCase()}.</p>
      ) : (
        <SortableTable
          caption={
            shown.pages > 1
              ? `${ROW_FILTER_LABELS[filter]}: rows ${shown.first} to ${shown.last} of ${shown.total}`
              : `${ROW_FILTER_LABELS[filter]}: ${pluralise(shown.total, 'row')}`
          }
          captionSize="s"
          columns={columns}
          rows={shown.rows}
          rowKey={(row) => row.rowNumber}
        />
      )}
      {shown.pages > 1 ? (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of rows">
          {shown.page > 1 ? (
            <div className="govuk-pagination__prev">
              <Link className="govuk-link govuk-pagination__link" to={hrefFor({ page: shown.page - 1 })} rel="prev" preventScrollReset>
                <span className="govuk-pagination__link-title">
                  Previous page <span className="govuk-visually-hidden">of rows</span>
                </span>
                <span className="govuk-visually-hidden">:</span>
                <span className="govuk-pagination__link-label">
                  {shown.page - 1} of {shown.pages}
                </span>
              </Link>
            </div>
          ) : null}
          {shown.page < shown.pages ? (
            <div className="govuk-pagination__next">
              <Link className="govuk-link govuk-pagination__link" to={hrefFor({ page: shown.page + 1 })} rel="next" preventScrollReset>
                <span className="govuk-pagination__link-title">
                  Next page <span className="govuk-visually-hidden">of rows</span>
                </span>
                <span className="govuk-visually-hidden">:</span>
                <span className="govuk-pagination__link-label">
                  {shown.page + 1} of {shown.pages}
                </span>
              </Link>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
