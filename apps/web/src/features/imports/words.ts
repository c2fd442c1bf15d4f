import type { ImportCommitResult, ImportPreview, ImportRow } from '@lrt/contracts';
import { pluralise } from '@/lib/format';

type Outcome = ImportRow['outcome'];

/** Each outcome as a word, and a tag colour that goes with the word (never the colour alone). */
export const OUTCOME_WORDS: Record<Outcome, string> = {
  create: 'New',
  update: 'Update',
  unchanged: 'Unchanged',
  conflict: 'Conflict',
  error: 'Error',
  left_out: 'Left out',
};

export const OUTCOME_TAG_CLASSES: Record<Outcome, string> = {
  create: 'govuk-tag--green',
  update: 'govuk-tag--blue',
  unchanged: 'govuk-tag--grey',
  conflict: 'govuk-tag--orange',
  error: 'govuk-tag--red',
  left_out: 'govuk-tag--grey',
};

/** "12 actions created, 3 updated, 1 agency created", as a commit answers. */
export function commitSummary({ created, updated, agenciesCreated }: ImportCommitResult): string {
  const parts = [`${pluralise(created, 'action')} created`, `${updated} updated`];
  if (agenciesCreated > 0) parts.push(`${pluralise(agenciesCreated, 'agency', 'agencies')} created`);
  return parts.join(', ');
}

/** Why the plan cannot be brought in yet, in words; null when it can. */
export function commitBlocker(preview: Pick<ImportPreview, 'canCommit' | 'counts' | 'errors' | 'state'>): string | null {
  if (preview.canCommit) return null;
  if (preview.state === 'committed') return 'This plan has already been imported.';
  const { counts } = preview;
  if (preview.errors.length > 0) {
    return `The file has ${preview.errors.length === 1 ? 'a problem' : 'problems'} to put right first (listed under “Check the preview”): correct the columns above, or the file, and upload it again.`;
  }
  const reasons: string[] = [];
  if (counts.error > 0) reasons.push(`${pluralise(counts.error, 'row has', 'rows have')} errors`);
  if (counts.conflict > 0) reasons.push(`${pluralise(counts.conflict, 'row conflicts', 'rows conflict')} with changes made in the tracker since the file was exported`);
  if (reasons.length > 0) {
    return `${reasons.join(' and ')}. Correct the columns or the agencies, or leave those rows out, then import the plan.`;
  }
  if (counts.create + counts.update === 0) return 'There is nothing to import: no row would create or change an action.';
  return 'The plan cannot be imported yet.';
}
