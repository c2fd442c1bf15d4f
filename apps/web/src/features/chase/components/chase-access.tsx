import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';

/**
 * Chasing is for the business unit and for subgroup chairs (for their subgroups), as the API's rule table says
 * (`capabilities.chase`). Anyone else sees why, and nothing of chasing is asked of the API.
 */
export function ChaseAccess({ children }: { children: ReactNode }) {
  const me = useSignedIn();
  if (!me) return null;
  return me.capabilities.chase ? <>{children}</> : <NoChaseAccess />;
}

function NoChaseAccess() {
  useDocumentTitle('You cannot chase updates');
  return (
    <>
      <h1 className="govuk-heading-l">You cannot chase updates</h1>
      <p className="govuk-body">
        Asking agencies for updates on their actions is for the partnership business unit, and for subgroup chairs about the actions
        their subgroup oversees.
      </p>
      <p className="govuk-body">
        Your account does not have that permission (error 403, forbidden). If you think it should, ask your partnership business
        unit.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your start page
        </Link>
      </p>
    </>
  );
}
