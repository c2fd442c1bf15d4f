import { IMPORT_FIELD_LABELS, PLAN_COLUMNS, type ImportField, type ImportMapping, type ImportMessage } from '@lrt/contracts';
import { keyOf } from './cell-values';

const FIELD_BY_HEADING = new Map<string, ImportField>();
for (const column of PLAN_COLUMNS) {
  const field = column.field ?? 'ignore';
  for (const name of [column.heading, ...column.aliases]) if (!FIELD_BY_HEADING.has(keyOf(name))) FIELD_BY_HEADING.set(keyOf(name), field);
}

/** A heading's field by the names people use; headings that merely start with a known name count too ("Target date (revised)"). */
function fieldOfHeading(heading: string): ImportField {
  const key = keyOf(heading);
  const exact = FIELD_BY_HEADING.get(key);
  if (exact) return exact;
  let best: { field: ImportField; length: number } | undefined;
  for (const [name, field] of FIELD_BY_HEADING) {
    if (name.length >= 4 && key.startsWith(name) && (!best || name.length > best.length)) best = { field, length: name.length };
  }
  return best?.field ?? 'ignore';
}

/** The mapping the import proposes: each column by its heading, each field to the first column that names it. */
export function guessMapping(headings: string[]): ImportMapping {
  const taken = new Set<ImportField>();
  return headings.map((heading, column) => {
    const field = fieldOfHeading(heading);
    if (field === 'ignore' || taken.has(field)) return { column, field: 'ignore' };
    taken.add(field);
    return { column, field };
  });
}

/** What stops a mapping being used: a field given to two columns, a column out of range, no action or agency column. */
export function checkMapping(mapping: ImportMapping, width: number): ImportMessage[] {
  const problems: ImportMessage[] = [];
  const seen = new Map<ImportField, number>();
  for (const { column, field } of mapping) {
    if (column >= width) problems.push({ field: 'mapping', message: `there is no column ${column + 1} in the sheet` });
    if (field === 'ignore') continue;
    const first = seen.get(field);
    if (first !== undefined) problems.push({ field: 'mapping', message: `${IMPORT_FIELD_LABELS[field]} is given to two columns (${first + 1} and ${column + 1}): choose one` });
    else seen.set(field, column);
  }
  return problems;
}

/** The mapping with every column present once (columns the request left out are left out of the import). */
export function completeMapping(mapping: ImportMapping, width: number): ImportMapping {
  const byColumn = new Map(mapping.map((m) => [m.column, m.field]));
  return Array.from({ length: width }, (_, column) => ({ column, field: byColumn.get(column) ?? 'ignore' }));
}
