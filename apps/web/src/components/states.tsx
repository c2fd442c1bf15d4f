import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '@/lib/api-client';

/** Shown while data loads. Announced politely to screen readers. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <p className="app-loading" role="status" aria-live="polite">
      {label}…
    </p>
  );
}

/** Shown when a list has nothing in it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{title}</p>
      {children ? <div className="govuk-body govuk-!-margin-bottom-0">{children}</div> : null}
    </div>
  );
}

/** What went wrong, in words, from the API's problem details where there are some. */
export function describeError(error: unknown): { title: string; detail: string } {
  if (isApiError(error)) {
    if (error.status === 401) return { title: 'You need to sign in', detail: 'Sign in to see this page.' };
    if (error.status === 403) return { title: 'You cannot see this', detail: error.problem.detail };
    if (error.status === 404) return { title: 'Not found', detail: error.problem.detail };
    return { title: error.problem.title, detail: error.problem.detail };
  }
  return { title: 'Something went wrong', detail: 'The page could not be shown. Try again later.' };
}

/** Shown when a query fails. Offers to try again, since network and server failures are often brief. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: (() => void) | undefined }) {
  const { title, detail } = describeError(error);
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">{title}</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{detail}</p>
        {onRetry ? (
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onRetry}>
            Try again
          </button>
        ) : (
          <p className="govuk-body govuk-!-margin-bottom-0">
            <Link className="govuk-link" to="/">
              Go to the start page
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
