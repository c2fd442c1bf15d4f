import type { Capabilities } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';

/** The capabilities (from the API's rule table) that open each part of administration. */
export type AdminCapability = keyof Pick<Capabilities, 'manageReferenceData' | 'manageUsers' | 'manageSettings'>;

export const ADMIN_CAPABILITIES: readonly AdminCapability[] = ['manageReferenceData', 'manageUsers', 'manageSettings'];

/**
 * Shows its children only to people the API lets do this part of administration (`me.capabilities`); everyone
 * else sees a page saying they have no access, and nothing of the part is asked of the API.
 */
export function AdminAccess({ capability, children }: { capability: AdminCapability | 'any'; children: ReactNode }) {
  const me = useSignedIn();
  if (!me) return null;
  const allowed =
    capability === 'any' ? ADMIN_CAPABILITIES.some((name) => me.capabilities[name]) : me.capabilities[capability];
  return allowed ? <>{children}</> : <NoAdminAccessPage />;
}

/** The 403 page of administration, in words. */
export function NoAdminAccessPage() {
  useDocumentTitle('You do not have access to administration');
  return (
    <>
      <h1 className="govuk-heading-l">You do not have access to administration</h1>
      <p className="govuk-body">
        Administration is for the partnership business unit: setting up agencies, subgroups, themes, user accounts
        and the partnership&rsquo;s settings.
      </p>
      <p className="govuk-body">
        Your account does not have that permission (error 403, forbidden). If you think it should, ask your
        partnership business unit.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your start page
        </Link>
      </p>
    </>
  );
}
