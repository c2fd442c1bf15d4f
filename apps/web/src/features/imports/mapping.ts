import type { ImportColumn, ImportField, ImportMapping } from '@lrt/contracts';

/** The field of every column of the file, by column index: `ignore` for a column the mapping leaves out. */
export type ColumnFields = ReadonlyMap<number, ImportField>;

export function columnFields(columns: readonly ImportColumn[], mapping: ImportMapping): ColumnFields {
  const byColumn = new Map(mapping.map((entry) => [entry.column, entry.field]));
  return new Map(columns.map((column) => [column.index, byColumn.get(column.index) ?? 'ignore']));
}

export interface Assigned {
  fields: ColumnFields;
  /** The column that had the field before, now left out (a field is read from one column only). */
  displaced: number | null;
}

/** Give `field` to `column`. A field other than `ignore` belongs to one column, so any other column with it is left out. */
export function assignField(fields: ColumnFields, column: number, field: ImportField): Assigned {
  const next = new Map(fields);
  let displaced: number | null = null;
  if (field !== 'ignore') {
    for (const [other, otherField] of fields) {
      if (other !== column && otherField === field) {
        next.set(other, 'ignore');
        displaced = other;
      }
    }
  }
  next.set(column, field);
  return { fields: next, displaced };
}

/** The whole mapping, as `PATCH /api/imports/:id` takes it: every column, in the file's order. */
export const toMapping = (fields: ColumnFields): ImportMapping =>
  [...fields].sort(([a], [b]) => a - b).map(([column, field]) => ({ column, field }));

export const sameFields = (a: ColumnFields, b: ColumnFields) => a.size === b.size && [...a].every(([column, field]) => b.get(column) === field);
