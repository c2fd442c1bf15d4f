import { useEffect, useRef, type MouseEvent } from 'react';

export interface SummaryError {
  /** The id of the field the error is about; the link moves focus there. */
  fieldId?: string | undefined;
  message: string;
}

/**
 * The GOV.UK error summary: shown at the top of a form, takes focus when it appears so screen reader
 * users hear it, and links each error to its field. Pass a new `errors` list only when the form is sent
 * (memoise it), or it would take focus again on every render.
 */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;

  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${error.fieldId ?? 'form'}-${index}`}>
                {error.fieldId ? (
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId!)}>
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** Move to the field without changing the URL (the router owns it), bringing its label or legend into view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const legendOrLabel = field.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${fieldId}"]`);
  (legendOrLabel ?? field).scrollIntoView?.();
  field.focus({ preventScroll: true });
}
