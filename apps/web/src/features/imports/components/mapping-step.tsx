import { useEffect, useState, type FormEvent } from 'react';
import type { ImportColumn, ImportField, ImportPreview } from '@lrt/contracts';
import { clampText, SortableTable, type SortableColumn } from '@/components/sortable-table';
import { pluralise } from '@/lib/format';
import type { ImportContract } from '../import-contract';
import { assignField, columnFields, sameFields, type ColumnFields } from '../mapping';

/** How many of a column's first values are shown to help recognise it. */
const SAMPLES_SHOWN = 3;

export const mappingSelectId = (column: Pick<ImportColumn, 'index'>) => `import-column-${column.index}`;

const headingOf = (column: ImportColumn) => column.heading.trim() || `Column ${column.index + 1} (no heading)`;

export interface MappingStepProps {
  preview: Pick<ImportPreview, 'columns' | 'mapping' | 'headerRow' | 'sheetName'>;
  contract: ImportContract;
  /** Sends the whole mapping; resolves once the preview has been computed again. */
  onApply: (fields: ColumnFields) => void;
  applying: boolean;
  /** Tells the page whether there are choices not yet applied (the commit waits for them). */
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * Step 2: what each column of the file is read as. The tracker guesses from the headings; the person corrects a
 * guess with the column's select, then applies the changes (one request, however many selects were changed, so
 * moving through a select's options with the arrow keys does not recompute the preview at each one).
 */
export function MappingStep({ preview, contract, onApply, applying, onDirtyChange }: MappingStepProps) {
  const saved = columnFields(preview.columns, preview.mapping);
  const [fields, setFields] = useState<ColumnFields>(saved);
  const [notice, setNotice] = useState('');
  const dirty = !sameFields(fields, saved);
  const changed = preview.columns.filter((column) => fields.get(column.index) !== saved.get(column.index)).length;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const choose = (column: ImportColumn, field: ImportField) => {
    const { fields: next, displaced } = assignField(fields, column.index, field);
    setFields(next);
    const other = displaced === null ? undefined : preview.columns.find((candidate) => candidate.index === displaced);
    setNotice(
      other
        ? `“${headingOf(other)}” is now left out: ${contract.fieldLabels[field]} is read from one column only, “${headingOf(column)}”.`
        : '',
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (applying) return;
    if (!dirty) {
      setNotice('No column has been changed: the preview below is read with these columns.');
      return;
    }
    setNotice('');
    onApply(fields);
  };

  const options = contract.fields.map((field) => ({ value: field, label: contract.fieldLabels[field] }));
  const columns: SortableColumn<ImportColumn>[] = [
    { key: 'heading', header: 'Column in the file', label: 'Column', rowHeader: true, cell: (column) => headingOf(column) },
    {
      key: 'samples',
      header: 'First values',
      label: 'First values',
      cell: (column) =>
        column.samples.length === 0 ? (
          <span className="app-secondary-text">Empty</span>
        ) : (
          <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0 app-file-name">
            {column.samples.slice(0, SAMPLES_SHOWN).map((sample, index) => (
              <li key={index}>{clampText(sample, 80)}</li>
            ))}
          </ul>
        ),
    },
    {
      key: 'field',
      header: 'Read as',
      label: 'Read as',
      cell: (column) => (
        <>
          <label className="govuk-visually-hidden" htmlFor={mappingSelectId(column)}>
            Read the column “{headingOf(column)}” as
          </label>
          <select
            id={mappingSelectId(column)}
            className="govuk-select"
            value={fields.get(column.index) ?? 'ignore'}
            onChange={(event) => choose(column, event.target.value as ImportField)}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </>
      ),
    },
  ];

  return (
    <form onSubmit={onSubmit} aria-labelledby="import-mapping-heading" noValidate>
      <p className="govuk-body">
        The headings are on row {preview.headerRow}
        {preview.sheetName ? ` of the sheet “${preview.sheetName}”` : ''}. Check what each column is read as, and change any the
        tracker guessed wrong. Columns left out are not imported.
      </p>
      <SortableTable
        caption={`The file’s ${pluralise(preview.columns.length, 'column')}`}
        captionSize="s"
        columns={columns}
        rows={preview.columns}
        rowKey={(column) => column.index}
      />
      <p className="govuk-body" aria-live="polite">
        {notice}
      </p>
      {dirty ? (
        <div className="govuk-inset-text">
          You have changed {pluralise(changed, 'column')}. Apply the changes to see the preview read again.
        </div>
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={applying}>
        {applying ? 'Applying the columns…' : 'Apply the columns'}
      </button>
    </form>
  );
}
