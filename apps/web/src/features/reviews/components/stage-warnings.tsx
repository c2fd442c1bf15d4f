import type { ReviewStageWarning } from '@lrt/domain';

/**
 * What looks inconsistent between the stage and the key dates, as a GOV.UK warning text. Warnings, not errors:
 * the review can be saved as it is. The region is polite and live, so a change is read out as it happens.
 */
export function StageWarnings({ warnings }: { warnings: readonly ReviewStageWarning[] }) {
  return (
    <div aria-live="polite" className="app-stage-warnings">
      {warnings.length > 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              Check the stage and dates. You can still save the review as it is.
            </p>
            <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
              {warnings.map((warning) => (
                <li key={warning.message}>{warning.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}
