import type { ReactNode } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { VersionConflict, type ConflictRow } from '@/features/admin/components/version-conflict';
import { PlanFormButtons } from './plan-form-buttons';
import type { InPlaceFormState, PlanItem, PlanItemValues } from './use-in-place-form';

/**
 * What every plan form on the review page shows around its own fields: the heading, the error summary, the
 * "has been added" message, the number box and the buttons; or, when someone else saved first, the conflict panel.
 */
export function InPlaceForm<T extends PlanItem, V extends PlanItemValues>({
  form,
  conflictRows,
  children,
}: {
  form: InPlaceFormState<T, V>;
  /** What someone else saved beside what is in the form, field by field. */
  conflictRows: (saved: T) => ConflictRow[];
  /** The form's own fields, before the number. */
  children: ReactNode;
}) {
  if (form.conflict) {
    return (
      <VersionConflict subject={`this ${form.noun}`} pending={form.pending} rows={conflictRows(form.conflict)} onReapply={form.reapply} onDiscard={form.discard} />
    );
  }
  return (
    <form className="app-plan-form app-plan-form--inline" noValidate onSubmit={form.onSubmit} aria-labelledby={form.headingId}>
      <h3 className="govuk-heading-s" id={form.headingId}>
        {form.item ? `Edit ${form.noun} ${form.item.number}` : `Add a ${form.noun}`}
      </h3>
      <ErrorSummary errors={form.summary} />
      {form.added ? (
        <p className="govuk-body app-plan-form__added" role="status">
          {form.added}
        </p>
      ) : null}
      {children}
      <TextInput
        id={form.id('number')}
        name="number"
        label="Number"
        labelSize="s"
        hint={form.item ? 'To move it, use Move up and Move down instead' : 'The next number, unless you give another'}
        className="govuk-input--width-3"
        inputMode="numeric"
        autoComplete="off"
        value={form.shownNumber}
        onChange={(event) => form.typeNumber(event.target.value)}
        error={form.errorOf('number')}
      />
      <PlanFormButtons adding={form.item === null} pending={form.pending} noun={form.noun} intent={form.intent} onCancel={form.onCancel} />
    </form>
  );
}
