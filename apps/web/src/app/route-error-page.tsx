import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';

/**
 * Shown when a page fails to render or its code cannot be loaded (for example after a new release
 * replaced the chunks). A plain page, without the layout, because the layout itself may have failed.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  useDocumentTitle('Sorry, there is a problem');
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="govuk-width-container">
      <main className="govuk-main-wrapper" id="main-content">
        <h1 className="govuk-heading-l">{notFound ? 'Page not found' : 'Sorry, there is a problem with the tracker'}</h1>
        <p className="govuk-body">
          {notFound ? 'Check the web address.' : 'Reload the page to try again. If it happens again, tell your business unit.'}
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to the start page
          </a>
        </p>
      </main>
    </div>
  );
}
