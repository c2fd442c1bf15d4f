import type { RefObject } from 'react';

/** What the person asked for when adding: stay in the form for the next one, or close it. */
export type SaveIntent = 'another' | 'close';

/**
 * The buttons of an inline plan form. Adding offers "Save and add another" first (what Enter in a field does) and
 * "Save and close"; changing offers "Save changes". Cancel closes the form and keeps nothing.
 */
export function PlanFormButtons({
  adding,
  pending,
  noun,
  intent,
  onCancel,
}: {
  adding: boolean;
  pending: boolean;
  /** "learning point" */
  noun: string;
  intent: RefObject<SaveIntent>;
  onCancel: () => void;
}) {
  return (
    <div className="govuk-button-group">
      {adding ? (
        <>
          <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending} onClick={() => (intent.current = 'another')}>
            Save and add another <span className="govuk-visually-hidden">{noun}</span>
          </button>
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            disabled={pending}
            aria-disabled={pending}
            onClick={() => (intent.current = 'close')}
          >
            Save and close
          </button>
        </>
      ) : (
        <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </button>
      )}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
