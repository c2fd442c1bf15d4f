import { Link } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        Go to the{' '}
        <Link className="govuk-link" to="/reviews">
          list of reviews
        </Link>{' '}
        or the{' '}
        <Link className="govuk-link" to="/actions">
          list of actions
        </Link>
        .
      </p>
    </>
  );
}
