import { useEffect, useRef, type ReactNode } from 'react';

export interface ConflictRow {
  label: string;
  /** The value as someone else saved it (from the problem's `current`). */
  current: ReactNode;
  /** The value in the form: what this person wanted. */
  yours: ReactNode;
  /** The two differ: said in words, not by colour. */
  differs: boolean;
}

export interface VersionConflictProps {
  /** What was changed: "this agency", "this user", "the settings". */
  subject: string;
  rows: readonly ConflictRow[];
  /** Send this person's values again, on top of the version now saved. */
  onReapply: () => void;
  /** Drop this person's values and put the saved ones in the form. */
  onDiscard: () => void;
  pending?: boolean;
}

/**
 * Shown when a change is refused because someone else saved first (409 `*.version_conflict`): nothing was saved,
 * here is what is saved now beside what you entered, and you choose. Takes focus so it is read out.
 */
export function VersionConflict({ subject, rows, onReapply, onDiscard, pending = false }: VersionConflictProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      ref={ref}
      className="govuk-notification-banner app-conflict"
      role="alert"
      aria-labelledby="version-conflict-title"
      tabIndex={-1}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="version-conflict-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Someone else changed {subject} while you were editing it. Nothing you entered has been saved yet.
        </p>
        <table className="govuk-table app-conflict__table">
          <caption className="govuk-table__caption govuk-table__caption--s">What is saved now, and what you entered</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Field
              </th>
              <th scope="col" className="govuk-table__header">
                Saved now
              </th>
              <th scope="col" className="govuk-table__header">
                You entered
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((row) => (
              <tr key={row.label} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {row.label}
                </th>
                <td className="govuk-table__cell">{row.current}</td>
                <td className="govuk-table__cell">
                  {row.yours}
                  {row.differs ? <strong className="moj-badge moj-badge--black app-conflict__differs">Different</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" onClick={onReapply} disabled={pending} aria-disabled={pending}>
            Save what I entered
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onDiscard} disabled={pending}>
            Use what is saved now
          </button>
        </div>
      </div>
    </div>
  );
}
